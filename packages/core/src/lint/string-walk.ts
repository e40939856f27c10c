/** Calls `visit` for every string in a plain value, with the object or array that holds it and its key. */
export function walkStrings(
  value: unknown,
  visit: (parent: object, key: string | number, text: string) => void,
  skipKeys: ReadonlySet<string> = new Set(),
): void {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const current = stack.pop();
    if (Array.isArray(current)) {
      current.forEach((item, index) => {
        if (typeof item === 'string') visit(current, index, item);
        else if (item && typeof item === 'object') stack.push(item);
      });
    } else if (current && typeof current === 'object') {
      for (const [key, item] of Object.entries(current)) {
        if (current === value && skipKeys.has(key)) continue;
        if (typeof item === 'string') visit(current, key, item);
        else if (item && typeof item === 'object') stack.push(item);
      }
    }
  }
}
