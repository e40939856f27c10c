// Variable lookup for substitution: Argo's flat replace map (`inputs.parameters.x` → "1"), served lazily so a
// DAG of 10,000 tasks never builds a map of every task's outputs for each task it starts.

/** A variable's value: a string, `null` for an absent optional (output of a Skipped/Omitted node), or missing. */
export type VarValue = string | null | undefined;

/** Flat variables, looked up by full key. */
export interface Variables {
  /** The value of one flat key (`steps.a.outputs.result`). */
  get(key: string): VarValue;
  /**
   * Copy into `into` every flat key an expression reading `path` can see: the path itself, its prefixes, and
   * the keys under it (`inputs.parameters` → `inputs.parameters.x`…). Lower layers are collected first.
   */
  collect(path: readonly string[], into: Record<string, unknown>): void;
}

/** Copy the keys of a flat map relevant to `path` (see `Variables.collect`). */
export function collectFromMap(
  map: Readonly<Record<string, string | null>>,
  path: readonly string[],
  into: Record<string, unknown>,
): void {
  const joined = path.join('.');
  for (let i = 1; i <= path.length; i++) {
    const prefix = path.slice(0, i).join('.');
    if (Object.hasOwn(map, prefix)) into[prefix] = map[prefix];
  }
  const under = `${joined}.`;
  for (const key of Object.keys(map)) {
    if (key.startsWith(under)) into[key] = map[key];
  }
}

/** Variables backed by one flat map. */
export class MapVariables implements Variables {
  constructor(private readonly map: Readonly<Record<string, string | null>>) {}

  get(key: string): VarValue {
    return Object.hasOwn(this.map, key) ? this.map[key] : undefined;
  }

  collect(path: readonly string[], into: Record<string, unknown>): void {
    collectFromMap(this.map, path, into);
  }
}

/** Several sources; the first that knows a key wins (later layers are the fallbacks). */
export class LayeredVariables implements Variables {
  private readonly layers: readonly Variables[];

  constructor(...layers: (Variables | undefined)[]) {
    this.layers = layers.filter((layer): layer is Variables => layer !== undefined);
  }

  get(key: string): VarValue {
    for (const layer of this.layers) {
      const value = layer.get(key);
      if (value !== undefined) return value;
    }
    return undefined;
  }

  collect(path: readonly string[], into: Record<string, unknown>): void {
    for (let i = this.layers.length - 1; i >= 0; i--) this.layers[i]?.collect(path, into);
  }
}
