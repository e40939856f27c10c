import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import {
  type BlobMounter,
  type CredentialProvider,
  defaultCredentialProvider,
  type ImageSink,
  RegistryClient,
  type RegistryClientOptions,
  RegistryRepository,
} from '@slipway/oci';

/** Registry settings from the command line (and, inside a workflow step, from the run's environment). */
export interface RegistrySettings {
  /** Registries reached over plain HTTP or without verifying TLS (`*` for all). */
  readonly insecure: readonly string[];
  /** PEM files of extra certificate authorities to trust. */
  readonly caFiles: readonly string[];
  readonly retries?: number;
  readonly chunkSize?: number;
  /**
   * The environment. A workflow step gets its run's registry settings through it:
   * `SLIPWAY_INSECURE_REGISTRIES` (`host,host`) and `SLIPWAY_REGISTRY_ENDPOINTS` (`registry=host:port,…`).
   */
  readonly env: Readonly<Record<string, string | undefined>>;
}

function listEnv(value: string | undefined): string[] {
  return (value ?? '').split(',').filter((item) => item !== '');
}

/** `registry=address,…` (registry mirrors and endpoints, as a run passes them to its steps) as a map. */
export function registryPairs(value: string | undefined): ReadonlyMap<string, string> {
  const pairs = listEnv(value).map((pair) => {
    const equals = pair.indexOf('=');
    return [pair.slice(0, equals), pair.slice(equals + 1)] as const;
  });
  return new Map(pairs.filter(([registry, address]) => registry !== '' && address !== ''));
}

/** One RegistryClient per registry host for a command, sharing credentials and connections. */
export class RegistryPool {
  readonly #clients = new Map<string, RegistryClient>();
  readonly #credentials: CredentialProvider;
  readonly #ca: string[];
  readonly #insecure: readonly string[];
  readonly #endpoints: ReadonlyMap<string, string>;

  constructor(private readonly settings: RegistrySettings) {
    // The AWS SDK's own variables for another ECR API endpoint (a VPC endpoint, a local stand-in).
    const ecrEndpoint = settings.env.AWS_ENDPOINT_URL_ECR || settings.env.AWS_ENDPOINT_URL || undefined;
    this.#credentials = defaultCredentialProvider({
      env: settings.env,
      homeDir: homedir(),
      ecr: ecrEndpoint === undefined ? {} : { endpoint: ecrEndpoint },
    });
    this.#ca = settings.caFiles.map((file) => readFileSync(file, 'utf8'));
    this.#insecure = [...settings.insecure, ...listEnv(settings.env.SLIPWAY_INSECURE_REGISTRIES)];
    // Traffic for such a registry (pulls and pushes) goes to the endpoint, while its credentials stay those of
    // the registry's own name: an ECR host served by a local endpoint, a registry behind a proxy.
    this.#endpoints = registryPairs(settings.env.SLIPWAY_REGISTRY_ENDPOINTS);
  }

  /** The client of a registry host. */
  client(registry: string): RegistryClient {
    let client = this.#clients.get(registry);
    if (!client) {
      const address = this.#endpoints.get(registry) ?? registry;
      const insecure = [registry, address, '*'].some((host) => this.#insecure.includes(host));
      const credentials = this.#credentials;
      const options: RegistryClientOptions = {
        credentials: address === registry ? credentials : () => credentials(registry),
        insecure,
        ...(this.#ca.length > 0 ? { caCertificates: this.#ca } : {}),
        ...(this.settings.retries !== undefined ? { retry: { attempts: this.settings.retries + 1 } } : {}),
        ...(this.settings.chunkSize !== undefined ? { chunkSize: this.settings.chunkSize } : {}),
      };
      client = new RegistryClient(address, options);
      this.#clients.set(registry, client);
    }
    return client;
  }

  /** A repository as a copy destination that mounts blobs from another repository of the same registry. */
  destination(registry: string, repository: string): ImageSink & BlobMounter {
    const repo = this.client(registry).repository(repository);
    return {
      name: repo.name,
      hasBlob: (descriptor) => repo.hasBlob(descriptor),
      putBlob: (descriptor, open) => repo.putBlob(descriptor, open),
      putManifest: (manifest, tag) => repo.putManifest(manifest, tag),
      mountFrom: async (descriptor, source) =>
        source instanceof RegistryRepository &&
        source.registry === repo.registry &&
        source.repository !== repository
          ? repo.mountBlob(descriptor, source.repository)
          : false,
    };
  }

  /** Closes every client. */
  async close(): Promise<void> {
    await Promise.all([...this.#clients.values()].map((client) => client.close()));
  }
}
