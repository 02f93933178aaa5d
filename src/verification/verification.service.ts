import { Injectable } from '@nestjs/common';
import { BlockedEntitiesService } from '../blocked-entities/blocked-entities.service.js';
import { BlocklistService } from '../blocklist/blocklist.service.js';
import { ancestorsWithin, canonicaliseTarget } from '../domain-names/canonicalise.js';
import { FirmsService } from '../firms/firms.service.js';
import type { NameHit } from '../platform/database/name-similarity.js';
import { dayInKazakhstan } from '../platform/calendar/kazakhstan-day.js';
import { type FieldProblem, ValidationProblem } from '../platform/http/problem.js';
import { RegistryValidationPipe } from '../platform/http/validation.js';
import type { Lang } from '../platform/i18n/languages.js';
import { localise, textIn } from '../platform/i18n/translate.js';
import { foldName } from '../text/name-fold.js';
import { WarningsService } from '../warnings/warnings.service.js';
import { asOfProblem } from './as-of.js';
import { ReceiptsService } from './receipts/receipts.service.js';
import { CsvInputError, parseVerificationCsv } from './verification-csv.js';
import {
  VerificationBatchDto,
  type VerificationBatchResultDto,
  type VerificationDto,
  VerificationItemDto,
  type VerificationMatchDto,
  type VerificationQueryDto,
  type VerificationRecordsDto,
  type VerificationResultDto,
} from './verification.dto.js';
import { DuplicateReferencesProblem } from './verification.errors.js';
import { QUERY_MESSAGES } from './verification.messages.js';
import {
  decide,
  type Hit,
  MATCH_FEATURES,
  MIN_NAME_SIMILARITY,
  NAME_WEIGHT,
  type Outcome,
  type RecordOnDay,
  recordKey,
  type VerificationQuery,
  type VerificationStatus,
} from './verification-outcome.js';

/** Who asks: the bank's API key (null for an anonymous single verification) and the answer's language. */
export interface Asker {
  bankKeyId: string | null;
  lang: Lang;
}

/** A query read and checked: what is searched, and what the receipt says was asked. */
interface ReadQuery {
  reference?: string;
  query: VerificationQuery;
  folded?: string;
  /** The host and its parents within its registrable domain: an official or named domain covers its subdomains. */
  covering: string[];
}

type ReadItem = ReadQuery | { reference: string; problems: FieldProblem[] };

const hrefOf = (kind: RecordOnDay['kind'], id: string) =>
  kind === 'firm' ? `/v1/firms/${id}` : kind === 'blocked-entity' ? `/v1/blocked-entities/${id}` : `/v1/warnings/${id}`;

/**
 * A bank's counterparty check: any identifiers, a name or a domain, answered from the firms, blocks and warnings as
 * they stood on a day, with a signed receipt. A whole batch is answered with a fixed number of queries (each kind of
 * lookup once for every item), whatever its size.
 */
@Injectable()
export class VerificationService {
  private readonly itemPipe = new RegistryValidationPipe();

  constructor(
    private readonly firms: FirmsService,
    private readonly blockedEntities: BlockedEntitiesService,
    private readonly warnings: WarningsService,
    private readonly blocklist: BlocklistService,
    private readonly receipts: ReceiptsService,
  ) {}

  async verify(body: VerificationQueryDto, asker: Asker): Promise<VerificationDto> {
    const today = dayInKazakhstan();
    const read = readQuery(body, undefined, today, 'body');
    if ('problems' in read) throw new ValidationProblem(read.problems);
    await this.refuseDaysBeforeRecords([read], today, (field, problem) => {
      throw new ValidationProblem([{ ...problem, field }]);
    });
    const serial = await this.blocklist.currentSerial();
    const [outcome] = await this.answer([read], asker.lang);
    const result = toResult(read, outcome!);
    const receipt = await this.receipts.issue({ kind: 'single', bankKeyId: asker.bankKeyId, serial, query: read.query, result });
    return {
      ...result,
      records: recordsOf(outcome!.match),
      serial,
      checkedAt: receipt.issuedAt,
      lang: asker.lang,
      receipt: { ...receipt, href: `/v1/receipts/${receipt.id}` },
    };
  }

  /** A checked batch: each item checked on its own (an invalid one answered `invalid`), duplicate references refused. */
  private async verifyBatch(body: VerificationBatchDto, asker: Asker): Promise<VerificationBatchResultDto> {
    refuseDuplicateReferences(body.items);
    const today = dayInKazakhstan();
    const items: ReadItem[] = [];
    for (const [index, raw] of body.items.entries()) items.push(await this.readItem(raw, index, body.asOf, today));
    await this.refuseDaysBeforeRecords(items, today, (field, problem, item) => {
      items[items.indexOf(item)] = { reference: item.reference!, problems: [{ ...problem, field }] };
    });
    const valid = items.filter((i): i is ReadQuery => !('problems' in i));
    const serial = await this.blocklist.currentSerial();
    const outcomes = await this.answer(valid, asker.lang);
    const byItem = new Map(valid.map((item, i) => [item, outcomes[i]!]));
    const results = items.map((item) =>
      'problems' in item ? invalidResult(item.reference, item.problems, asker.lang) : toResult(item, byItem.get(item)!),
    );
    const statuses: Partial<Record<VerificationStatus, number>> = {};
    for (const r of results) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    const query = { asOf: body.asOf ?? null, items: items.map((i) => ('problems' in i ? { reference: i.reference } : { reference: i.reference, ...i.query })) };
    const receipt = await this.receipts.issue({ kind: 'batch', bankKeyId: asker.bankKeyId, serial, query, result: { statuses, results } });
    return {
      serial,
      checkedAt: receipt.issuedAt,
      lang: asker.lang,
      count: results.length,
      statuses,
      results,
      receipt: { ...receipt, href: `/v1/receipts/${receipt.id}` },
    };
  }

  /**
   * A batch as posted: JSON (`{items, asOf}`) or a CSV upload (CSV_COLUMNS) as text, both checked as a
   * VerificationBatchDto; a CSV that cannot be read is a 400 naming the line.
   */
  async verifyUpload(body: unknown, asker: Asker): Promise<VerificationBatchResultDto> {
    let raw = body;
    if (typeof body === 'string') {
      try {
        raw = { items: parseVerificationCsv(body) };
      } catch (error) {
        if (error instanceof CsvInputError) throw new ValidationProblem([error.problem]);
        throw error;
      }
    }
    const batch = (await this.itemPipe.transform(raw, { type: 'body', metatype: VerificationBatchDto })) as VerificationBatchDto;
    return this.verifyBatch(batch, asker);
  }

  /** One item of a batch through the same checks as a single verification's body. */
  private async readItem(raw: unknown, index: number, batchAsOf: string | undefined, today: string): Promise<ReadItem> {
    const reference = (raw as { reference?: string }).reference!;
    const field = `items.${index}`;
    try {
      const item = (await this.itemPipe.transform(raw, { type: 'body', metatype: VerificationItemDto })) as VerificationItemDto;
      return readQuery({ ...item, asOf: item.asOf ?? batchAsOf }, item.reference, today, field);
    } catch (error) {
      if (!(error instanceof ValidationProblem)) throw error;
      return { reference, problems: error.errors.map((e) => ({ ...e, field: `${field}.${e.field}` })) };
    }
  }

  /**
   * An `asOf` before the registry's first record is refused (it cannot say how things stood before it knew
   * anything): the earliest day is read only when some query asks for a day before today.
   */
  private async refuseDaysBeforeRecords(
    items: ReadItem[],
    today: string,
    refuse: (field: string, problem: FieldProblem, item: ReadQuery) => void,
  ): Promise<void> {
    const past = items.filter((i): i is ReadQuery => !('problems' in i) && i.query.asOf < today);
    if (past.length === 0) return;
    const days = (await Promise.all([this.firms.earliestDay(), this.blockedEntities.earliestDay(), this.warnings.earliestDay()])).filter(
      (d): d is string => d !== null,
    );
    const earliest = days.length > 0 ? days.sort()[0]! : null;
    for (const item of past) {
      const problem = asOfProblem('asOf', item.query.asOf, today, earliest);
      if (problem) refuse(item.reference === undefined ? 'asOf' : `items.${items.indexOf(item)}.asOf`, problem, item);
    }
  }

  /** The outcome of each query, from one lookup of each kind for all of them. */
  private async answer(items: ReadQuery[], lang: Lang): Promise<Outcome[]> {
    const bins = unique(items.map((i) => i.query.bin));
    const leis = unique(items.map((i) => i.query.lei));
    const numbers = unique(items.map((i) => i.query.licenceNumber));
    const names = unique(items.map((i) => i.folded));
    const domains = unique(items.flatMap((i) => i.covering));
    const [identifiers, firmDomains, blockedDomains, warnedDomains, firmNames, blockedNames, warnedNames] = await Promise.all([
      this.firms.identifierHits(bins, leis, numbers),
      this.firms.domainHits(domains),
      this.blockedEntities.domainHits(domains),
      this.warnings.domainHits(domains),
      this.firms.nameHits(names),
      this.blockedEntities.nameHits(names),
      this.warnings.nameHits(names),
    ]);
    const nameIndex = new Map(names.map((n, i) => [n, i]));
    const namesHit = (hits: NameHit[], kind: Hit['kind']) => {
      const byQuery = new Map<number, Hit[]>();
      for (const h of hits) {
        if (h.similarity < MIN_NAME_SIMILARITY) continue;
        const list = byQuery.get(h.query) ?? [];
        list.push({ kind, id: h.id, feature: 'name', score: NAME_WEIGHT * h.similarity, via: h.name, similarity: h.similarity });
        byQuery.set(h.query, list);
      }
      return byQuery;
    };
    const nameHitsByKind = [namesHit(firmNames, 'firm'), namesHit(blockedNames, 'blocked-entity'), namesHit(warnedNames, 'warning')];
    const namedDomainHits = (rows: { id: string; domains: string[] }[], kind: Hit['kind'], covering: string[]): Hit[] =>
      rows.flatMap((row) => {
        const via = covering.find((d) => row.domains.includes(d));
        return via === undefined ? [] : [{ kind, id: row.id, feature: 'domain' as const, score: 1, via }];
      });

    const hitsPerItem = items.map((item): Hit[] => {
      const { bin, lei, licenceNumber } = item.query;
      const hits: Hit[] = [];
      for (const row of identifiers) {
        if (bin !== undefined && row.bin === bin) hits.push({ kind: 'firm', id: row.id, feature: 'bin', score: 1 });
        if (lei !== undefined && row.lei === lei) hits.push({ kind: 'firm', id: row.id, feature: 'lei', score: 1 });
        if (licenceNumber !== undefined && row.licenceNumbers.includes(licenceNumber)) hits.push({ kind: 'firm', id: row.id, feature: 'licenceNumber', score: 1 });
      }
      // The covering names run from the host up: the first official domain found is the closest one.
      for (const domain of item.covering) {
        for (const row of firmDomains) if (row.domain === domain) hits.push({ kind: 'firm', id: row.firmId, feature: 'domain', score: 1, via: domain });
      }
      hits.push(...namedDomainHits(blockedDomains, 'blocked-entity', item.covering), ...namedDomainHits(warnedDomains, 'warning', item.covering));
      if (item.folded !== undefined) {
        const q = nameIndex.get(item.folded)!;
        for (const byQuery of nameHitsByKind) hits.push(...(byQuery.get(q) ?? []));
      }
      return hits;
    });

    const records = await this.records(items, hitsPerItem);
    return items.map((item, i) => decide(item.query, hitsPerItem[i]!, records(item.query.asOf), lang));
  }

  /** Every record a hit points at, a firm as it stood on each day asked (one query per kind of record). */
  private async records(items: ReadQuery[], hitsPerItem: Hit[][]): Promise<(day: string) => ReadonlyMap<string, RecordOnDay>> {
    const firmAsks = new Map<string, { id: string; day: string }>();
    const blockedIds = new Set<string>();
    const warningIds = new Set<string>();
    hitsPerItem.forEach((hits, i) => {
      const day = items[i]!.query.asOf;
      for (const h of hits) {
        if (h.kind === 'firm') firmAsks.set(`${h.id} ${day}`, { id: h.id, day });
        else if (h.kind === 'blocked-entity') blockedIds.add(h.id);
        else warningIds.add(h.id);
      }
    });
    const [firms, blocked, warnings] = await Promise.all([
      this.firms.onDays([...firmAsks.values()]),
      this.blockedEntities.byIds([...blockedIds]),
      this.warnings.byIds([...warningIds]),
    ]);
    const common = new Map<string, RecordOnDay>();
    for (const [id, entity] of blocked) common.set(recordKey('blocked-entity', id), { kind: 'blocked-entity', id, name: entity.name.en, entity });
    for (const [id, w] of warnings) common.set(recordKey('warning', id), { kind: 'warning', id, name: w.warning.brands[0]!, ...w });
    const perDay = new Map<string, Map<string, RecordOnDay>>();
    return (day) => {
      let map = perDay.get(day);
      if (!map) {
        map = new Map(common);
        for (const { id } of firmAsks.values()) {
          const onDay = firms.get(`${id} ${day}`);
          if (onDay) map.set(recordKey('firm', id), { kind: 'firm', id, name: onDay.firm.names.en, onDay });
        }
        perDay.set(day, map);
      }
      return map;
    };
  }
}

function unique(values: (string | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== undefined))];
}

/** The checked body as the search reads it: name folded, domain canonical with its parents, day resolved. */
function readQuery(body: VerificationQueryDto, reference: string | undefined, today: string, field: string): ReadItem {
  if (!MATCH_FEATURES.some((k) => body[k] !== undefined)) {
    return { reference: reference ?? '', problems: [{ field, messages: [localise(QUERY_MESSAGES, 'nothing-to-match')] }] };
  }
  const asOf = body.asOf ?? today;
  const dayProblem = asOfProblem(reference === undefined ? 'asOf' : `${field}.asOf`, asOf, today, null);
  if (dayProblem) return { reference: reference ?? '', problems: [dayProblem] };
  const query: VerificationQuery = { asOf };
  if (body.bin !== undefined) query.bin = body.bin;
  if (body.lei !== undefined) query.lei = body.lei;
  if (body.licenceNumber !== undefined) query.licenceNumber = body.licenceNumber;
  if (body.name !== undefined) query.name = body.name;
  let covering: string[] = [];
  if (body.domain !== undefined) {
    const target = canonicaliseTarget(body.domain);
    query.domain = target.host;
    covering = ancestorsWithin(target.host, target.registrableDomain);
  }
  const folded = body.name === undefined ? undefined : foldName(body.name);
  return { ...(reference === undefined ? {} : { reference }), query, ...(folded ? { folded } : {}), covering };
}

/** Every item must carry a reference of its own: a missing one is a 400, a repeated one the 400 `duplicate-references`. */
function refuseDuplicateReferences(items: unknown[]): void {
  const missing: FieldProblem[] = [];
  const repeated: FieldProblem[] = [];
  const seen = new Map<string, number>();
  items.forEach((raw, index) => {
    const reference = raw !== null && typeof raw === 'object' ? (raw as { reference?: unknown }).reference : undefined;
    if (typeof reference !== 'string' || reference.trim() === '') {
      missing.push({ field: `items.${index}.reference`, messages: [localise(QUERY_MESSAGES, 'reference-missing')] });
      return;
    }
    const key = reference.trim();
    const first = seen.get(key);
    if (first === undefined) seen.set(key, index);
    else repeated.push({ field: `items.${index}.reference`, messages: [localise(QUERY_MESSAGES, 'reference-repeated', { reference: key, first })] });
  });
  if (missing.length > 0) throw new ValidationProblem(missing);
  if (repeated.length > 0) throw new DuplicateReferencesProblem(repeated);
}

function toMatch(record: RecordOnDay, name: string): VerificationMatchDto {
  const href = hrefOf(record.kind, record.id);
  switch (record.kind) {
    case 'firm': {
      const { firm, standing, licences } = record.onDay;
      return { kind: 'firm', id: record.id, name, bin: firm.bin, lei: firm.lei, standing, licences, href };
    }
    case 'blocked-entity':
      return { kind: 'blocked-entity', id: record.id, name, blockedOn: record.entity.blockedOn, liftedOn: record.entity.liftedOn, href };
    case 'warning':
      return {
        kind: 'warning',
        id: record.id,
        name,
        brands: record.warning.brands,
        issuedOn: record.warning.issuedOn,
        recordedOn: record.recordedOn,
        withdrawnOn: record.warning.withdrawnOn,
        href,
      };
  }
}

/** Scores as answered: three decimals (pg_trgm's float similarities carry noise past them). */
const toThousandths = (score: number) => Math.round(score * 1000) / 1000;

function toResult(item: ReadQuery, outcome: Outcome): VerificationResultDto {
  return {
    ...(item.reference === undefined ? {} : { reference: item.reference }),
    status: outcome.status,
    asOf: item.query.asOf,
    score: toThousandths(outcome.score),
    match: outcome.match ? toMatch(outcome.match, outcome.matchName!) : null,
    features: outcome.features.map((f) => ({ ...f, score: toThousandths(f.score) })),
    candidates: outcome.candidates.map(({ candidate, record }) => ({
      kind: record.kind,
      id: record.id,
      name: record.name,
      score: toThousandths(candidate.score),
      href: hrefOf(record.kind, record.id),
    })),
    message: outcome.message,
  };
}

function invalidResult(reference: string, problems: FieldProblem[], lang: Lang): VerificationResultDto {
  return {
    reference,
    status: 'invalid',
    asOf: null,
    score: 0,
    match: null,
    features: [],
    candidates: [],
    message: textIn(localise(QUERY_MESSAGES, 'invalid-item'), lang),
    errors: problems.map((p) => ({ field: p.field, messages: p.messages.map((m) => textIn(m, lang)) })),
  };
}

function recordsOf(match: RecordOnDay | null): VerificationRecordsDto {
  if (!match) return {};
  if (match.kind === 'firm') return { firm: match.onDay.firm };
  if (match.kind === 'blocked-entity') return { blockedEntity: match.entity };
  return { warning: match.warning };
}
