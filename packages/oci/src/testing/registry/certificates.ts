import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { run } from './processes';

/** A self-signed certificate and its key, as files and PEM. */
export interface SelfSignedCertificate {
  readonly certificatePath: string;
  readonly keyPath: string;
  readonly certificatePem: string;
  readonly keyPem: string;
}

/**
 * Makes a self-signed RSA-2048 certificate with openssl, valid 2 days for `localhost` and `127.0.0.1`
 * (`NAME.crt`, `NAME.key` in `dir`). It serves as its own CA.
 */
export async function selfSignedCertificate(
  dir: string,
  name: string,
  commonName = 'localhost',
): Promise<SelfSignedCertificate> {
  const certificatePath = join(dir, `${name}.crt`);
  const keyPath = join(dir, `${name}.key`);
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-keyout',
    keyPath,
    '-out',
    certificatePath,
    '-subj',
    `/CN=${commonName}`,
    '-addext',
    'subjectAltName=IP:127.0.0.1,DNS:localhost',
  ]);
  return {
    certificatePath,
    keyPath,
    certificatePem: await readFile(certificatePath, 'utf8'),
    keyPem: await readFile(keyPath, 'utf8'),
  };
}
