import { type BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LRUCache } from 'lru-cache';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import type { Scope } from '../auth/scopes.js';
import { databaseFault } from '../platform/database/database-faults.js';
import type { KeyedRateLimits } from '../platform/http/rate-limit.js';
import type { ApiKeyEntity } from './api-key.entity.js';
import { generateKey, parseKey, secretMatches } from './api-key-format.js';
import type { ApiKeyDto, CreateApiKeyDto, CreatedApiKeyDto } from './api-keys.dto.js';
import { ApiKeyNotFoundError, ForbiddenError, UnauthorizedError } from './api-keys.errors.js';
import { ApiKeysRepository } from './api-keys.repository.js';

export function toApiKeyDto(key: ApiKeyEntity): ApiKeyDto {
  return {
    id: key.id,
    name: key.name,
    scopes: key.scopes,
    createdAt: key.createdAt.toISOString(),
    createdBy: key.createdBy,
    expiresAt: key.expiresAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    rateLimitPerMinute: key.rateLimitPerMinute,
  };
}

/**
 * How long this instance keeps what the rate limit needs of a key (its hash, state and limit), so a keyed request
 * costs a hash, not a query: a revocation through another replica lifts the key's own limit within this (the key
 * itself is refused at once by authenticate, which always reads the row).
 */
export const KEY_LIMIT_CACHE_MS = 10_000;

type KeyLimitRow = Pick<ApiKeyEntity, 'secretHash' | 'revokedAt' | 'expiresAt' | 'rateLimitPerMinute'>;

/** last_used_at is for operators ("is this key still in use?"), not an access log: once a minute per key is enough. */
export const LAST_USED_EVERY_MS = 60_000;

@Injectable()
export class ApiKeysService implements BeforeApplicationShutdown, KeyedRateLimits {
  private readonly logger = new Logger(ApiKeysService.name);
  /** When this instance last asked to record each key's use. */
  private readonly recorded = new Map<string, number>();
  private readonly recording = new Set<Promise<void>>();
  /** By key id; false: no such key (so a made-up id is not a query per request either). */
  private readonly limits = new LRUCache<string, KeyLimitRow | false>({ max: 10_000, ttl: KEY_LIMIT_CACHE_MS });

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly keys: ApiKeysRepository,
    private readonly audit: AuditService,
  ) {}

  /** The key's id and scopes when the presented key is well-formed, known, unrevoked, unexpired and has `required`. */
  async authenticate(presented: string, required: Scope[], now = new Date()): Promise<{ id: string; scopes: Scope[] }> {
    const parsed = parseKey(presented);
    if (!parsed) throw new UnauthorizedError();
    const key = await this.keys.getById(parsed.id);
    if (!key || !secretMatches(parsed.secret, key.secretHash)) throw new UnauthorizedError();
    if (key.revokedAt || (key.expiresAt && key.expiresAt <= now)) throw new UnauthorizedError();
    if (!required.every((scope) => key.scopes.includes(scope))) throw new ForbiddenError();
    this.recordUse(key.id, now.getTime());
    return { id: key.id, scopes: key.scopes };
  }

  /**
   * The rate limit of a presented bearer token: the key's own when the token is that key (its secret checked against
   * the stored hash, unrevoked, unexpired) and the key has one; undefined otherwise, so a made-up token never earns
   * a bucket of its own.
   */
  async limitOf(presented: string, now = new Date()): Promise<{ keyId: string; perMinute: number } | undefined> {
    const parsed = parseKey(presented);
    if (!parsed) return undefined;
    let row = this.limits.get(parsed.id);
    if (row === undefined) {
      const key = await this.keys.getById(parsed.id);
      row = key ? { secretHash: key.secretHash, revokedAt: key.revokedAt, expiresAt: key.expiresAt, rateLimitPerMinute: key.rateLimitPerMinute } : false;
      this.limits.set(parsed.id, row);
    }
    if (!row || row.rateLimitPerMinute === null || row.revokedAt || (row.expiresAt && row.expiresAt <= now)) return undefined;
    if (!secretMatches(parsed.secret, row.secretHash)) return undefined;
    return { keyId: parsed.id, perMinute: row.rateLimitPerMinute };
  }

  /**
   * Off the request path: authenticating only reads, so a read-only or struggling database does not turn every
   * authenticated read into an error. A failed write is logged and tried again a minute later.
   */
  private recordUse(id: string, now: number): void {
    const last = this.recorded.get(id);
    if (last !== undefined && now - last < LAST_USED_EVERY_MS) return;
    this.recorded.set(id, now);
    const write: Promise<void> = this.keys
      .touch(id)
      .catch((error: unknown) => {
        this.logger.warn({ err: error, keyId: id, reason: databaseFault(error)?.reason }, 'Could not record when the API key was last used');
      })
      .finally(() => this.recording.delete(write));
    this.recording.add(write);
  }

  /** Lets the writes in flight finish before the pool closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.recording);
  }

  create(input: CreateApiKeyDto, actor: Actor): Promise<CreatedApiKeyDto> {
    return this.dataSource.transaction((manager) => this.createIn(manager, input, actor));
  }

  async list(): Promise<ApiKeyDto[]> {
    return (await this.keys.list()).map(toApiKeyDto);
  }

  /** Takes effect at once: the next request with the key is refused. */
  revoke(id: string, actor: Actor): Promise<ApiKeyDto> {
    return this.dataSource.transaction((manager) => this.revokeIn(manager, id, actor));
  }

  /** A new key with the same name, scopes and expiry; the old one is revoked in the same transaction. */
  rotate(id: string, actor: Actor): Promise<CreatedApiKeyDto> {
    return this.dataSource.transaction(async (manager) => {
      const old = await this.keys.getById(id, manager);
      if (!old) throw new ApiKeyNotFoundError(id);
      const created = await this.createIn(
        manager,
        { name: old.name, scopes: old.scopes, expiresAt: old.expiresAt ?? undefined, rateLimitPerMinute: old.rateLimitPerMinute ?? undefined },
        actor,
      );
      await this.revokeIn(manager, id, actor);
      return created;
    });
  }

  private async createIn(manager: EntityManager, input: CreateApiKeyDto, actor: Actor): Promise<CreatedApiKeyDto> {
    const generated = generateKey();
    const key = await this.keys.insert(manager, {
      id: generated.id,
      name: input.name,
      secretHash: generated.secretHash,
      scopes: input.scopes,
      createdBy: actor.keyId,
      expiresAt: input.expiresAt ?? null,
      rateLimitPerMinute: input.rateLimitPerMinute ?? null,
    });
    const dto = toApiKeyDto(key);
    await this.audit.record(manager, actor, {
      action: 'api-key.create',
      targetType: 'api-key',
      targetId: key.id,
      before: null,
      after: dto,
    });
    return { ...dto, key: generated.key };
  }

  private async revokeIn(manager: EntityManager, id: string, actor: Actor): Promise<ApiKeyDto> {
    const before = await this.keys.getById(id, manager);
    if (!before) throw new ApiKeyNotFoundError(id);
    if (before.revokedAt) return toApiKeyDto(before);
    await this.keys.revoke(manager, id, new Date());
    this.limits.delete(id);
    const after = toApiKeyDto((await this.keys.getById(id, manager))!);
    await this.audit.record(manager, actor, {
      action: 'api-key.revoke',
      targetType: 'api-key',
      targetId: id,
      before: toApiKeyDto(before),
      after,
    });
    return after;
  }
}
