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

/** Registry settings from the command line. */
export interface RegistrySettings {
  /** Registries reached over plain HTTP or without verifying TLS (`*` for all). */
  readonly insecure: readonly string[];
  /** PEM files of extra certificate authorities to trust. */
  readonly caFiles: readonly string[];
  readonly retries?: number;
  readonly chunkSize?: number;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** One RegistryClient per registry host for a command, sharing credentials and connections. */
export class RegistryPool {
  readonly #clients = new Map<string, RegistryClient>();
  readonly #credentials: CredentialProvider;
  readonly #ca: string[];

  constructor(private readonly settings: RegistrySettings) {
    this.#credentials = defaultCredentialProvider({ env: settings.env, homeDir: homedir() });
    this.#ca = settings.caFiles.map((file) => readFileSync(file, 'utf8'));
  }

  /** The client of a registry host. */
  client(registry: string): RegistryClient {
    let client = this.#clients.get(registry);
    if (!client) {
      const insecure = this.settings.insecure.includes('*') || this.settings.insecure.includes(registry);
      const options: RegistryClientOptions = {
        credentials: this.#credentials,
        insecure,
        ...(this.#ca.length > 0 ? { caCertificates: this.#ca } : {}),
        ...(this.settings.retries !== undefined ? { retry: { attempts: this.settings.retries + 1 } } : {}),
        ...(this.settings.chunkSize !== undefined ? { chunkSize: this.settings.chunkSize } : {}),
      };
      client = new RegistryClient(registry, options);
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
        source.registry === registry &&
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
