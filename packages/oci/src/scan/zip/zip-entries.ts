import { inflateRawSync } from 'node:zlib';

/** One file of a zip archive read into memory. */
export interface ZipEntry {
  readonly name: string;
  /** Inflates (or slices) the entry's content. */
  read(): Buffer;
}

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
// An entry inflating past this is a zip bomb, not an advisory or a jar.
const MAX_ENTRY = 512 * 1024 * 1024;

function findEnd(zip: Buffer): number {
  // The end record is the last 22 bytes unless a comment (up to 64 KiB) follows it.
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (zip.readUInt32LE(at) === EOCD) return at;
  }
  throw new RangeError('no end-of-central-directory record (not a zip, or truncated)');
}

/**
 * Lists the files of an in-memory zip (zip64 counts and offsets included), inflating on demand and
 * synchronously: a dump of 100,000 small advisories is read without a thread-pool round trip per file.
 */
export function zipEntries(zip: Buffer): ZipEntry[] {
  const end = findEnd(zip);
  let count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  if (
    (count === 0xffff || offset === 0xffffffff) &&
    end >= 20 &&
    zip.readUInt32LE(end - 20) === EOCD64_LOCATOR
  ) {
    const end64 = Number(zip.readBigUInt64LE(end - 12));
    if (zip.readUInt32LE(end64) !== EOCD64) throw new RangeError('the zip64 end record is missing');
    count = Number(zip.readBigUInt64LE(end64 + 32));
    offset = Number(zip.readBigUInt64LE(end64 + 48));
  }
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(offset) !== CENTRAL) throw new RangeError(`central directory entry ${i} is corrupt`);
    const method = zip.readUInt16LE(offset + 10);
    const compressed = zip.readUInt32LE(offset + 20);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const local = zip.readUInt32LE(offset + 42);
    const name = zip.toString('utf8', offset + 46, offset + 46 + nameLength);
    offset += 46 + nameLength + extraLength + commentLength;
    entries.push({
      name,
      read() {
        if (zip.readUInt32LE(local) !== LOCAL) throw new RangeError(`${name}: local header is corrupt`);
        const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
        const data = zip.subarray(start, start + compressed);
        if (data.length !== compressed) throw new RangeError(`${name}: data runs past the end`);
        if (method === 0) return data;
        if (method === 8) return inflateRawSync(data, { maxOutputLength: MAX_ENTRY });
        throw new RangeError(`${name}: compression method ${method} is not supported`);
      },
    });
  }
  return entries;
}
