import { BUILDINFO_MAGIC } from '../inventory/go-binary';

function varint(n: number): Buffer {
  const bytes: number[] = [];
  let rest = n;
  while (rest >= 0x80) {
    bytes.push((rest & 0x7f) | 0x80);
    rest = Math.floor(rest / 128);
  }
  bytes.push(rest);
  return Buffer.from(bytes);
}

/** The `.go.buildinfo` section Go 1.18+ writes: magic, pointer size, flags, then inline varint strings. */
export function goBuildInfoSection(goVersion: string, modinfo: string): Buffer {
  const header = Buffer.alloc(32);
  BUILDINFO_MAGIC.copy(header, 0);
  header[14] = 8;
  header[15] = 2;
  const sentinel = Buffer.alloc(16, 0x30);
  const framed = Buffer.concat([sentinel, Buffer.from(modinfo), sentinel]);
  const version = Buffer.from(goVersion);
  return Buffer.concat([header, varint(version.length), version, varint(framed.length), framed]);
}

/**
 * A minimal little-endian ELF64 executable whose section table holds `.go.buildinfo` (and `.shstrtab`),
 * as the Go linker lays it out, for tests that need a Go binary without a Go toolchain.
 */
export function goElfBinary(goVersion: string, modinfo: string): Buffer {
  const section = goBuildInfoSection(goVersion, modinfo);
  const names = Buffer.from('\0.go.buildinfo\0.shstrtab\0');
  const sectionOffset = 64;
  const namesOffset = sectionOffset + section.length;
  const tableOffset = Math.ceil((namesOffset + names.length) / 8) * 8;
  const header = Buffer.alloc(64);
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]).copy(header, 0);
  header.writeUInt16LE(2, 0x10); // ET_EXEC
  header.writeUInt16LE(0x3e, 0x12); // x86-64
  header.writeUInt32LE(1, 0x14);
  header.writeBigUInt64LE(BigInt(tableOffset), 0x28);
  header.writeUInt16LE(64, 0x34);
  header.writeUInt16LE(64, 0x3a);
  header.writeUInt16LE(3, 0x3c);
  header.writeUInt16LE(2, 0x3e);
  const entry = (name: number, type: number, offset: number, size: number) => {
    const e = Buffer.alloc(64);
    e.writeUInt32LE(name, 0);
    e.writeUInt32LE(type, 4);
    e.writeBigUInt64LE(BigInt(offset), 0x18);
    e.writeBigUInt64LE(BigInt(size), 0x20);
    return e;
  };
  const padding = Buffer.alloc(tableOffset - namesOffset - names.length);
  return Buffer.concat([
    header,
    section,
    names,
    padding,
    entry(0, 0, 0, 0),
    entry(1, 1, sectionOffset, section.length),
    entry(15, 3, namesOffset, names.length),
  ]);
}
