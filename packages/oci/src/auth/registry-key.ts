/** The key docker writes in config.json (and passes to credential helpers) for Docker Hub. */
export const DOCKER_HUB_SERVER_URL = 'https://index.docker.io/v1/';

const DOCKER_HUB_HOSTS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/**
 * Normalises a registry name or a config.json `auths` key to a lowercase host[:port]: scheme and
 * path are dropped, and every Docker Hub alias (`https://index.docker.io/v1/`, `registry-1.docker.io`…)
 * becomes `docker.io`.
 */
export function normalizeRegistryKey(key: string): string {
  let host = key.trim();
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(host);
  if (scheme) host = host.slice(scheme[0].length);
  const slash = host.indexOf('/');
  if (slash !== -1) host = host.slice(0, slash);
  host = host.toLowerCase();
  if (host.endsWith(':443') && DOCKER_HUB_HOSTS.has(host.slice(0, -4))) host = host.slice(0, -4);
  return DOCKER_HUB_HOSTS.has(host) ? 'docker.io' : host;
}

/** The server URL docker uses for a registry in config.json and with credential helpers (Docker Hub's legacy URL, else the host). */
export function serverUrlFor(registry: string): string {
  const host = normalizeRegistryKey(registry);
  return host === 'docker.io' ? DOCKER_HUB_SERVER_URL : host;
}
