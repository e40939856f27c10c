// Small helpers for the engine's plain-object records (the state must stay JSON, so no Maps).

/** The value at `key`, stored from `make()` first when absent. */
export function entryOf<T>(record: Record<string, T>, key: string, make: () => T): T {
  let value = record[key];
  if (value === undefined) {
    value = make();
    record[key] = value;
  }
  return value;
}

/** A set of names with its size kept beside it, so "is it empty?" costs nothing however large it grows. */
export interface CountedSet {
  names: Record<string, true>;
  size: number;
}

/** An empty CountedSet. */
export function countedSet(): CountedSet {
  return { names: {}, size: 0 };
}

/** Add a name (once). */
export function addName(set: CountedSet, name: string): void {
  if (set.names[name] === true) return;
  set.names[name] = true;
  set.size++;
}

/** Remove a name; returns whether it was there. */
export function removeName(set: CountedSet, name: string): boolean {
  if (set.names[name] !== true) return false;
  delete set.names[name];
  set.size--;
  return true;
}
