import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Firms and licences, blocked entities, the blocklist and its serial. */
export class InitialSchema1795510800000 implements MigrationInterface {
  name = 'InitialSchema1795510800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Identifier checks live in the database too, so no writer can store a BIN or LEI with a wrong check digit.
    // Weights and the MOD 97-10 rule as in ../shared/facts.md; the TypeScript twins are in src/firms/identifiers.ts.
    await queryRunner.query(`
      CREATE FUNCTION registry_bin_is_valid(v text) RETURNS boolean
      LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
      DECLARE s int := 0;
      BEGIN
        IF v !~ '^[0-9]{12}$' THEN RETURN false; END IF;
        FOR i IN 1..11 LOOP s := s + substr(v, i, 1)::int * i; END LOOP;
        s := s % 11;
        IF s = 10 THEN
          s := 0;
          FOR i IN 1..11 LOOP s := s + substr(v, i, 1)::int * (((i + 1) % 11) + 1); END LOOP;
          s := s % 11;
          IF s = 10 THEN RETURN false; END IF;
        END IF;
        RETURN s = substr(v, 12, 1)::int;
      END
      $fn$`);
    await queryRunner.query(`
      CREATE FUNCTION registry_lei_is_valid(v text) RETURNS boolean
      LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
      DECLARE r int := 0; c text;
      BEGIN
        IF v !~ '^[A-Z0-9]{18}[0-9]{2}$' THEN RETURN false; END IF;
        FOR i IN 1..20 LOOP
          c := substr(v, i, 1);
          IF c ~ '[0-9]' THEN r := (r * 10 + c::int) % 97;
          ELSE r := (r * 100 + ascii(c) - 55) % 97;
          END IF;
        END LOOP;
        RETURN r = 1;
      END
      $fn$`);
    // Trigram indexes serve the name search (substring match on folded names). pg_trgm is a trusted extension.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`CREATE TABLE "blocked_entities" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "aliases" text array NOT NULL DEFAULT '{}', "search_text" text NOT NULL, "category" text NOT NULL, "authority" text NOT NULL, "requested_by" text, "legal_basis" text NOT NULL, "decision_number" text, "decision_date" date, "blocked_on" date NOT NULL, "blocked_on_precision" text NOT NULL DEFAULT 'day', "lifted_on" date, "lift_reason" text, "domains" text array NOT NULL DEFAULT '{}', "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "source_url" text, "source_document" text, "source_read_on" date NOT NULL, "source_confidence" text NOT NULL, CONSTRAINT "ck_blocked_entities_version" CHECK ("version" > 0), CONSTRAINT "ck_blocked_entities_source_confidence" CHECK ("source_confidence" IN ('verified', 'third-party', 'unconfirmed')), CONSTRAINT "ck_blocked_entities_source_present" CHECK ("source_url" IS NOT NULL OR "source_document" IS NOT NULL), CONSTRAINT "ck_blocked_entities_precision" CHECK ("blocked_on_precision" IN ('day', 'month', 'year')), CONSTRAINT "ck_blocked_entities_lift_reason" CHECK ("lift_reason" IS NULL OR "lifted_on" IS NOT NULL), CONSTRAINT "ck_blocked_entities_lifted" CHECK ("lifted_on" IS NULL OR "lifted_on" >= "blocked_on"), CONSTRAINT "pk_blocked_entities" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "blocklist_head" ("id" smallint NOT NULL, "serial" bigint NOT NULL, CONSTRAINT "ck_blocklist_head_singleton" CHECK ("id" = 1), CONSTRAINT "pk_blocklist_head" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "blocklist_serials" ("serial" bigint NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "added" integer NOT NULL DEFAULT '0', "removed" integer NOT NULL DEFAULT '0', CONSTRAINT "pk_blocklist_serials" PRIMARY KEY ("serial"))`);
    await queryRunner.query(`CREATE TABLE "blocklist_entries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" text NOT NULL, "value" text NOT NULL, "display_value" text NOT NULL, "match" text NOT NULL, "blocked_entity_id" uuid, "legal_basis" text NOT NULL, "added_serial" bigint NOT NULL, "removed_serial" bigint, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "source_url" text, "source_document" text, "source_read_on" date NOT NULL, "source_confidence" text NOT NULL, CONSTRAINT "ck_blocklist_entries_source_confidence" CHECK ("source_confidence" IN ('verified', 'third-party', 'unconfirmed')), CONSTRAINT "ck_blocklist_entries_source_present" CHECK ("source_url" IS NOT NULL OR "source_document" IS NOT NULL), CONSTRAINT "ck_blocklist_entries_value" CHECK (CASE "kind"
    WHEN 'domain' THEN length("value") <= 253 AND "value" ~ '^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$'
    WHEN 'url' THEN "value" ~ '^https?://[a-z0-9.-]+(:[0-9]+)?/' AND length("value") <= 2048
    WHEN 'ipv4' THEN family("value"::inet) = 4 AND masklen("value"::inet) = 32 AND host("value"::inet) = "value"
    WHEN 'ipv6' THEN family("value"::inet) = 6 AND masklen("value"::inet) = 128 AND host("value"::inet) = "value"
    WHEN 'cidr' THEN "value"::cidr::text = "value"
  END), CONSTRAINT "ck_blocklist_entries_serials" CHECK ("removed_serial" IS NULL OR "removed_serial" > "added_serial"), CONSTRAINT "ck_blocklist_entries_match" CHECK ("match" IN ('exact', 'subtree') AND ("kind" IN ('domain', 'url') OR "match" = 'exact')), CONSTRAINT "ck_blocklist_entries_kind" CHECK ("kind" IN ('domain', 'url', 'ipv4', 'ipv6', 'cidr')), CONSTRAINT "pk_blocklist_entries" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_blocklist_entries_value" ON "blocklist_entries"  ("value")`);
    await queryRunner.query(`CREATE INDEX "ix_blocklist_entries_blocked_entity_id" ON "blocklist_entries"  ("blocked_entity_id")`);
    await queryRunner.query(`CREATE INDEX "ix_blocklist_entries_added_serial" ON "blocklist_entries"  ("added_serial")`);
    await queryRunner.query(`CREATE INDEX "ix_blocklist_entries_removed_serial" ON "blocklist_entries"  ("removed_serial")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_blocklist_entries_active" ON "blocklist_entries"  ("kind", "value") WHERE "removed_serial" IS NULL`);
    await queryRunner.query(`CREATE TABLE "firms" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name_en" text NOT NULL, "name_ru" text, "name_kk" text, "brands" text array NOT NULL DEFAULT '{}', "aliases" text array NOT NULL DEFAULT '{}', "search_text" text NOT NULL, "bin" text, "lei" text, "jurisdiction" text NOT NULL, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "source_url" text, "source_document" text, "source_read_on" date NOT NULL, "source_confidence" text NOT NULL, CONSTRAINT "ck_firms_version" CHECK ("version" > 0), CONSTRAINT "ck_firms_source_confidence" CHECK ("source_confidence" IN ('verified', 'third-party', 'unconfirmed')), CONSTRAINT "ck_firms_source_present" CHECK ("source_url" IS NOT NULL OR "source_document" IS NOT NULL), CONSTRAINT "ck_firms_lei" CHECK ("lei" IS NULL OR "lei" ~ '^DEMO-[A-Z0-9][A-Z0-9-]*$' OR registry_lei_is_valid("lei")), CONSTRAINT "ck_firms_bin" CHECK ("bin" IS NULL OR "bin" ~ '^DEMO-[A-Z0-9][A-Z0-9-]*$' OR registry_bin_is_valid("bin")), CONSTRAINT "pk_firms" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_firms_bin" ON "firms"  ("bin")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_firms_lei" ON "firms"  ("lei")`);
    await queryRunner.query(`CREATE TABLE "firm_domains" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "firm_id" uuid NOT NULL, "domain" text NOT NULL, "display" text NOT NULL, CONSTRAINT "ck_firm_domains_domain" CHECK (length("domain") <= 253 AND "domain" ~ '^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$'), CONSTRAINT "pk_firm_domains" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_firm_domains_firm_id" ON "firm_domains"  ("firm_id")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_firm_domains_domain" ON "firm_domains"  ("domain")`);
    await queryRunner.query(`CREATE TABLE "licences" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "firm_id" uuid NOT NULL, "number" text NOT NULL, "regulator" text NOT NULL, "activities" text array NOT NULL, "status" text NOT NULL, "granted_on" date NOT NULL, "expires_on" date, "ended_on" date, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "source_url" text, "source_document" text, "source_read_on" date NOT NULL, "source_confidence" text NOT NULL, CONSTRAINT "ck_licences_source_confidence" CHECK ("source_confidence" IN ('verified', 'third-party', 'unconfirmed')), CONSTRAINT "ck_licences_source_present" CHECK ("source_url" IS NOT NULL OR "source_document" IS NOT NULL), CONSTRAINT "ck_licences_number" CHECK ("number" ~ '^[A-Z0-9]+([-/.][A-Z0-9]+)*$' AND length("number") BETWEEN 3 AND 64), CONSTRAINT "ck_licences_activities" CHECK (cardinality("activities") > 0), CONSTRAINT "ck_licences_dates" CHECK (("ended_on" IS NULL OR "ended_on" >= "granted_on") AND ("expires_on" IS NULL OR "expires_on" >= "granted_on")), CONSTRAINT "ck_licences_ended" CHECK (("status" IN ('active', 'suspended')) = ("ended_on" IS NULL)), CONSTRAINT "ck_licences_status" CHECK ("status" IN ('active', 'suspended', 'revoked', 'expired')), CONSTRAINT "pk_licences" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_licences_firm_id" ON "licences"  ("firm_id")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_licences_regulator_number" ON "licences"  ("regulator", "number")`);
    await queryRunner.query(`ALTER TABLE "blocklist_entries" ADD CONSTRAINT "fk_blocklist_entries_blocked_entity" FOREIGN KEY ("blocked_entity_id") REFERENCES "blocked_entities"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "blocklist_entries" ADD CONSTRAINT "fk_blocklist_entries_added_serial" FOREIGN KEY ("added_serial") REFERENCES "blocklist_serials"("serial") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "blocklist_entries" ADD CONSTRAINT "fk_blocklist_entries_removed_serial" FOREIGN KEY ("removed_serial") REFERENCES "blocklist_serials"("serial") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "firm_domains" ADD CONSTRAINT "fk_firm_domains_firm" FOREIGN KEY ("firm_id") REFERENCES "firms"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "licences" ADD CONSTRAINT "fk_licences_firm" FOREIGN KEY ("firm_id") REFERENCES "firms"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(
      `CREATE INDEX "ix_firms_search_text" ON "firms" USING gin ("search_text" gin_trgm_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_blocked_entities_search_text" ON "blocked_entities" USING gin ("search_text" gin_trgm_ops)`,
    );
    // Serial 0 is the empty blocklist; the first change makes serial 1.
    await queryRunner.query(`INSERT INTO "blocklist_head" ("id", "serial") VALUES (1, 0)`);
    // A licence is history: it may be suspended, reinstated or ended, never rewritten, re-opened or deleted.
    await queryRunner.query(`
      CREATE FUNCTION registry_licences_keep_history() RETURNS trigger
      LANGUAGE plpgsql AS $fn$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'licences are history and cannot be deleted' USING ERRCODE = 'restrict_violation';
        END IF;
        IF NEW.firm_id <> OLD.firm_id OR NEW.number <> OLD.number OR NEW.regulator <> OLD.regulator
           OR NEW.granted_on <> OLD.granted_on OR NEW.activities <> OLD.activities THEN
          RAISE EXCEPTION 'a licence is never rewritten: end it and grant another' USING ERRCODE = 'restrict_violation';
        END IF;
        IF OLD.ended_on IS NOT NULL AND NEW.ended_on IS DISTINCT FROM OLD.ended_on THEN
          RAISE EXCEPTION 'an ended licence stays ended' USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN NEW;
      END
      $fn$`);
    await queryRunner.query(`
      CREATE TRIGGER "tr_licences_keep_history" BEFORE UPDATE OR DELETE ON "licences"
      FOR EACH ROW EXECUTE FUNCTION registry_licences_keep_history()`);
    // Every change to what the check reads is announced after commit, so in-memory indexes refresh.
    await queryRunner.query(`
      CREATE FUNCTION registry_notify_change() RETURNS trigger
      LANGUAGE plpgsql AS $fn$
      BEGIN
        PERFORM pg_notify('registry_changed', TG_TABLE_NAME);
        RETURN NULL;
      END
      $fn$`);
    for (const table of ['firms', 'firm_domains', 'licences', 'blocked_entities', 'blocklist_entries']) {
      await queryRunner.query(
        `CREATE TRIGGER "tr_${table}_notify" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${table}" ` +
          `FOR EACH STATEMENT EXECUTE FUNCTION registry_notify_change()`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "licences"`);
    await queryRunner.query(`DROP FUNCTION registry_licences_keep_history()`);
    await queryRunner.query(`DROP TABLE "firm_domains"`);
    await queryRunner.query(`DROP TABLE "blocklist_entries"`);
    await queryRunner.query(`DROP TABLE "blocklist_serials"`);
    await queryRunner.query(`DROP TABLE "blocklist_head"`);
    await queryRunner.query(`DROP TABLE "firms"`);
    await queryRunner.query(`DROP TABLE "blocked_entities"`);
    await queryRunner.query(`DROP FUNCTION registry_notify_change()`);
    await queryRunner.query(`DROP FUNCTION registry_lei_is_valid(text)`);
    await queryRunner.query(`DROP FUNCTION registry_bin_is_valid(text)`);
  }
}
