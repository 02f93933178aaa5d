import { Controller, Get, Header, Param, Version, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../http/api-problems.decorator.js';
import { Public } from '../http/public.decorator.js';
import { JwkSetDto, SigningKeyListDto } from './signing.dto.js';
import { JWKS_PATH, SigningService } from './signing.service.js';

// Keys change only when the service restarts with a new keyring; a verifier that meets an unknown `kid` fetches again.
const CACHE = 'public, max-age=300';

const EXAMPLE_KID = 'kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k';
const EXAMPLE_JWK = { kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo', kid: EXAMPLE_KID, alg: 'EdDSA', use: 'sig' };
const EXAMPLE_PEM = '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n-----END PUBLIC KEY-----\n';

@ApiTags('signing-keys')
@Public()
@Controller({ version: VERSION_NEUTRAL })
export class SigningController {
  constructor(private readonly signing: SigningService) {}

  /**
   * The public keys that verify the registry's signatures (manifests, deltas), as an RFC 7517 JWK set: every key that
   * ever signed, retired ones too. Pick the key by the `kid` of a JWS header or the `keyId` of a manifest.
   */
  @ApiOperation({
    operationId: 'getJwks',
    summary: 'Signing keys as a JWK set',
    description: 'Every key that signed or signs publications (RFC 7517 JWK set, Ed25519 keys of RFC 8037), retired ones too. Pick the key by the `kid` of a JWS header or the `keyId` of a manifest.',
  })
  @ApiProduces('application/jwk-set+json')
  @ApiOkResponse({ type: JwkSetDto, description: 'The JWK set.', example: { keys: [EXAMPLE_JWK] } })
  @ApiProblems()
  @Header('content-type', 'application/jwk-set+json')
  @Header('cache-control', CACHE)
  @Get(JWKS_PATH.slice(1))
  getJwks(): JwkSetDto {
    return this.signing.jwks();
  }

  /** The signing keys, oldest first, with the serials each signs: a rotation adds a key that signs from a later serial. */
  @ApiOperation({
    operationId: 'listSigningKeys',
    summary: 'List signing keys',
    description: 'The signing keys, oldest first, with the serials each signs. A rotation adds a key that signs from a later serial; the keys before it stay, retired, to verify what they signed.',
  })
  @ApiOkResponse({
    type: SigningKeyListDto,
    description: 'The keys, the active one last.',
    example: {
      items: [
        { keyId: 'registry-2026', algorithm: 'EdDSA', fromSerial: 0, toSerial: 4999, status: 'retired', links: { pem: '/v1/signing-keys/registry-2026.pem', jwks: '/.well-known/jwks.json' } },
        { keyId: EXAMPLE_KID, algorithm: 'EdDSA', fromSerial: 5000, toSerial: null, status: 'active', links: { pem: `/v1/signing-keys/${EXAMPLE_KID}.pem`, jwks: '/.well-known/jwks.json' } },
      ],
    },
  })
  @ApiProblems()
  @Header('cache-control', CACHE)
  @Version('1')
  @Get('signing-keys')
  listSigningKeys(): SigningKeyListDto {
    return { items: this.signing.list() };
  }

  /** One public key in PEM (SPKI): `openssl pkeyutl -verify -pubin -inkey KEY.pem -rawin -in manifest.json -sigfile manifest.json.sig`. */
  @ApiOperation({
    operationId: 'getSigningKeyPem',
    summary: 'A signing key in PEM',
    description: 'One public key in PEM (SPKI), for stock tools: `openssl pkeyutl -verify -pubin -inkey KEY.pem -rawin -in manifest.json -sigfile manifest.json.sig`.',
  })
  @ApiParam({ name: 'keyId', description: 'The key id (`kid`, `keyId` of a manifest).', example: EXAMPLE_KID })
  @ApiProduces('application/x-pem-file')
  @ApiOkResponse({ description: 'The public key, SPKI PEM.', content: { 'application/x-pem-file': { schema: { type: 'string' }, example: EXAMPLE_PEM } } })
  @ApiProblems(404)
  @Header('content-type', 'application/x-pem-file')
  @Header('cache-control', CACHE)
  @Version('1')
  @Get('signing-keys/:keyId.pem')
  getSigningKeyPem(@Param('keyId') keyId: string): string {
    return this.signing.requirePublicKeyPem(keyId);
  }
}
