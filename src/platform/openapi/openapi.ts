// The OpenAPI document, built from the controllers and DTOs; the committed openapi/openapi.json is its output.
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { AppConfig } from '../../config/app-config.js';

export function buildOpenApiDocument(app: INestApplication, config: Pick<AppConfig, 'PUBLIC_BASE_URL'>): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('kz-crypto-registry')
    .setDescription(
      'The public licensing registry of Kazakhstan\'s crypto market: firms licensed by the AFSA in the AIFC, ' +
        'entities blocked by state authorities, and the blocklist ISPs enforce. Errors are RFC 9457 ' +
        '`application/problem+json`. Records marked `DEMO-` are illustrative, not official identifiers.',
    )
    .setVersion('1')
    .setLicense('Data: see each record\'s source', `${config.PUBLIC_BASE_URL}/docs`)
    .addServer('/', 'This server')
    .addTag('check', 'Is this site or link licensed, blocked, or unknown?')
    .addTag('firms', 'Authorised firms and their licences')
    .addTag('blocked-entities', 'Entities blocked by state authorities')
    .addTag('blocklist', 'The blocklist ISPs enforce')
    .addTag('health', 'Probes')
    .addSecurity('apiKey', {
      // Not a JWT (addBearerAuth would say so): an opaque key, `kzr_<id>_<secret><checksum>`.
      type: 'http',
      scheme: 'bearer',
      description: 'An operator API key: `Authorization: Bearer kzr_...`',
    })
    .build();
  const document = SwaggerModule.createDocument(app, builder, {
    // Each handler sets its operationId; this keeps any other deterministic.
    operationIdFactory: (_controllerKey, methodKey) => methodKey,
  });
  markPublicOperations(document);
  return document;
}

/**
 * An operation that declares no security scheme is public: say so explicitly (`security: []`). One that takes a key
 * optionally may be called with none or with the key (`security: [{}, {apiKey: []}]`).
 */
function markPublicOperations(document: OpenAPIObject): void {
  for (const path of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = path[method];
      if (!operation) continue;
      // auth/OptionalScopes marks such an operation with this extension.
      if ('x-optional-scopes' in operation) operation.security = [{}, ...(operation.security ?? [])];
      else if (!operation.security) operation.security = [];
    }
  }
}
