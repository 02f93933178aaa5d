import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiExtraModels, ApiHeader, ApiOperation, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems } from '../../platform/http/api-problems.decorator.js';
import { Public } from '../../platform/http/public.decorator.js';
import {
  DeltaDto,
  DeltaFileParamDto,
  DeltaQueryDto,
  LatestManifestQueryDto,
  ManifestDto,
  deltaFileName,
  PublicationFileParamDto,
  SerialParamDto,
} from './publications.dto.js';
import { PublicationsService } from './publications.service.js';
import { sampleFiles } from './publication-examples.js';
import { IMMUTABLE, REVALIDATE, send } from './served.js';

const MANIFEST_EXAMPLE = {
  auditHash: '5c1f0d4a3e2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d',
  auditSeq: '123',
  entryCount: 2,
  expiresAt: '2026-12-03T01:00:00Z',
  files: [
    {
      format: 'rpz',
      kinds: ['cidr', 'domain', 'ipv4', 'ipv6'],
      mediaType: 'text/dns',
      name: 'blocklist.rpz',
      sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
      size: 412,
      subtrees: true,
      url: '/v1/blocklist/42/blocklist.rpz',
    },
  ],
  keyId: 'Q9mV1sPp2m3Wc6Fv8bR0yT4nX7kL5hJ2gD1sA0zE9cU',
  minPollSeconds: 60,
  previousManifestSha256: '2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae',
  previousSerial: 41,
  publishedAt: '2026-12-02T01:00:00Z',
  serial: 42,
  setSha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  type: 'kz-crypto-registry/blocklist-manifest',
  version: 1,
};
const DELTA_EXAMPLE = {
  added: [{ kind: 'domain', match: 'subtree', value: 'fake-exchange.example' }],
  from: 41,
  fromSetSha256: '2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae',
  removed: [{ kind: 'ipv4', match: 'exact', value: '192.0.2.10' }],
  to: 42,
  toSetSha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  type: 'kz-crypto-registry/blocklist-delta',
  version: 1,
};
const manifestJson = { 'application/json': { schema: { $ref: getSchemaPath(ManifestDto) }, example: MANIFEST_EXAMPLE } };
const SIGNATURE_NOTE = 'The raw 64-byte Ed25519 signature of the bytes (not base64): `openssl pkeyutl -verify -pubin -inkey key.pem -rawin -in FILE -sigfile FILE.sig`.';
const signature = { 'application/octet-stream': { schema: { type: 'string', format: 'binary', minLength: 64, maxLength: 64, description: SIGNATURE_NOTE } } };
const jws = { 'application/jose': { schema: { type: 'string' }, example: 'eyJhbGciOiJFZERTQSIsImtpZCI6IlE5bVYxc1BwMm0zV2M2RnY4YlIweVQ0blg3a0w1aEoyZ0Qxc0EwekU5Y1UifQ.eyJhdWRpdEhhc2giOiI1YzFmIn0.c2lnbmF0dXJl' } };

type Header = { description: string; schema: { type: 'string' | 'integer' }; example?: string | number };
const SHA = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
const etag = (description: string, example: string): Record<string, Header> => ({ ETag: { description, schema: { type: 'string' }, example } });
const cache = (value: string): Record<string, Header> => ({ 'Cache-Control': { description: value === IMMUTABLE ? 'Immutable: the URL never names other bytes.' : 'Revalidate (If-None-Match) before each use.', schema: { type: 'string' }, example: value } });
const MANIFEST_ETAG = etag('SHA-256 of the manifest\'s bytes, quoted.', `"${SHA}"`);
const FILE_ETAG = etag('Strong, one per content coding: `"<sha256>"` (identity, the manifest\'s hash), `"<sha256>-gzip"`, `"<sha256>-br"`.', `"${SHA}-br"`);
const VARY: Record<string, Header> = { Vary: { description: 'The bytes depend on Accept-Encoding.', schema: { type: 'string' }, example: 'Accept-Encoding' } };
const CONTENT_ENCODING: Record<string, Header> = { 'Content-Encoding': { description: 'br or gzip when Accept-Encoding chose one; absent for identity.', schema: { type: 'string' }, example: 'br' } };
const LINK: Record<string, Header> = { Link: { description: 'The latest manifest, to load whole.', schema: { type: 'string' }, example: '</v1/blocklist/latest/manifest.json>; rel="latest-version"' } };
const AGE: Record<string, Header> = {
  Age: {
    description: 'Only while the database cannot be read: the answer comes from the copy this instance holds, last confirmed current this many seconds ago (served until the latest publication\'s `expiresAt`, then 503 `publication-expired`).',
    schema: { type: 'integer' },
    example: 42,
  },
};
const GONE_HEADERS = { headers: { 410: LINK } };
const FILE_PROBLEM_HEADERS = { headers: { 410: LINK, 503: { 'Retry-After': { description: 'Seconds to wait before retrying (this replica could not render the file).', schema: { type: 'integer' as const }, example: 30 } } } };
const notModified = (headers: Record<string, Header>) => ({
  status: 304,
  description: 'If-None-Match names this version: nothing new (after `wait` seconds, when given).',
  headers,
});
const IF_NONE_MATCH = { name: 'If-None-Match', required: false, description: 'ETags the client holds (a list, `W/` and `*` accepted): 304 when one names this version.', schema: { type: 'string' }, example: `"${SHA}"` };
const ACCEPT_ENCODING = {
  name: 'Accept-Encoding',
  required: false,
  description: 'br, gzip or identity, by q-values (brotli between equals). Refusing all three (`identity;q=0` alone, `*;q=0`): 406.',
  schema: { type: 'string' },
  example: 'br, gzip',
};
const LATEST_HEADERS = { ...MANIFEST_ETAG, ...cache(REVALIDATE), ...AGE };
const IMMUTABLE_MANIFEST_HEADERS = { ...MANIFEST_ETAG, ...cache(IMMUTABLE), ...AGE };

/** Every media type a file is served in, each with the files of that type rendered from two sample entries. */
const FILE_CONTENT = (() => {
  const content: Record<string, { schema: { type: 'string' }; examples: Record<string, { summary: string; value: string }> }> = {};
  for (const file of sampleFiles()) {
    content[file.mediaType] ??= { schema: { type: 'string' }, examples: {} };
    content[file.mediaType]!.examples[file.fileName.replace(/[^A-Za-z0-9_-]/g, '_')] = { summary: file.fileName, value: file.text };
  }
  return content;
})();

/** Publications of the blocklist: signed manifests, immutable files in resolver formats, deltas. */
@ApiTags('publications')
@ApiExtraModels(ManifestDto, DeltaDto)
@Public()
@Controller({ path: 'blocklist', version: '1' })
export class PublicationsController {
  constructor(private readonly publications: PublicationsService) {}

  /**
   * The latest publication's manifest (RFC 8785 canonical JSON; verify it against `manifest.json.sig`). `ETag` and
   * `Cache-Control: no-cache`: send If-None-Match for a 304; add `wait=1..60` to hold the request until a newer
   * publication (released at once), so a client learns of a new serial within seconds without polling hard. Query
   * parameters other than `wait` are ignored (a cache-buster such as `?_=1733100000` is harmless).
   */
  @ApiOperation({ operationId: 'getLatestManifest', summary: 'Latest blocklist manifest (long-poll with wait)' })
  @ApiHeader(IF_NONE_MATCH)
  @ApiResponse({ status: 200, description: 'The manifest.', content: manifestJson, headers: LATEST_HEADERS })
  @ApiResponse(notModified(LATEST_HEADERS))
  @ApiProblems(400, 404)
  @Get('latest/manifest.json')
  async getLatestManifest(@Query() query: LatestManifestQueryDto, @Headers('if-none-match') ifNoneMatch: string | undefined, @Res() reply: FastifyReply) {
    return send(reply, await this.publications.latestManifest('json', ifNoneMatch, query.wait));
  }

  /** The raw 64-byte Ed25519 signature of the latest manifest's bytes: `openssl pkeyutl -verify -pubin -inkey key.pem -rawin -in manifest.json -sigfile manifest.json.sig`. */
  @ApiOperation({ operationId: 'getLatestManifestSignature', summary: 'Signature of the latest manifest' })
  @ApiHeader(IF_NONE_MATCH)
  @ApiResponse({ status: 200, description: `The detached signature of the latest manifest. ${SIGNATURE_NOTE}`, content: signature, headers: LATEST_HEADERS })
  @ApiResponse(notModified(LATEST_HEADERS))
  @ApiProblems(400, 404)
  @Get('latest/manifest.json.sig')
  async getLatestManifestSignature(@Query() query: LatestManifestQueryDto, @Headers('if-none-match') ifNoneMatch: string | undefined, @Res() reply: FastifyReply) {
    return send(reply, await this.publications.latestManifest('sig', ifNoneMatch, query.wait));
  }

  /** The latest manifest as a compact JWS (alg EdDSA, kid in the protected header), for JOSE libraries. */
  @ApiOperation({ operationId: 'getLatestManifestJws', summary: 'Latest manifest as a JWS' })
  @ApiHeader(IF_NONE_MATCH)
  @ApiResponse({ status: 200, description: 'The compact JWS.', content: jws, headers: LATEST_HEADERS })
  @ApiResponse(notModified(LATEST_HEADERS))
  @ApiProblems(400, 404)
  @Get('latest/manifest.jws')
  async getLatestManifestJws(@Query() query: LatestManifestQueryDto, @Headers('if-none-match') ifNoneMatch: string | undefined, @Res() reply: FastifyReply) {
    return send(reply, await this.publications.latestManifest('jws', ifNoneMatch, query.wait));
  }

  /**
   * The delta from publication `from` (the one the client holds) to the latest: entries added and removed, with both
   * set hashes. `Content-Location` names its immutable URL, where `.sig` beside it is its signature. 400 for a `from`
   * that is not a serial, 409 ahead of the latest publication, 410 older than the publications kept (load the latest
   * whole), 404 for a serial that was not published.
   */
  @ApiOperation({ operationId: 'getBlocklistDelta', summary: 'Changes from a publication to the latest' })
  @ApiResponse({
    status: 200,
    description: 'The delta. Its signature is at `Content-Location` + `.sig`, by the key of serial `to`: the `keyId` of publication `to`\'s manifest (the delta names no key).',
    content: { 'application/json': { schema: { $ref: getSchemaPath(DeltaDto) }, example: DELTA_EXAMPLE } },
    headers: {
      'Content-Location': { description: 'The immutable URL of these bytes.', schema: { type: 'string' }, example: '/v1/blocklist/deltas/41-42.json' },
      ...etag('SHA-256 of the delta\'s bytes, quoted.', `"${SHA}"`),
      ...cache(REVALIDATE),
      ...AGE,
    },
  })
  @ApiProblems(400, 404, 409, 410, GONE_HEADERS)
  @Get('deltas')
  async getBlocklistDelta(@Query() query: DeltaQueryDto, @Res() reply: FastifyReply) {
    return send(reply, await this.publications.delta(query.from));
  }

  /** The delta between two publications (`N-M.json`), or its detached Ed25519 signature (`N-M.json.sig`): immutable. */
  @ApiOperation({ operationId: 'getBlocklistDeltaFile', summary: 'Immutable delta between two publications' })
  @ApiResponse({
    status: 200,
    description: `The delta, or its signature (by the key of serial M: the \`keyId\` of publication M's manifest). ${SIGNATURE_NOTE}`,
    content: { 'application/json': { schema: { $ref: getSchemaPath(DeltaDto) }, example: DELTA_EXAMPLE }, ...signature },
    headers: { ...etag('SHA-256 of the delta\'s bytes, quoted (with `-sig` for the signature).', `"${SHA}"`), ...cache(IMMUTABLE), ...AGE },
  })
  @ApiProblems(400, 404, 409, 410, GONE_HEADERS)
  @Get('deltas/:name')
  async getBlocklistDeltaFile(@Param() params: DeltaFileParamDto, @Res() reply: FastifyReply) {
    const { from, to, signature: sig } = deltaFileName(params.name)!;
    return send(reply, await this.publications.deltaFile(from, to, sig));
  }

  /** A publication's manifest, immutable (`Cache-Control: public, max-age=31536000, immutable`). Kept for ever. */
  @ApiOperation({ operationId: 'getManifest', summary: 'A publication\'s manifest' })
  @ApiHeader(IF_NONE_MATCH)
  @ApiResponse({ status: 200, description: 'The manifest.', content: manifestJson, headers: IMMUTABLE_MANIFEST_HEADERS })
  @ApiResponse(notModified(IMMUTABLE_MANIFEST_HEADERS))
  @ApiProblems(400, 404, 409)
  @Get(':serial/manifest.json')
  async getManifest(@Param() params: SerialParamDto, @Headers('if-none-match') ifNoneMatch: string | undefined, @Res() reply: FastifyReply) {
    return send(reply, await this.publications.manifest(params.serial, 'json', ifNoneMatch));
  }

  /** A publication's manifest signature (raw 64-byte Ed25519), immutable. */
  @ApiOperation({ operationId: 'getManifestSignature', summary: 'A publication\'s manifest signature' })
  @ApiHeader(IF_NONE_MATCH)
  @ApiResponse({ status: 200, description: `The detached signature. ${SIGNATURE_NOTE}`, content: signature, headers: IMMUTABLE_MANIFEST_HEADERS })
  @ApiResponse(notModified(IMMUTABLE_MANIFEST_HEADERS))
  @ApiProblems(400, 404, 409)
  @Get(':serial/manifest.json.sig')
  async getManifestSignature(@Param() params: SerialParamDto, @Headers('if-none-match') ifNoneMatch: string | undefined, @Res() reply: FastifyReply) {
    return send(reply, await this.publications.manifest(params.serial, 'sig', ifNoneMatch));
  }

  /** A publication's manifest as a compact JWS, immutable. */
  @ApiOperation({ operationId: 'getManifestJws', summary: 'A publication\'s manifest as a JWS' })
  @ApiHeader(IF_NONE_MATCH)
  @ApiResponse({ status: 200, description: 'The compact JWS.', content: jws, headers: IMMUTABLE_MANIFEST_HEADERS })
  @ApiResponse(notModified(IMMUTABLE_MANIFEST_HEADERS))
  @ApiProblems(400, 404, 409)
  @Get(':serial/manifest.jws')
  async getManifestJws(@Param() params: SerialParamDto, @Headers('if-none-match') ifNoneMatch: string | undefined, @Res() reply: FastifyReply) {
    return send(reply, await this.publications.manifest(params.serial, 'jws', ifNoneMatch));
  }

  /**
   * A file of a publication (RPZ, Unbound, dnsmasq, hosts, lists, CSV, NDJSON, set.tsv), immutable, with `ETag`;
   * gzip or brotli by Accept-Encoding, pre-compressed, the manifest's hash and size always over the decoded bytes.
   * Kept for the retained publications; older: 410 linking the latest manifest.
   */
  @ApiOperation({ operationId: 'getPublicationFile', summary: 'A file of a publication' })
  @ApiHeader(IF_NONE_MATCH)
  @ApiHeader(ACCEPT_ENCODING)
  @ApiResponse({
    status: 200,
    description: 'The file, in the media type the manifest gives (examples: each file of two sample entries at serial 42, as rendered).',
    content: FILE_CONTENT,
    headers: { ...FILE_ETAG, ...cache(IMMUTABLE), ...VARY, ...CONTENT_ENCODING, ...AGE },
  })
  @ApiResponse(notModified({ ...FILE_ETAG, ...cache(IMMUTABLE), ...VARY, ...AGE }))
  @ApiProblems(400, 404, 406, 409, 410, FILE_PROBLEM_HEADERS)
  @Get(':serial/:fileName')
  async getPublicationFile(
    @Param() params: PublicationFileParamDto,
    @Headers('accept-encoding') acceptEncoding: string | undefined,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply,
  ) {
    return send(reply, await this.publications.file(params.serial, params.fileName, { 'accept-encoding': acceptEncoding, 'if-none-match': ifNoneMatch }));
  }
}
