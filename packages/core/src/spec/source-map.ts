import type { Position, SourceRange } from '../diagnostics/diagnostic';

/** How a YAML scalar was written, which some lint rules care about (a folded `>` script, a stray quote). */
export type ScalarStyle = 'plain' | 'single-quoted' | 'double-quoted' | 'literal' | 'folded';

/** Where one value came from: its own range, its key's range when it sits in a map, and how it was written. */
export interface ValueSource {
  readonly range: SourceRange;
  readonly keyRange?: SourceRange;
  readonly style?: ScalarStyle;
  /** The scalar exactly as written in the file, for scalars only. */
  readonly raw?: string;
}

/**
 * Remembers where every decoded value came from without changing the typed model: positions are keyed by
 * the parent object (or array) and the field name (or index), so the model stays plain data.
 */
export class SourceMap {
  readonly #entries = new WeakMap<object, Map<string, ValueSource>>();
  readonly #own = new WeakMap<object, ValueSource>();

  /** Records where `parent[key]` came from. */
  set(parent: object, key: string | number, source: ValueSource): void {
    let fields = this.#entries.get(parent);
    if (!fields) {
      fields = new Map();
      this.#entries.set(parent, fields);
    }
    fields.set(String(key), source);
  }

  /** Records where an object or array itself came from. */
  setOwn(value: object, source: ValueSource): void {
    this.#own.set(value, source);
  }

  /** Where `parent[key]` came from, or, without a key, where `parent` itself did. */
  get(parent: object, key?: string | number): ValueSource | undefined {
    if (key === undefined) return this.#own.get(parent);
    return this.#entries.get(parent)?.get(String(key));
  }

  /** The best range to point at for `parent[key]`: the value, else the object holding it. */
  rangeOf(parent: object, key?: string | number): SourceRange | undefined {
    return this.get(parent, key)?.range ?? this.#own.get(parent)?.range;
  }

  /** The range of a key itself (for "unknown field" style findings), falling back to its value. */
  keyRangeOf(parent: object, key: string | number): SourceRange | undefined {
    const source = this.get(parent, key);
    return source?.keyRange ?? source?.range ?? this.#own.get(parent)?.range;
  }
}

/** Moves a position `offset` characters to the right on the same line. */
export function shiftPosition(position: Position, offset: number): Position {
  return { line: position.line, col: position.col + offset };
}
