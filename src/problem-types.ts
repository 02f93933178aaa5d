// What each problem `type` means: the page its URI (`/problems/<code>`) shows. Every code the API answers with is
// here (a test reads the source for codes and fails on one missing); a code is a contract, like a route.
import type { ProblemTypes } from './platform/http/problem-pages.js';

export const PROBLEM_TYPES: ProblemTypes = {
  // Input the API cannot read.
  'validation-failed': { status: 400, description: 'A field of the request is missing or has the wrong form. `errors` lists each field with what is wrong.' },
  'query-not-encoded': {
    status: 400,
    description: 'The query string holds a link with its own `?` or `&` that was not percent-encoded, so its parts were read as separate parameters. Encode the link (e.g. `curl -G --data-urlencode q=...`).',
  },
  'invalid-characters': { status: 400, description: 'A text holds a NUL character or an unpaired surrogate, which no record may store. `errors` names the field.' },
  'json-too-deep': { status: 400, description: 'The JSON body nests deeper than the API ever needs; nothing was read.' },
  'malformed-json': { status: 400, description: 'The body is not valid JSON, or is empty where JSON was announced.' },
  'malformed-request': { status: 400, description: 'The HTTP request could not be parsed, for example raw non-ASCII bytes in the URL: percent-encode them.' },
  'malformed-url': { status: 400, description: 'The URL holds a broken percent-escape.' },
  'missing-host': { status: 400, description: 'The request has no Host header.' },
  'content-length-mismatch': { status: 400, description: 'The Content-Length header does not match the body sent.' },
  'invalid-if-match': { status: 400, description: 'If-Match must be exactly one ETag as a read returned it, e.g. `"v3"`.' },
  'invalid-idempotency-key': { status: 400, description: 'Idempotency-Key must be 1 to 255 visible ASCII characters.' },
  'invalid-target': { status: 400, description: 'The `q` of a check is not a domain, link or IP address a browser could visit; `errors` says why.' },
  'api-key-in-query': { status: 400, description: 'An API key was sent in the query string, where logs and proxies keep it: send it as `Authorization: Bearer <key>`, and revoke the exposed key.' },
  'duplicate-authorization-header': { status: 400, description: 'The request carries more than one Authorization header; send exactly one.' },
  'invalid-report-cursor': { status: 400, description: 'The `cursor` of `/v1/admin/reports` is not one the listing returned: start again without it.' },
  'duplicate-references': {
    status: 400,
    description: 'Two or more items of a verification batch carry the same `reference`, so their answers could not be told apart: nothing was checked. `errors` names each repeat and the item it repeats.',
  },
  'bad-request': { status: 400, description: 'The request cannot be understood.' },
  // Who may do what.
  unauthorized: { status: 401, description: 'The route needs an API key (`Authorization: Bearer <key>`) that exists, has not expired and is not revoked.' },
  forbidden: { status: 403, description: 'The API key is valid but lacks the scope the route needs (see `x-required-scopes` in the OpenAPI document).' },
  // Records.
  'not-found': { status: 404, description: 'No route has this path.' },
  'firm-not-found': { status: 404, description: 'No firm has this id.' },
  'licence-not-found': { status: 404, description: 'The firm has no licence with this id.' },
  'blocked-entity-not-found': { status: 404, description: 'No blocked entity has this id.' },
  'warning-not-found': { status: 404, description: 'No warning has this id.' },
  'warning-names-licensed-domain': {
    status: 422,
    description: "A warning named an official domain of a licensed firm (or a name below one): the check would call the firm's site warned. `errors` names each domain by index and its firm.",
  },
  'receipt-not-found': {
    status: 404,
    description: 'This API key was issued no receipt with this id: a bank sees only the receipts of its own key (another key\'s receipt, or an anonymous one, is answered the same).',
  },
  'api-key-not-found': { status: 404, description: 'No API key has this id.' },
  'publication-not-found': {
    status: 404,
    description: 'No publication of the blocklist has this serial (serials that arrive while one is written are published together with the next; `latest` links the latest manifest), or none was published yet.',
  },
  'publication-file-not-found': { status: 404, description: 'The publication has no file of this name: its manifest lists every file.' },
  'signing-key-not-found': { status: 404, description: 'No signing key has this id: `/v1/signing-keys` and `/.well-known/jwks.json` list every key, retired ones too.' },
  'encoding-not-acceptable': {
    status: 406,
    description: 'Accept-Encoding refuses every coding a publication file is served in (br, gzip and identity, e.g. `identity;q=0` alone): accept one of them.',
  },
  'not-acceptable': { status: 406, description: 'The service cannot answer in a media type the Accept header allows; ask for JSON.' },
  'method-not-allowed': { status: 405, description: 'The path exists but not with this method; `Allow` lists the methods it takes.' },
  'request-timeout': { status: 408, description: 'The request did not arrive in full in time.' },
  conflict: { status: 409, description: 'The change conflicts with a record already stored (a unique value, a reference, or history that cannot change).' },
  'firm-name-taken': { status: 409, description: 'Another firm in the same jurisdiction already has this English name (compared in Unicode NFC, ignoring case).' },
  'licence-ended': { status: 409, description: 'An ended licence stays ended: grant a new licence instead.' },
  'licence-status-unchanged': { status: 409, description: 'The licence already has this status: there is nothing to record.' },
  'serial-ahead-of-publications': {
    status: 409,
    description: 'The serial is ahead of the latest publication, so no client can hold it: start again from the latest manifest (`latest`).',
  },
  'block-already-lifted': { status: 409, description: 'This block was already lifted: record a new block instead.' },
  'publication-gone': {
    status: 410,
    description: 'The publication is older than the window the service keeps files and deltas for (`PUBLICATION_RETAIN`): load the latest publication whole; `latest` and the `Link` header point at its manifest. Manifests themselves are kept for ever.',
  },
  gone: { status: 410, description: 'What the URL named is no longer served.' },
  'delta-too-large': {
    status: 410,
    description: 'More entries changed between the two publications than a delta carries (`PUBLICATION_MAX_DELTA_ENTRIES`): load the latest publication whole; `latest` and the `Link` header point at its manifest.',
  },
  'precondition-failed': { status: 412, description: 'The record changed since it was read (its ETag differs from If-Match): read it again and retry.' },
  'content-too-large': { status: 413, description: 'The body is larger than the service accepts (BODY_LIMIT_BYTES).' },
  'uri-too-long': { status: 414, description: 'A part of the path is longer than the service accepts.' },
  'unsupported-media-type': { status: 415, description: 'Bodies are JSON only: send `Content-Type: application/json`.' },
  'invalid-entries': { status: 422, description: 'Some items of a bulk blocklist request cannot be applied; nothing was written. `errors` lists each by index.' },
  'idempotency-key-reused': { status: 422, description: 'This Idempotency-Key was used before with a different request: use a new key for a new request.' },
  'constraint-violation': { status: 422, description: 'The record breaks a rule of the registry that the database enforces.' },
  'unprocessable-content': { status: 422, description: 'The request is well-formed but cannot be applied as it stands.' },
  'precondition-required': { status: 428, description: 'Changing this record needs If-Match with the ETag of the version you read.' },
  'too-many-reports': {
    status: 429,
    description: 'This address sent more reports this hour than REPORTS_PER_HOUR allows (the guard against flooding the operators\' list without a captcha); `Retry-After` says when to try again.',
  },
  'too-many-requests': { status: 429, description: 'The client sent more requests than its rate limit allows; `Retry-After` says when to try again.' },
  'header-fields-too-large': { status: 431, description: 'The request headers are larger than the service accepts.' },
  'request-header-fields-too-large': { status: 431, description: 'The request headers are larger than the service accepts.' },
  // The service.
  'internal-error': { status: 500, description: 'Something failed inside the service. Nothing half-written was kept; quote the request id when reporting it.' },
  'internal-server-error': { status: 500, description: 'Something failed inside the service; quote the request id when reporting it.' },
  'check-unavailable': {
    status: 503,
    description: 'The check has no copy of the registry it may answer from: its database has been unreachable for longer than CHECK_MAX_STALENESS_SECONDS (the body gives the `serial` and `stale` of the copy it has), or since start. `Retry-After` says when to try again.',
  },
  'publication-files-unavailable': {
    status: 503,
    description: 'This instance lacks a file of a retained publication and could not render it again from the history to the hash its manifest lists (metadata in NDJSON or CSV may have changed since, such as a block lifted later; the log says which file). Another instance may hold it; `Retry-After` says when to try again.',
  },
  'publication-expired': {
    status: 503,
    description: 'The database cannot be read and the latest publication this instance holds is past its `expiresAt` (the body gives its `serial` and `expiresAt`). Until then publications are served from the copy held in memory, with an `Age` header saying how many seconds ago it was last confirmed current. `Retry-After` says when to try again.',
  },
  'service-unavailable': { status: 503, description: 'The service cannot answer now (it is not ready: `detail` says why); `Retry-After` says when to try again.' },
  'database-unavailable': {
    status: 503,
    description: 'The service cannot reach its database (refused, lost or shutting down); `Retry-After` says when to try again. A creating request retried with the same `Idempotency-Key` is applied at most once.',
  },
  'database-timeout': {
    status: 503,
    description: 'The database did not answer in time: a statement or a lock wait outlasted its bound (`DATABASE_STATEMENT_TIMEOUT_MS`, `DATABASE_LOCK_TIMEOUT_MS`), no connection became free, or the database said nothing at all. `Retry-After` says when to try again.',
  },
  'database-read-only': {
    status: 503,
    description: 'The database accepts only reads for now (maintenance, a failover to a standby): reads are served, changes are refused until it is writable again. `Retry-After` says when to try again.',
  },
  'database-full': {
    status: 503,
    description: 'The database has run out of disk space: reads are served, a change fails whole (nothing of it is stored) until an operator frees space. `Retry-After` says when to try again; a creating request retried with the same `Idempotency-Key` is applied at most once.',
  },
  'response-timeout': {
    status: 503,
    description: 'The request was not answered within `HTTP_REQUEST_TIMEOUT_MS`. A change may still have been made: read it back, or retry a creating request with the same `Idempotency-Key`.',
  },
};
