// A read model over the registry's tables for the statistics: counts in SQL, one statement per figure set, none of
// the records themselves. Reading other features' tables here (not through their services) is deliberate: their
// services load whole records, and a count of a million blocklist entries must not.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { EntryKind } from '../domain-names/entry-kinds.js';
import { KAZAKHSTAN_TIME_ZONE } from '../platform/calendar/kazakhstan-day.js';
import type { LocalisedTextDto } from '../text/localised-text.dto.js';
import type { AuthorityCountDto, PeriodCountDto, PeriodPrecision, StatisticsDto } from './statistics.dto.js';

type Counted = { count: string };
type AuthorityRow = Counted & { en: string | null; ru: string | null; kk: string | null };
type PeriodRow = Counted & { period: string; precision: PeriodPrecision };

const n = (value: string | number | null | undefined) => Number(value ?? 0);

function authorities(rows: AuthorityRow[]): AuthorityCountDto[] {
  return rows.map((r) => ({ authority: r.en === null ? null : ({ en: r.en, ru: r.ru, kk: r.kk } satisfies LocalisedTextDto), count: n(r.count) }));
}

function periods(rows: PeriodRow[]): PeriodCountDto[] {
  return rows.map((r) => ({ period: r.period, precision: r.precision, count: n(r.count) }));
}

/** `YYYY-MM` of a date column, or `YYYY` when its precision column says only the year is known. */
const period = (date: string, precision: string) => `CASE WHEN ${precision} = 'year' THEN to_char(${date}, 'YYYY') ELSE to_char(${date}, 'YYYY-MM') END`;
const periodPrecision = (precision: string) => `CASE WHEN ${precision} = 'year' THEN 'year' ELSE 'month' END`;

@Injectable()
export class StatisticsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every figure, read in one REPEATABLE READ transaction so they all describe one moment. */
  read(): Promise<Omit<StatisticsDto, 'generatedAt'>> {
    return this.dataSource.transaction('REPEATABLE READ', async (em) => ({
      firms: await this.firms(em),
      blockedEntities: await this.blockedEntities(em),
      sites: await this.sites(em),
      warnings: await this.warnings(em),
      serial: n(((await em.query(`SELECT "serial" FROM "blocklist_head" WHERE "id" = 1`)) as { serial: string }[])[0]?.serial),
    }));
  }

  private async firms(em: EntityManager): Promise<StatisticsDto['firms']> {
    const [standing] = (await em.query(
      `SELECT count(*) AS total,
              count(*) FILTER (WHERE s.active) AS licensed,
              count(*) FILTER (WHERE NOT s.active AND s.suspended) AS suspended
         FROM (SELECT f."id",
                      bool_or(l."status" = 'active') IS TRUE AS active,
                      bool_or(l."status" = 'suspended') IS TRUE AS suspended
                 FROM "firms" f LEFT JOIN "licences" l ON l."firm_id" = f."id" GROUP BY f."id") s`,
    )) as { total: string; licensed: string; suspended: string }[];
    const byRegulator = (await em.query(
      `SELECT l."regulator" AS name, count(DISTINCT l."firm_id") AS count FROM "licences" l
        WHERE l."status" = 'active' GROUP BY l."regulator" ORDER BY count(DISTINCT l."firm_id") DESC, l."regulator"`,
    )) as (Counted & { name: string })[];
    const granted = (await em.query(
      `SELECT ${period('l."granted_on"', 'l."granted_on_precision"')} AS period, ${periodPrecision('l."granted_on_precision"')} AS precision, count(*) AS count
         FROM "licences" l WHERE l."granted_on" IS NOT NULL GROUP BY 1, 2 ORDER BY 1`,
    )) as PeriodRow[];
    const [undated] = (await em.query(`SELECT count(*) AS count FROM "licences" WHERE "granted_on" IS NULL`)) as Counted[];
    return {
      total: n(standing?.total),
      licensed: n(standing?.licensed),
      suspended: n(standing?.suspended),
      licensedByRegulator: byRegulator.map((r) => ({ name: r.name, count: n(r.count) })),
      licencesGrantedByPeriod: periods(granted),
      licencesWithoutGrantDate: n(undated?.count),
    };
  }

  private async blockedEntities(em: EntityManager): Promise<StatisticsDto['blockedEntities']> {
    const [state] = (await em.query(
      `SELECT count(*) AS total, count(*) FILTER (WHERE "lifted_on" IS NULL) AS in_force FROM "blocked_entities"`,
    )) as { total: string; in_force: string }[];
    const byAuthority = (await em.query(
      `SELECT "authority_en" AS en, min("authority_ru") AS ru, min("authority_kk") AS kk, count(*) AS count
         FROM "blocked_entities" WHERE "lifted_on" IS NULL GROUP BY "authority_en" ORDER BY count(*) DESC, "authority_en"`,
    )) as AuthorityRow[];
    const byPeriod = (await em.query(
      `SELECT ${period('"blocked_on"', '"blocked_on_precision"')} AS period, ${periodPrecision('"blocked_on_precision"')} AS precision, count(*) AS count
         FROM "blocked_entities" GROUP BY 1, 2 ORDER BY 1`,
    )) as PeriodRow[];
    return {
      total: n(state?.total),
      inForce: n(state?.in_force),
      lifted: n(state?.total) - n(state?.in_force),
      inForceByAuthority: authorities(byAuthority),
      blockedByPeriod: periods(byPeriod),
    };
  }

  private async sites(em: EntityManager): Promise<StatisticsDto['sites']> {
    const byKind = (await em.query(
      `SELECT "kind", count(*) AS count FROM "blocklist_entries" WHERE "removed_serial" IS NULL GROUP BY "kind" ORDER BY "kind"`,
    )) as (Counted & { kind: EntryKind })[];
    const byAuthority = (await em.query(
      `SELECT b."authority_en" AS en, min(b."authority_ru") AS ru, min(b."authority_kk") AS kk, count(*) AS count
         FROM "blocklist_entries" e LEFT JOIN "blocked_entities" b ON b."id" = e."blocked_entity_id"
        WHERE e."removed_serial" IS NULL GROUP BY b."authority_en" ORDER BY count(*) DESC, b."authority_en" NULLS LAST`,
    )) as AuthorityRow[];
    const byMonth = (await em.query(
      `SELECT to_char(s."created_at" AT TIME ZONE '${KAZAKHSTAN_TIME_ZONE}', 'YYYY-MM') AS period, 'month' AS precision, count(*) AS count
         FROM "blocklist_entries" e JOIN "blocklist_serials" s ON s."serial" = e."added_serial"
        WHERE e."removed_serial" IS NULL GROUP BY 1 ORDER BY 1`,
    )) as PeriodRow[];
    return {
      inForce: byKind.reduce((sum, r) => sum + n(r.count), 0),
      byKind: byKind.map((r) => ({ kind: r.kind, count: n(r.count) })),
      byAuthority: authorities(byAuthority),
      addedByMonth: periods(byMonth),
    };
  }

  /** The regulators' warnings: all of them, and those not withdrawn. */
  private async warnings(em: EntityManager): Promise<StatisticsDto['warnings']> {
    const [row] = (await em.query(
      `SELECT count(*) AS total, count(*) FILTER (WHERE "withdrawn_on" IS NULL) AS in_force FROM "warnings"`,
    )) as { total: string; in_force: string }[];
    return { total: n(row?.total), inForce: n(row?.in_force) };
  }
}
