import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import type { Scope } from '../auth/scopes.js';
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
  };
}

@Injectable()
export class ApiKeysService {
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
    await this.keys.touch(key.id);
    return { id: key.id, scopes: key.scopes };
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
      const created = await this.createIn(manager, { name: old.name, scopes: old.scopes, expiresAt: old.expiresAt ?? undefined }, actor);
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
