// `keys create | list | rotate | revoke`: operators' API keys, through ApiKeysService (audited, actor `cli`).
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { SCOPES, type Scope } from '../auth/scopes.js';
import { parseKey } from '../api-keys/api-key-format.js';
import type { ApiKeyDto, CreatedApiKeyDto } from '../api-keys/api-keys.dto.js';
import { ApiKeysService } from '../api-keys/api-keys.service.js';
import { CLI_ACTOR } from '../auth/actor.js';
import { UsageError } from './cli-errors.js';
import { groupRun } from './commander-tree.js';
import { out, shortDate, table } from './output.js';
import { RegistryContext } from './registry-context.js';

const KEY_ID = /^[a-z2-7]{12}$/;

/** A key id, or a whole key (handy when revoking one that leaked: paste what was found). */
export function keyIdFrom(value: string): string {
  const trimmed = value.trim();
  if (KEY_ID.test(trimmed)) return trimmed;
  if (trimmed.startsWith('kzr_')) {
    const parsed = parseKey(trimmed);
    if (parsed) return parsed.id;
    throw new UsageError(`"${trimmed.slice(0, 20)}..." is not a valid API key (it may be cut short or mistyped).`);
  }
  throw new UsageError(`"${value}" is not an API key id (12 characters, as "keys list" shows them).`);
}

function printCreated(key: CreatedApiKeyDto, headline: string): void {
  out(
    [
      headline,
      `  id:      ${key.id}`,
      `  name:    ${key.name}`,
      `  scopes:  ${key.scopes.join(', ')}`,
      `  expires: ${shortDate(key.expiresAt, 'never')}`,
      `  limit:   ${key.rateLimitPerMinute === null ? 'by address (RATE_LIMIT_PER_MINUTE)' : `${key.rateLimitPerMinute} requests a minute`}`,
      '',
      key.key,
      '',
      'This is the only time the key is shown: store it now. It cannot be recovered, only rotated.',
    ].join('\n'),
  );
}

interface CreateOptions {
  name: string;
  scope: Scope[];
  expires?: Date;
  rateLimit?: number;
}

@SubCommand({ name: 'create', description: 'create an API key and print it (once)' })
export class KeysCreateCommand extends CommandRunner {
  constructor(private readonly registry: RegistryContext) {
    super();
  }

  async run(_args: string[], options: CreateOptions): Promise<void> {
    const keys = await this.registry.get(ApiKeysService);
    const created = await keys.create({ name: options.name, scopes: options.scope, expiresAt: options.expires, rateLimitPerMinute: options.rateLimit }, CLI_ACTOR);
    printCreated(created, 'Created an API key.');
  }

  @Option({ flags: '--name <name>', description: 'who or what will use it, e.g. "ISP sync robot"', required: true })
  parseName(value: string): string {
    const name = value.trim();
    if (name.length < 1 || name.length > 200) throw new UsageError('the name must be 1 to 200 characters.');
    return name;
  }

  @Option({ flags: '--scope <scope>', description: `what it may do; repeat for several: ${SCOPES.join(', ')}`, required: true })
  parseScope(value: string, previous: Scope[] = []): Scope[] {
    if (!(SCOPES as readonly string[]).includes(value)) throw new UsageError(`"${value}" is not a scope; use one of ${SCOPES.join(', ')}.`);
    return previous.includes(value as Scope) ? previous : [...previous, value as Scope];
  }

  @Option({ flags: '--expires <date-time>', description: 'when it stops working (ISO 8601, e.g. 2027-06-30T00:00:00Z); never if absent' })
  parseExpires(value: string): Date {
    const date = /^\d{4}-\d{2}-\d{2}/.test(value) ? new Date(value) : new Date(Number.NaN);
    if (Number.isNaN(date.getTime())) throw new UsageError(`"${value}" is not an ISO 8601 date or date-time.`);
    if (date.getTime() <= Date.now()) throw new UsageError(`${date.toISOString()} is in the past.`);
    return date;
  }

  @Option({ flags: '--rate-limit <per-minute>', description: 'requests a minute counted for the key instead of its address (1 to 1000000); by address if absent' })
  parseRateLimit(value: string): number {
    const perMinute = /^\d{1,7}$/.test(value) ? Number(value) : Number.NaN;
    if (!(perMinute >= 1 && perMinute <= 1_000_000)) throw new UsageError(`"${value}" is not a number of requests a minute from 1 to 1000000.`);
    return perMinute;
  }
}

@SubCommand({ name: 'list', description: 'list API keys (never their secrets)' })
export class KeysListCommand extends CommandRunner {
  constructor(private readonly registry: RegistryContext) {
    super();
  }

  async run(): Promise<void> {
    const keys = await (await this.registry.get(ApiKeysService)).list();
    if (keys.length === 0) {
      out('No API keys yet. Create one with: npm run cli -- keys create --name <name> --scope <scope>');
      return;
    }
    const now = new Date().toISOString();
    const state = (k: ApiKeyDto) => (k.revokedAt ? 'revoked' : k.expiresAt && k.expiresAt <= now ? 'expired' : 'active');
    out(
      table(
        ['ID', 'NAME', 'SCOPES', 'STATE', 'CREATED', 'EXPIRES', 'REVOKED', 'LAST USED'],
        keys.map((k) => [
          k.id,
          k.name,
          k.scopes.join(','),
          state(k),
          shortDate(k.createdAt),
          shortDate(k.expiresAt, 'never'),
          shortDate(k.revokedAt),
          shortDate(k.lastUsedAt, 'never'),
        ]),
      ),
    );
  }
}

@SubCommand({
  name: 'rotate',
  arguments: '<id>',
  argsDescription: { id: 'the key id (or the whole key)' },
  description: 'replace a key: a new one with the same name, scopes and expiry; the old one is revoked at once',
})
export class KeysRotateCommand extends CommandRunner {
  constructor(private readonly registry: RegistryContext) {
    super();
  }

  async run([raw]: string[]): Promise<void> {
    const id = keyIdFrom(raw!);
    const created = await (await this.registry.get(ApiKeysService)).rotate(id, CLI_ACTOR);
    printCreated(created, `Rotated API key ${id}: it is revoked from now on. Its replacement:`);
  }
}

@SubCommand({
  name: 'revoke',
  arguments: '<id>',
  argsDescription: { id: 'the key id (or the whole key)' },
  description: 'revoke a key: the next request with it is refused',
})
export class KeysRevokeCommand extends CommandRunner {
  constructor(private readonly registry: RegistryContext) {
    super();
  }

  async run([raw]: string[]): Promise<void> {
    const id = keyIdFrom(raw!);
    const keys = await this.registry.get(ApiKeysService);
    const before = (await keys.list()).find((k) => k.id === id);
    if (before?.revokedAt) {
      out(`API key ${id} ("${before.name}") was already revoked on ${shortDate(before.revokedAt)}.`);
      return;
    }
    const revoked = await keys.revoke(id, CLI_ACTOR);
    out(`Revoked API key ${id} ("${revoked.name}"): requests with it are refused from now on.`);
  }
}

@Command({
  name: 'keys',
  description: "operators' API keys",
  subCommands: [KeysCreateCommand, KeysListCommand, KeysRotateCommand, KeysRevokeCommand],
})
export class KeysCommand extends CommandRunner {
  run(args: string[]): Promise<void> {
    return groupRun(this.command, args);
  }
}
