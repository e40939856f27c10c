/** Token scope to read a repository: `repository:NAME:pull`. */
export function pullScope(repository: string): string {
  return `repository:${repository}:pull`;
}

/** Token scope to write a repository: `repository:NAME:pull,push`. */
export function pushScope(repository: string): string {
  return `repository:${repository}:pull,push`;
}

/** Token scope to delete from a repository: `repository:NAME:delete` (distribution's action for DELETE). */
export function deleteScope(repository: string): string {
  return `repository:${repository}:delete`;
}

/** Splits `type:name:a,b` into its resource (`type:name`) and actions; undefined for anything else. */
function splitScope(scope: string): { resource: string; actions: string[] } | undefined {
  const last = scope.lastIndexOf(':');
  if (last <= 0 || scope.indexOf(':') === last) return undefined;
  return {
    resource: scope.slice(0, last),
    actions: scope
      .slice(last + 1)
      .split(',')
      .filter(Boolean),
  };
}

/**
 * Merges scopes naming the same resource and sorts everything, so equal needs give equal keys:
 * `[repository:a:push, repository:a:pull]` → `[repository:a:pull,push]`. Unparsable scopes are kept as is.
 */
export function mergeScopes(scopes: Iterable<string>): string[] {
  const byResource = new Map<string, Set<string>>();
  const opaque = new Set<string>();
  for (const scope of scopes) {
    for (const one of scope.split(' ').filter(Boolean)) {
      const parsed = splitScope(one);
      if (!parsed) {
        opaque.add(one);
        continue;
      }
      const actions = byResource.get(parsed.resource) ?? new Set<string>();
      for (const action of parsed.actions) actions.add(action);
      byResource.set(parsed.resource, actions);
    }
  }
  const merged = [...byResource].map(([resource, actions]) => `${resource}:${[...actions].sort().join(',')}`);
  return [...merged, ...opaque].sort();
}

/** True when a token obtained for `granted` scopes was asked for everything in `wanted`. */
export function scopesCover(granted: readonly string[], wanted: readonly string[]): boolean {
  const have = new Map<string, Set<string>>();
  for (const scope of granted) {
    const parsed = splitScope(scope);
    if (parsed) have.set(parsed.resource, new Set(parsed.actions));
    else have.set(scope, new Set());
  }
  return wanted.every((scope) => {
    const parsed = splitScope(scope);
    if (!parsed) return have.has(scope);
    const actions = have.get(parsed.resource);
    return actions !== undefined && parsed.actions.every((action) => actions.has(action));
  });
}
