import { RegistryHttp } from './registry-http';
import { type RegistryClientOptions, resolveRegistryOptions } from './registry-options';
import { RegistryRepository } from './registry-repository';
import { assertRepositoryName } from './repository-name';
import { createTransport, type Transport } from './transport';

/**
 * A client of one registry host (`127.0.0.1:5000`, `ghcr.io`): its scheme, credentials, tokens and
 * connections are shared by the repositories it hands out. Call `close` when done with custom TLS.
 */
export class RegistryClient {
  private readonly http: RegistryHttp;
  private readonly transport: Transport;

  constructor(
    readonly registry: string,
    options: RegistryClientOptions = {},
  ) {
    const resolved = resolveRegistryOptions(options);
    this.transport = createTransport(resolved);
    this.http = new RegistryHttp(registry, resolved, this.transport);
  }

  /** A repository of this registry (`team/app`). */
  repository(name: string): RegistryRepository {
    assertRepositoryName(name);
    return new RegistryRepository(this.http, this.registry, name);
  }

  /** Checks that the registry answers `/v2/` and learns how it authenticates; gives its base URL. */
  ping(): Promise<string> {
    return this.http.ping();
  }

  /** Releases the connections of a custom-TLS transport (nothing to do otherwise). */
  close(): Promise<void> {
    return this.transport.close();
  }
}
