import { createSecureContext, rootCertificates } from 'node:tls';
import { Agent, fetch as undiciFetch } from 'undici';
import type { FetchLike, ResolvedRegistryOptions } from './registry-options';

/** How the client sends HTTP requests, and how to release its connections. */
export interface Transport {
  readonly fetch: FetchLike;
  close(): Promise<void>;
}

/**
 * Node's global `fetch`, unless the registry needs custom TLS: extra CA certificates (added to the
 * system ones) or `insecure` (no verification); those go through an undici `Agent` of their own.
 */
export function createTransport(options: ResolvedRegistryOptions): Transport {
  if (options.fetch) return { fetch: options.fetch, close: async () => {} };
  if (!options.insecure && options.caCertificates.length === 0) {
    return { fetch: (url, init) => fetch(url, init), close: async () => {} };
  }
  // One secure context for all connections: parsing the system roots per connection is slow.
  const secureContext =
    options.caCertificates.length > 0
      ? createSecureContext({ ca: [...rootCertificates, ...options.caCertificates] })
      : undefined;
  const agent = new Agent({
    connect: { rejectUnauthorized: !options.insecure, ...(secureContext ? { secureContext } : {}) },
  });
  const viaAgent = (url: string, init: RequestInit) =>
    undiciFetch(url, { ...(init as Parameters<typeof undiciFetch>[1]), dispatcher: agent });
  return {
    // undici's Response is the same class family as the global one; only the type declarations differ.
    fetch: viaAgent as unknown as FetchLike,
    close: () => agent.close(),
  };
}
