import { createLayer } from '../../formats/layer/create-layer';
import type { LayerEntry } from '../../formats/layer/layer-entry';
import { assembleImage, type MemoryImage } from '../../testing/image-builder/memory-image';
import { goElfBinary } from './go-elf';

/** Builds an image from layers of entries (base first). */
export async function imageOf(
  layers: readonly LayerEntry[][],
  reference = 'slipway.test/scan:latest',
): Promise<MemoryImage> {
  const blobs = [];
  for (const entries of layers) blobs.push(await createLayer(entries));
  return assembleImage(blobs, { reference });
}

const file = (path: string, content: string | Buffer, mode = 0o644): LayerEntry => ({
  type: 'file',
  path,
  content,
  mode,
});

/** An Alpine installed database of `[name, version, origin]` records. */
export function apkDatabase(packages: readonly (readonly [string, string, string])[]): string {
  return packages
    .map(
      ([name, version, origin]) =>
        `C:Q1abc=\nP:${name}\nV:${version}\nA:x86_64\no:${origin}\nL:MIT\nF:usr/lib\nR:lib${name}.so\n`,
    )
    .join('\n');
}

/** A fake AWS key pair and GitHub token, shaped like real ones. */
export const FAKE_SECRETS = {
  awsKeyId: 'AKIAZ7SLIPWAYTEST0X1',
  githubToken: `ghp_${'Ab3'.repeat(12)}`,
} as const;

/** The Go module text embedded in the test Go binary: one replaced dependency. */
export const GO_MODINFO = [
  'path\texample.com/app/cmd/app',
  'mod\texample.com/app\t(devel)\t',
  'dep\tgolang.org/x/net\tv0.10.0\th1:abc=',
  'dep\tgithub.com/foo/bar\tv1.2.0\th1:def=',
  '=>\tgithub.com/foo/bar\tv1.3.0\th1:ghi=',
  'build\t-compiler=gc',
].join('\n');

/**
 * An Alpine 3.19 image of three layers: the base (apk db, a yarn.lock and requirements later deleted),
 * the app (package-lock, requirements, a Go binary, a `.env` with secrets, a malformed Cargo.lock), and a
 * top layer that upgrades openssl and deletes files by whiteout and opaque directory.
 */
export function alpineAppImage(): Promise<MemoryImage> {
  const base = apkDatabase([
    ['musl', '1.2.4_git20230717-r4', 'musl'],
    ['busybox', '1.36.1-r15', 'busybox'],
    ['libcrypto3', '3.1.4-r1', 'openssl'],
    ['libssl3', '3.1.4-r1', 'openssl'],
  ]);
  const upgraded = apkDatabase([
    ['musl', '1.2.4_git20230717-r4', 'musl'],
    ['busybox', '1.36.1-r15', 'busybox'],
    ['libcrypto3', '3.1.4-r5', 'openssl'],
    ['libssl3', '3.1.4-r5', 'openssl'],
  ]);
  const packageLock = JSON.stringify({
    name: 'app',
    lockfileVersion: 3,
    packages: {
      '': { name: 'app', version: '1.0.0' },
      'node_modules/lodash': { version: '4.17.20' },
      'node_modules/minimist': { version: '1.2.8' },
      'node_modules/@scope/pkg': { version: '1.0.0' },
    },
  });
  return imageOf([
    [
      { type: 'directory', path: 'etc' },
      file(
        'etc/os-release',
        'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.19.1\nPRETTY_NAME="Alpine Linux v3.19"\n',
      ),
      file('lib/apk/db/installed', base),
      file(
        'app/old/yarn.lock',
        'lodash@^4.17.0:\n  version "4.17.15"\n  resolved "https://example/lodash.tgz"\n',
      ),
      file('app/opq/requirements.txt', 'django==3.2.0\n'),
    ],
    [
      file('app/package-lock.json', packageLock),
      file(
        'app/requirements.txt',
        '# pinned\nrequests==2.25.0\nFlask[async]==2.3.0 ; python_version >= "3.8"\nnumpy>=1.0\n',
      ),
      file('usr/local/bin/app', goElfBinary('go1.21.3', GO_MODINFO), 0o755),
      file(
        'app/.env',
        `REGION=eu-west-1\nAWS_ACCESS_KEY_ID=${FAKE_SECRETS.awsKeyId}\nGITHUB_TOKEN=${FAKE_SECRETS.githubToken}\n`,
      ),
      file('app/broken/Cargo.lock', '[[package]]\nname = "serde"\nversion = \n'),
    ],
    [
      file('lib/apk/db/installed', upgraded),
      { type: 'whiteout', path: 'app/old/yarn.lock' },
      { type: 'opaque', path: 'app/opq' },
    ],
  ]);
}

/** A Debian 12 image: a dpkg status file (a binNMU, a removed package) and a distroless `status.d` entry. */
export function debianImage(): Promise<MemoryImage> {
  const status = [
    'Package: libssl3\nStatus: install ok installed\nSource: openssl\nVersion: 3.0.11-1~deb12u1\nArchitecture: amd64\nDescription: SSL\n shared libraries',
    'Package: openssl\nStatus: install ok installed\nVersion: 3.0.11-1~deb12u1\nArchitecture: amd64',
    'Package: libc6\nStatus: install ok installed\nSource: glibc\nVersion: 2.36-9+deb12u3\nArchitecture: amd64',
    'Package: libfoo1\nStatus: install ok installed\nSource: foo (1.2-3)\nVersion: 1.2-3+b1\nArchitecture: amd64',
    'Package: oldpkg\nStatus: deinstall ok config-files\nVersion: 1.0-1\nArchitecture: amd64',
  ].join('\n\n');
  return imageOf([
    [
      file(
        'usr/lib/os-release',
        'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\n',
      ),
      { type: 'symlink', path: 'etc/os-release', target: '../usr/lib/os-release' },
      file('var/lib/dpkg/status', `${status}\n`),
      file(
        'var/lib/dpkg/status.d/zlib1g',
        'Package: zlib1g\nSource: zlib\nVersion: 1:1.2.13.dfsg-1\nArchitecture: amd64\n',
      ),
      file('var/lib/dpkg/status.d/zlib1g.md5sums', 'd41d8cd98f00b204e9800998ecf8427e  usr/lib/libz.so.1\n'),
    ],
  ]);
}
