import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Least privilege (issue 13, item 8): the service connects as a member of the group role `registry_service`, which owns
 * nothing and holds only the grants below; this migration runs as the schema's owner (MIGRATION_DATABASE_URL), whatever
 * its name and the service's login role's name are, because it grants to the group role alone.
 *
 * The audit trail is the point. The service gets SELECT and INSERT on audit_events (no UPDATE, DELETE, TRUNCATE) and
 * only SELECT on audit_head, so it cannot move the head. The head therefore advances in the database: an AFTER INSERT
 * trigger running as the owner (SECURITY DEFINER, fixed search_path) moves it only when the new rows continue it
 * (seq = head.seq + 1, prev_hash = head.hash, and so on row after row) and refuses the insert otherwise. Writers still serialise on the head's
 * row lock, taken through registry_audit_lock_head() (also the owner's, since SELECT ... FOR UPDATE needs UPDATE
 * privilege): the lock belongs to the caller's transaction, whoever's function took it.
 *
 * Tables made by later migrations are granted to the group role by default privileges (for the role running the
 * migrations); a migration adding an append-only table revokes what it should not have, as this one does for the trail.
 */
export class LeastPrivilege1796900000000 implements MigrationInterface {
  name = 'LeastPrivilege1796900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Roles are the cluster's, not the database's: made here only when the owner may (the embedded setup, or a
    // superuser in DATABASE_URL as before this migration); an operator with a plain owner role creates it first.
    await queryRunner.query(`
      DO $do$
      BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'registry_service') THEN
          IF NOT (SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user) THEN
            RAISE EXCEPTION 'The group role registry_service does not exist and % may not create it', current_user
              USING HINT = 'As a superuser run: CREATE ROLE registry_service NOLOGIN; (README, "Database roles")';
          END IF;
          BEGIN
            CREATE ROLE registry_service NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOREPLICATION;
          EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL; -- another instance made it meanwhile
          END;
        END IF;
      END
      $do$`);

    const [{ schema }] = (await queryRunner.query(`SELECT current_schema() AS schema`)) as { schema: string }[];
    const s = `"${schema.replaceAll('"', '""')}"`;
    await queryRunner.query(`GRANT USAGE ON SCHEMA ${s} TO registry_service`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${s} TO registry_service`);
    await queryRunner.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${s} TO registry_service`);
    await queryRunner.query(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${s} TO registry_service`);
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${s} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO registry_service`);
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${s} GRANT USAGE, SELECT ON SEQUENCES TO registry_service`);
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${s} GRANT EXECUTE ON FUNCTIONS TO registry_service`);
    // Append-only by privilege as well as by trigger: the triggers hold whoever connects, the missing privileges hold
    // the service even where a trigger does not reach (the head) or an owner has disabled one. TRUNCATE is never granted.
    await queryRunner.query(`REVOKE UPDATE, DELETE ON "audit_events", "licence_events", "verification_receipts" FROM registry_service`);
    await queryRunner.query(`REVOKE INSERT, UPDATE, DELETE ON "audit_head", "migrations" FROM registry_service`);

    await queryRunner.query(`
      CREATE FUNCTION registry_audit_lock_head() RETURNS TABLE (head_seq bigint, head_hash text)
      LANGUAGE sql SECURITY DEFINER SET search_path = ${s}, pg_temp AS $fn$
        SELECT h.seq, h.hash FROM audit_head h WHERE h.id = 1 FOR UPDATE
      $fn$`);
    // Once per statement over its transition table, not once per row: a row trigger updating the one head row would
    // make each update walk the versions the transaction has already written, and 20,000 events (one bulk request)
    // took 5.0 s instead of 0.7 s; this way a statement of 1,000 rows moves the head once. The rows must form a run
    // in seq order that continues the head; the first that does not is named.
    await queryRunner.query(`
      CREATE FUNCTION registry_audit_advance_head() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = ${s}, pg_temp AS $fn$
      DECLARE
        head_seq bigint;
        head_hash text;
        broken bigint;
        last_seq bigint;
        last_hash text;
      BEGIN
        SELECT h.seq, h.hash INTO head_seq, head_hash FROM audit_head h WHERE h.id = 1 FOR UPDATE;
        SELECT e.seq INTO broken FROM (
          SELECT i.seq, i.prev_hash, lag(i.seq) OVER run AS before_seq, lag(i.hash) OVER run AS before_hash
          FROM inserted i WINDOW run AS (ORDER BY i.seq)
        ) e
        WHERE e.seq <> coalesce(e.before_seq, head_seq) + 1 OR e.prev_hash <> coalesce(e.before_hash, head_hash)
        ORDER BY e.seq LIMIT 1;
        IF broken IS NOT NULL THEN
          RAISE EXCEPTION 'audit event % does not continue the chain''s head', broken USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        SELECT i.seq, i.hash INTO last_seq, last_hash FROM inserted i ORDER BY i.seq DESC LIMIT 1;
        IF last_seq IS NOT NULL THEN
          UPDATE audit_head SET seq = last_seq, hash = last_hash WHERE id = 1;
        END IF;
        RETURN NULL;
      END
      $fn$`);
    // EXECUTE is PUBLIC's by default: only the service may take the head's lock. A trigger's function needs no EXECUTE.
    await queryRunner.query(`REVOKE ALL ON FUNCTION registry_audit_lock_head(), registry_audit_advance_head() FROM PUBLIC`);
    await queryRunner.query(`GRANT EXECUTE ON FUNCTION registry_audit_lock_head() TO registry_service`);
    await queryRunner.query(`REVOKE EXECUTE ON FUNCTION registry_audit_advance_head() FROM registry_service`);
    await queryRunner.query(
      `CREATE TRIGGER "tr_audit_events_advance_head" AFTER INSERT ON "audit_events" REFERENCING NEW TABLE AS inserted ` +
        `FOR EACH STATEMENT EXECUTE FUNCTION registry_audit_advance_head()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "tr_audit_events_advance_head" ON "audit_events"`);
    await queryRunner.query(`DROP FUNCTION registry_audit_advance_head()`);
    await queryRunner.query(`DROP FUNCTION registry_audit_lock_head()`);
    const [{ schema }] = (await queryRunner.query(`SELECT current_schema() AS schema`)) as { schema: string }[];
    const s = `"${schema.replaceAll('"', '""')}"`;
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${s} REVOKE ALL ON FUNCTIONS FROM registry_service`);
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${s} REVOKE ALL ON SEQUENCES FROM registry_service`);
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${s} REVOKE ALL ON TABLES FROM registry_service`);
    await queryRunner.query(`REVOKE ALL ON ALL FUNCTIONS IN SCHEMA ${s} FROM registry_service`);
    await queryRunner.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA ${s} FROM registry_service`);
    await queryRunner.query(`REVOKE ALL ON ALL TABLES IN SCHEMA ${s} FROM registry_service`);
    await queryRunner.query(`REVOKE ALL ON SCHEMA ${s} FROM registry_service`);
  }
}
