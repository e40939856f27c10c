import { createPrivateKey, randomUUID, sign, X509Certificate } from 'node:crypto';

/** One `access` entry of a distribution token: what may be done on which resource. */
export interface TokenAccess {
  readonly type: string;
  readonly name: string;
  readonly actions: readonly string[];
}

/** What goes into a registry token besides the access list. */
export interface TokenClaims {
  readonly issuer: string;
  readonly audience: string;
  readonly subject: string;
  readonly expiresInSeconds: number;
  readonly access: readonly TokenAccess[];
}

const base64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

/**
 * Signs a registry token (RS256 JWT). Distribution 2.8 trusts the signing key through the `x5c`
 * header: the certificate chain must verify against its `rootcertbundle` (here: the cert itself).
 */
export function signRegistryToken(claims: TokenClaims, keyPem: string, certificatePem: string): string {
  const certificate = new X509Certificate(certificatePem);
  const header = { typ: 'JWT', alg: 'RS256', x5c: [certificate.raw.toString('base64')] };
  const now = Math.floor(Date.now() / 1000);
  const payload = {
    iss: claims.issuer,
    sub: claims.subject,
    aud: claims.audience,
    exp: now + claims.expiresInSeconds,
    nbf: now - 5,
    iat: now,
    jti: randomUUID(),
    access: claims.access,
  };
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
  const signature = sign('sha256', Buffer.from(input), createPrivateKey(keyPem));
  return `${input}.${base64url(signature)}`;
}
