// Synthetic inputs for bench/scan: an image of 1,000 packages and an OSV dump of 200,000 advisories.
import { randomBytes } from 'node:crypto';
import { createLayer, type LayerBlob, type LayerEntry } from '@slipway/oci';
import { goElfBinary } from '../../packages/oci/src/scan/testing/go-elf';
import { makeZip } from '../../packages/oci/src/scan/testing/zip';
import { assembleImage } from '../../packages/oci/src/testing/image-builder/memory-image';

/** Sizes of the synthetic image. */
export interface ImageShape {
  readonly debPackages: number;
  readonly npmPackages: number;
  /** Binary filler files (shared libraries) and their size, to give the tar a realistic weight. */
  readonly fillerFiles: number;
  readonly fillerBytes: number;
}

const debName = (i: number) => `libbench${i}`;
const debSource = (i: number) => `bench-src${i}`;
const npmName = (i: number) => (i % 5 === 0 ? `@bench/pkg${i}` : `bench-pkg${i}`);

/** A Debian 12 image: dpkg status, a package-lock, a Go binary and filler libraries. */
export async function syntheticImage(shape: ImageShape) {
  const status = Array.from(
    { length: shape.debPackages },
    (_, i) =>
      `Package: ${debName(i)}\nStatus: install ok installed\nPriority: optional\nSection: libs\nInstalled-Size: 120\nMaintainer: Bench <bench@example.org>\nArchitecture: amd64\nSource: ${debSource(i)}\nVersion: 1.${i % 50}.${i % 7}-${(i % 3) + 1}+deb12u1\nDepends: libc6 (>= 2.34)\nDescription: synthetic library ${i}\n A package of the benchmark image.\n`,
  ).join('\n');
  const lock = {
    name: 'bench-app',
    lockfileVersion: 3,
    packages: Object.fromEntries([
      ['', { name: 'bench-app', version: '1.0.0' }],
      ...Array.from({ length: shape.npmPackages }, (_, i) => [
        `node_modules/${npmName(i)}`,
        {
          version: `${1 + (i % 4)}.${i % 10}.${i % 13}`,
          resolved: `https://registry.npmjs.org/${npmName(i)}.tgz`,
          integrity: 'sha512-x',
        },
      ]),
    ]),
  };
  const base: LayerEntry[] = [
    {
      type: 'file',
      path: 'etc/os-release',
      content: 'ID=debian\nVERSION_ID="12"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n',
    },
    { type: 'file', path: 'var/lib/dpkg/status', content: status },
  ];
  for (let i = 0; i < shape.fillerFiles; i++) {
    base.push({
      type: 'file',
      path: `usr/lib/x86_64-linux-gnu/libfiller${i}.so.1`,
      content: randomBytes(shape.fillerBytes),
    });
  }
  const modinfo = 'path\tbench/cmd\nmod\tbench\t(devel)\t\ndep\tgolang.org/x/net\tv0.10.0\th1:x=\n';
  const app: LayerEntry[] = [
    { type: 'file', path: 'app/package-lock.json', content: JSON.stringify(lock, null, 2) },
    { type: 'file', path: 'app/server.js', content: 'console.log("hello");\n'.repeat(2000) },
    { type: 'file', path: 'usr/local/bin/bench', content: goElfBinary('go1.21.3', modinfo), mode: 0o755 },
  ];
  const layers: LayerBlob[] = [
    await createLayer(base, { compression: 'none' }),
    await createLayer(app, { compression: 'none' }),
  ];
  return assembleImage(layers, { reference: 'bench.example/app:1' });
}

/**
 * An OSV `all.zip` per ecosystem holding `total` advisories: most name packages the image does not have,
 * one in five names an image package (one in forty of those at versions it has).
 */
export function syntheticDumps(
  total: number,
  shape: ImageShape,
): { debian: Buffer; npm: Buffer; affecting: number } {
  const debian: Record<string, string> = {};
  const npm: Record<string, string> = {};
  let affecting = 0;
  for (let n = 0; n < total; n++) {
    const id = `BENCH-${n}`;
    const onImage = n % 10 <= 1;
    const hit = onImage && n % 400 <= 1;
    if (n % 2 === 0) {
      const i = (n / 2) % shape.debPackages;
      const name = onImage ? debSource(i) : `other-src${n}`;
      const fixed = hit ? '99:1.0-1' : '0.1-1';
      if (hit) affecting++;
      debian[`${id}.json`] = JSON.stringify({
        id,
        modified: '2024-01-01T00:00:00Z',
        summary: `synthetic advisory ${n}`,
        aliases: [`CVE-2024-${n}`],
        severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N' }],
        affected: [
          {
            package: { ecosystem: 'Debian:12', name },
            ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed }] }],
          },
        ],
      });
    } else {
      const i = ((n - 1) / 2) % shape.npmPackages;
      const name = onImage ? npmName(i) : `other-pkg${n}`;
      const fixed = hit ? '99.0.0' : '0.0.1';
      if (hit) affecting++;
      npm[`${id}.json`] = JSON.stringify({
        id,
        modified: '2024-01-01T00:00:00Z',
        summary: `synthetic advisory ${n}`,
        database_specific: { severity: 'HIGH' },
        affected: [
          {
            package: { ecosystem: 'npm', name },
            ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed }] }],
          },
        ],
      });
    }
  }
  return { debian: makeZip(debian), npm: makeZip(npm), affecting };
}
