/** The URL scheme of a registry. */
export type RegistryScheme = 'https' | 'http';

/** The host part of `host[:port]` (`[::1]:5000` → `::1`). */
export function hostName(registry: string): string {
  if (registry.startsWith('[')) return registry.slice(1, registry.indexOf(']'));
  const colons = registry.split(':').length - 1;
  if (colons > 1) return registry; // a bare IPv6 address
  return registry.split(':')[0] ?? registry;
}

/** True for `localhost`, `127.x.x.x` and `::1`, with or without a port. */
export function isLoopbackRegistry(registry: string): boolean {
  const host = hostName(registry).toLowerCase();
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * The schemes to try, in order. Always `https` first. Plain `http` is a fallback only for registries
 * marked insecure and for loopback hosts (as docker does), and is used only when the https attempt
 * fails because the server does not speak TLS, never because its certificate is untrusted.
 */
export function schemeCandidates(registry: string, insecure: boolean): RegistryScheme[] {
  return insecure || isLoopbackRegistry(registry) ? ['https', 'http'] : ['https'];
}

/** `https://host:port` for a registry host; IPv6 literals get brackets. */
export function registryOrigin(scheme: RegistryScheme, registry: string): string {
  const colons = registry.split(':').length - 1;
  const host = colons > 1 && !registry.startsWith('[') ? `[${registry}]` : registry;
  return `${scheme}://${host}`;
}
