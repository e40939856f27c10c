/** The kinds of tar entry Slipway distinguishes; the metadata kinds are folded into the entry they describe. */
export type TarEntryType =
  | 'file'
  | 'directory'
  | 'symlink'
  | 'hardlink'
  | 'other'
  | 'pax'
  | 'pax-global'
  | 'gnu-long-name'
  | 'gnu-long-link';

/** The fields of one 512-byte tar header block that Slipway uses. */
export interface TarHeader {
  name: string;
  linkname: string;
  type: TarEntryType;
  size: number;
  mode: number;
}

/** Size of a tar block: headers are one block, data is padded to whole blocks. */
export const BLOCK = 512;

function text(block: Uint8Array, start: number, length: number): string {
  const field = block.subarray(start, start + length);
  const end = field.indexOf(0);
  return Buffer.from(end === -1 ? field : field.subarray(0, end)).toString('utf8');
}

/** Numeric fields are octal text, or (GNU, for big values) base-256 with the top bit of the first byte set. */
function number(block: Uint8Array, start: number, length: number): number {
  const first = block[start] ?? 0;
  if (first & 0x80) {
    let value = first & 0x3f;
    for (let i = 1; i < length; i++) value = value * 256 + (block[start + i] ?? 0);
    return value;
  }
  const digits = text(block, start, length).trim();
  return digits === '' ? 0 : Number.parseInt(digits, 8);
}

const TYPES: Record<string, TarEntryType> = {
  '0': 'file',
  '\0': 'file',
  '7': 'file',
  '1': 'hardlink',
  '2': 'symlink',
  '5': 'directory',
  x: 'pax',
  g: 'pax-global',
  L: 'gnu-long-name',
  K: 'gnu-long-link',
};

/** True for the all-zero block that marks the end of an archive. */
export function isEndBlock(block: Uint8Array): boolean {
  return block.every((byte) => byte === 0);
}

/** Parses a header block; undefined when its checksum is wrong (the data is not a tar, or it is corrupt). */
export function parseTarHeader(block: Uint8Array): TarHeader | undefined {
  if (block.byteLength !== BLOCK) return undefined;
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const byte = i >= 148 && i < 156 ? 0x20 : (block[i] ?? 0);
    unsigned += byte;
    signed += byte > 127 ? byte - 256 : byte;
  }
  const stored = number(block, 148, 8);
  if (stored !== unsigned && stored !== signed) return undefined;
  const flag = String.fromCharCode(block[156] ?? 0);
  let name = text(block, 0, 100);
  // POSIX ustar keeps long names' leading directories in `prefix`; GNU's "ustar  " reuses that space.
  if (text(block, 257, 6) === 'ustar') {
    const prefix = text(block, 345, 155);
    if (prefix !== '') name = `${prefix}/${name}`;
  }
  let type = TYPES[flag] ?? 'other';
  // Pre-POSIX archives mark directories only by the trailing slash.
  if (type === 'file' && name.endsWith('/')) type = 'directory';
  return {
    name,
    linkname: text(block, 157, 100),
    type,
    size: number(block, 124, 12),
    mode: number(block, 100, 8),
  };
}

/** Parses pax extended-header records (`<length> <key>=<value>\n`). */
export function parsePaxRecords(data: Uint8Array): Map<string, string> {
  const records = new Map<string, string>();
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  let at = 0;
  while (at < bytes.byteLength) {
    const space = bytes.indexOf(0x20, at);
    if (space === -1) break;
    const length = Number.parseInt(bytes.toString('ascii', at, space), 10);
    if (!Number.isSafeInteger(length) || length <= 0 || at + length > bytes.byteLength) break;
    const record = bytes.toString('utf8', space + 1, at + length - 1);
    const equals = record.indexOf('=');
    if (equals > 0) records.set(record.slice(0, equals), record.slice(equals + 1));
    at += length;
  }
  return records;
}

/** Bytes of padding after `size` bytes of data, up to the next block. */
export function padding(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}
