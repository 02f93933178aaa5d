// The two roles the registry's database is used through: an owner that owns the schema and runs the migrations, and
// the service, a login role in the group `registry_service` that owns nothing and holds only the grants the
// least-privilege migration gives that group. The embedded setup makes both; an operator's own server is checked.
import pg from 'pg';

/** The group role every grant goes to (migrations/1796900000000-least-privilege.ts). */
const SERVICE_GROUP = 'registry_service';
/** The embedded setup's login roles. */
export const EMBEDDED_OWNER = 'registry_owner';
export const EMBEDDED_SERVICE = 'registry_app';

export interface RoleUrls {
  /** The service's credentials: what the app serves with. */
  url: string;
  /** The owner's: what migrations run with. */
  migrationUrl: string;
}

export interface Login {
  name: string;
  password: string;
}

/** `url` with another user and password (host, port and database kept). */
export function asRole(url: string, login: Login): string {
  const parsed = new URL(url);
  parsed.username = encodeURIComponent(login.name);
  parsed.password = encodeURIComponent(login.password);
  return parsed.href;
}

function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Makes (or updates) the owner and service login roles and the service group, as a superuser (`adminUrl`). Roles
 * belong to the cluster, so this is idempotent and safe to repeat on every start.
 */
export async function ensureRoles(adminUrl: string, owner: Login, service: Login): Promise<void> {
  await withClient(adminUrl, async (client) => {
    // One setup at a time: CREATE ROLE races as a unique violation on the catalogue, not as "already exists".
    await client.query('SELECT pg_advisory_lock(4711003)');
    // The statements below carry the passwords: a failing one is never written to PostgreSQL's log (which the
    // embedded setup forwards to the service's), nor a slow one.
    await client.query("SET log_min_error_statement = 'panic'");
    await client.query("SET log_min_duration_statement = -1");
    try {
      const exists = async (name: string) => ((await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name])).rowCount ?? 0) > 0;
      const limits = 'NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOREPLICATION';
      if (!(await exists(SERVICE_GROUP))) await client.query(`CREATE ROLE ${ident(SERVICE_GROUP)} NOLOGIN ${limits}`);
      for (const login of [owner, service]) {
        const verb = (await exists(login.name)) ? 'ALTER' : 'CREATE';
        await client.query(`${verb} ROLE ${ident(login.name)} LOGIN ${limits} PASSWORD ${literal(login.password)}`);
      }
      await client.query(`GRANT ${ident(SERVICE_GROUP)} TO ${ident(service.name)}`);
    } finally {
      await client.query('SELECT pg_advisory_unlock(4711003)');
    }
  });
}

/**
 * Gives `database` and everything in its schema to `owner`, as a superuser: a data folder from before the two roles
 * has its tables owned by the superuser that ran the migrations then. Extension members stay the extension's.
 * Tables carry their indexes, constraints, triggers and identity sequences with them.
 */
export async function giveDatabaseTo(adminUrl: string, database: string, owner: string): Promise<void> {
  await withClient(adminUrl, (client) => client.query(`ALTER DATABASE ${ident(database)} OWNER TO ${ident(owner)}`));
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  await withClient(url.href, async (client) => {
    await client.query(`
      DO $do$
      DECLARE
        target oid := ${literal(owner)}::regrole;
        object record;
      BEGIN
        FOR object IN
          SELECT c.oid::regclass AS name, c.relkind FROM pg_class c
          WHERE c.relnamespace = current_schema()::regnamespace AND c.relowner <> target AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
            AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('e', 'a', 'i'))
        LOOP
          EXECUTE format('ALTER %s %s OWNER TO %I',
            CASE object.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
            object.name, ${literal(owner)});
        END LOOP;
        FOR object IN
          SELECT p.oid::regprocedure AS name FROM pg_proc p
          WHERE p.pronamespace = current_schema()::regnamespace AND p.proowner <> target AND p.prokind IN ('f', 'p')
            AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
        LOOP
          EXECUTE format('ALTER ROUTINE %s OWNER TO %I', object.name, ${literal(owner)});
        END LOOP;
      END
      $do$`);
  });
}

/**
 * What the role in `url` may do that the service should not: empty for a proper service role. For the warning when
 * one DATABASE_URL serves and migrates.
 */
export async function excessPrivileges(url: string): Promise<string[]> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ superuser: boolean; bypassrls: boolean; createrole: boolean; owned: number }>(`
      SELECT r.rolsuper AS superuser, r.rolbypassrls AS bypassrls, r.rolcreaterole AS createrole,
             (SELECT count(*)::int FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace
                AND c.relkind IN ('r', 'p') AND pg_has_role(current_user, c.relowner, 'USAGE')) AS owned
      FROM pg_roles r WHERE r.rolname = current_user`);
    const role = rows[0];
    if (!role) return [];
    return [
      ...(role.superuser ? ['is a superuser'] : []),
      ...(role.bypassrls ? ['bypasses row-level security'] : []),
      ...(role.createrole ? ['may create roles'] : []),
      ...(role.owned > 0 ? [`owns (or is a member of the owner of) ${role.owned} tables`] : []),
    ];
  });
}
