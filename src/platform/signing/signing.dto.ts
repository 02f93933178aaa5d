import { ApiProperty } from '@nestjs/swagger';

/** An Ed25519 public key as a JWK (RFC 8037). */
export class JwkDto {
  /** @example "OKP" */
  kty: string;
  /** @example "Ed25519" */
  crv: string;
  /** The public key, base64url. @example "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo" */
  x: string;
  /** The key id: its RFC 7638 thumbprint unless configuration names it. @example "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k" */
  kid: string;
  /** @example "EdDSA" */
  alg: string;
  /** @example "sig" */
  use: string;
}

/** Every key that signed or signs publications (RFC 7517 JWK set), retired ones too. */
export class JwkSetDto {
  keys: JwkDto[];
}

export class SigningKeyLinksDto {
  /** The public key in PEM (SPKI), for `openssl pkeyutl -verify -pubin`. @example "/v1/signing-keys/kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k.pem" */
  pem: string;
  /** The JWK set holding it. @example "/.well-known/jwks.json" */
  jwks: string;
}

export class SigningKeyDto {
  /** @example "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k" */
  keyId: string;
  /** @example "EdDSA" */
  algorithm: string;
  /** The first serial it signs. @example 1 */
  fromSerial: number;
  /** The last serial it signs; null while it is the newest key. @example null */
  toSerial: number | null;
  /** active: it signs new publications; retired: it only verifies what it signed. */
  @ApiProperty({ enum: ['active', 'retired'], example: 'active' })
  status: 'active' | 'retired';
  links: SigningKeyLinksDto;
}

export class SigningKeyListDto {
  /** Oldest first; the last one is active. */
  items: SigningKeyDto[];
}
