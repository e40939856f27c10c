/** Quotes a word for `sh`: single quotes, with each `'` closed, escaped and reopened. */
export function shellWord(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
