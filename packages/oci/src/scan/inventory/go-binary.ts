import { CatalogueParseError } from '../errors';
import type { Package } from '../types';
import { pkg } from './cataloguer';

/** The first bytes of Go's `.go.buildinfo` section. */
export const BUILDINFO_MAGIC = Buffer.from('\xff Go buildinf:', 'latin1');
const ELF_MAGIC = Buffer.from([0x7f, 0x45, 0x4c, 0x46]);
// Since Go 1.18 the version and module strings follow the header inline, varint-prefixed.
const FLAG_INLINE_STRINGS = 2;
const HEADER_SIZE = 32;

/** Whether `head` starts like an ELF file. */
export function isElf(head: Uint8Array): boolean {
  return head.length >= 4 && ELF_MAGIC.equals(head.subarray(0, 4));
}

/** The bytes of an ELF section by name; undefined when the file has no such section or no section table. */
export function elfSection(file: Buffer, name: string): Buffer | undefined {
  const is64 = file[4] === 2;
  const little = file[5] !== 2;
  const u16 = (at: number) => (little ? file.readUInt16LE(at) : file.readUInt16BE(at));
  const u32 = (at: number) => (little ? file.readUInt32LE(at) : file.readUInt32BE(at));
  const word = (at: number) =>
    is64 ? Number(little ? file.readBigUInt64LE(at) : file.readBigUInt64BE(at)) : u32(at);
  try {
    const shoff = word(is64 ? 0x28 : 0x20);
    const shentsize = u16(is64 ? 0x3a : 0x2e);
    const shnum = u16(is64 ? 0x3c : 0x30);
    const shstrndx = u16(is64 ? 0x3e : 0x32);
    if (shoff === 0 || shnum === 0) return undefined;
    const section = (index: number) => {
      const at = shoff + index * shentsize;
      return {
        name: u32(at),
        offset: word(at + (is64 ? 0x18 : 0x10)),
        size: word(at + (is64 ? 0x20 : 0x14)),
      };
    };
    const strings = section(shstrndx);
    for (let i = 0; i < shnum; i++) {
      const candidate = section(i);
      const start = strings.offset + candidate.name;
      const end = file.indexOf(0, start);
      if (end < 0 || file.toString('latin1', start, end) !== name) continue;
      if (candidate.offset + candidate.size > file.length) return undefined;
      return file.subarray(candidate.offset, candidate.offset + candidate.size);
    }
  } catch {
    // A truncated header table reads past the end: treated as no section.
  }
  return undefined;
}

function readVarintString(data: Buffer, at: number): { value: string; next: number } {
  let length = 0;
  let shift = 0;
  let i = at;
  for (;;) {
    const byte = data[i++];
    if (byte === undefined || shift > 35) throw new RangeError('bad varint');
    length += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) break;
    shift += 7;
  }
  if (i + length > data.length) throw new RangeError('string past the end');
  return { value: data.toString('utf8', i, i + length), next: i + length };
}

/** The Go version and module lines embedded in a Go binary, or undefined for other binaries. */
export function readGoBuildInfo(
  path: string,
  file: Buffer,
): { goVersion: string; modinfo: string } | undefined {
  let data = isElf(file) ? elfSection(file, '.go.buildinfo') : undefined;
  if (!data) {
    // Stripped section tables, or not ELF: the section is 16-aligned, so look for its magic there.
    const at = file.indexOf(BUILDINFO_MAGIC);
    if (at < 0) return undefined;
    data = file.subarray(at);
  }
  if (!data.subarray(0, BUILDINFO_MAGIC.length).equals(BUILDINFO_MAGIC)) return undefined;
  const flags = data[15] ?? 0;
  if ((flags & FLAG_INLINE_STRINGS) === 0) {
    throw new CatalogueParseError(
      path,
      'is a Go binary built before Go 1.18 (pointer-style build info), not read',
    );
  }
  try {
    const version = readVarintString(data, HEADER_SIZE);
    let modinfo = readVarintString(data, version.next).value;
    // The module text is framed by 16-byte sentinels.
    if (modinfo.length >= 33 && modinfo[modinfo.length - 17] === '\n') modinfo = modinfo.slice(16, -16);
    return { goVersion: version.value, modinfo };
  } catch (error) {
    throw new CatalogueParseError(path, `has a truncated Go build info section`, { cause: error });
  }
}

/** Packages of a Go binary: the modules it was built from (replacements applied) and the standard library. */
export function goBinaryPackages(path: string, file: Buffer): Package[] | undefined {
  const info = readGoBuildInfo(path, file);
  if (!info) return undefined;
  const packages: Package[] = [];
  const stdlib = /^go(\d+\.\d+(?:\.\d+)?)/.exec(info.goVersion)?.[1];
  if (stdlib)
    packages.push(pkg('Go', 'stdlib', stdlib.split('.').length === 2 ? `${stdlib}.0` : stdlib, path));
  for (const line of info.modinfo.split('\n')) {
    const [kind, module, version] = line.split('\t');
    if (!module || !version || version === '(devel)') continue;
    if (kind === 'mod' || kind === 'dep') packages.push(pkg('Go', module, version, path));
    if (kind === '=>' && packages.length > 0) {
      // A replacement applies to the line above it.
      packages[packages.length - 1] = pkg('Go', module, version, path);
    }
  }
  return packages;
}
