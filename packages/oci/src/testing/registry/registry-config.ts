/** What a test registry's `config.yml` needs. */
export interface RegistryConfigInput {
  readonly port: number;
  readonly storageDir: string;
  readonly tls?: { readonly certificatePath: string; readonly keyPath: string };
  readonly htpasswdPath?: string;
  readonly token?: {
    readonly realm: string;
    readonly service: string;
    readonly issuer: string;
    readonly rootCertBundlePath: string;
  };
}

/**
 * The configuration of distribution's registry for a test: filesystem storage with deletes enabled,
 * quiet logs, loopback only, and the auth/TLS of the mode. Written as JSON, which is YAML too.
 */
export function registryConfig(input: RegistryConfigInput): string {
  const auth = input.htpasswdPath
    ? { htpasswd: { realm: 'slipway-test', path: input.htpasswdPath } }
    : input.token
      ? {
          token: {
            realm: input.token.realm,
            service: input.token.service,
            issuer: input.token.issuer,
            rootcertbundle: input.token.rootCertBundlePath,
          },
        }
      : undefined;
  const config = {
    version: '0.1',
    log: { level: 'warn', accesslog: { disabled: true } },
    storage: { filesystem: { rootdirectory: input.storageDir }, delete: { enabled: true } },
    http: {
      addr: `127.0.0.1:${input.port}`,
      secret: 'slipway-test-secret',
      ...(input.tls ? { tls: { certificate: input.tls.certificatePath, key: input.tls.keyPath } } : {}),
    },
    ...(auth ? { auth } : {}),
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}
