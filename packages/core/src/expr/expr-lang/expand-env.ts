import { isMap, mapGet, mapSet } from './values';

/**
 * Turn Argo's flat variable map (`{"inputs.parameters.x": "1"}`) into the nested environment expressions see
 * (`{inputs: {parameters: {x: "1"}}}`), as Argo's `expand.Expand` does before evaluating. When a key is also
 * the prefix of another (`a` and `a.b`), the more specific key wins, as in Argo.
 */
export function expandEnv(flat: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  const keys = Object.keys(flat).sort();
  for (const [i, key] of keys.entries()) {
    const next = keys[i + 1];
    if (next?.startsWith(`${key}.`)) continue;
    const parts = key.split('.');
    let node = root;
    for (const part of parts.slice(0, -1)) {
      const existing = mapGet(node, part);
      if (existing.found && isMap(existing.value)) {
        node = existing.value;
      } else {
        const child: Record<string, unknown> = {};
        mapSet(node, part, child);
        node = child;
      }
    }
    const leaf = parts.at(-1) as string;
    if (!isMap(mapGet(node, leaf).value)) mapSet(node, leaf, flat[key]);
  }
  return root;
}
