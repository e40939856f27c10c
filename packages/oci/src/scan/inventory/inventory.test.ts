import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { CatalogueParseError } from '../errors';
import { goElfBinary } from '../testing/go-elf';
import { makeZip } from '../testing/zip';
import type { Package } from '../types';
import { goBinaryPackages } from './go-binary';
import { cataloguerFor } from './index';

async function parse(path: string, content: string | Buffer): Promise<string[]> {
  const cataloguer = cataloguerFor(path);
  assert.ok(cataloguer, `a cataloguer reads ${path}`);
  const result = await cataloguer.parse(path, Buffer.isBuffer(content) ? content : Buffer.from(content));
  return result.packages.map(describe_);
}

const describe_ = (p: Package) =>
  `${p.ecosystem}/${p.name}@${p.version}${p.sourceName ? ` src=${p.sourceName}` : ''}${p.sourceVersion ? `@${p.sourceVersion}` : ''}`;

async function rejects(path: string, content: string | Buffer, message: RegExp): Promise<void> {
  const cataloguer = cataloguerFor(path);
  assert.ok(cataloguer);
  await assert.rejects(
    async () => cataloguer.parse(path, Buffer.isBuffer(content) ? content : Buffer.from(content)),
    (error: unknown) => error instanceof CatalogueParseError && message.test(error.message),
  );
}

describe('npm lockfiles', () => {
  test('package-lock v1 nests dependencies', async () => {
    const lock = {
      lockfileVersion: 1,
      dependencies: {
        a: { version: '1.0.0', dependencies: { b: { version: '2.0.0' } } },
        c: { version: 'file:../c' },
      },
    };
    assert.deepEqual(await parse('package-lock.json', JSON.stringify(lock)), ['npm/a@1.0.0', 'npm/b@2.0.0']);
  });

  test('yarn v1 and Berry', async () => {
    const v1 =
      '# yarn lockfile v1\n\n"@babel/core@^7.0.0", "@babel/core@^7.1.0":\n  version "7.22.5"\n  resolved "x"\n\nms@2.1.2:\n  version "2.1.2"\n';
    assert.deepEqual(await parse('yarn.lock', v1), ['npm/@babel/core@7.22.5', 'npm/ms@2.1.2']);
    const berry =
      '__metadata:\n  version: 6\n\n"ms@npm:^2.1.1":\n  version: 2.1.3\n  resolution: "ms@npm:2.1.3"\n\n"app@workspace:.":\n  version: 0.0.0-use.local\n';
    assert.deepEqual(await parse('yarn.lock', berry), ['npm/ms@2.1.3']);
    await rejects('yarn.lock', 'this is not a lockfile\n', /line 1/);
  });

  test('pnpm v6 and v9 keys', async () => {
    const v6 =
      "lockfileVersion: '6.0'\n\npackages:\n\n  /ms@2.1.3:\n    resolution: {integrity: x}\n\n  /@types/node@20.1.0(typescript@5.0.0):\n    dev: true\n";
    assert.deepEqual(await parse('pnpm-lock.yaml', v6), ['npm/ms@2.1.3', 'npm/@types/node@20.1.0']);
    const v9 =
      "lockfileVersion: '9.0'\n\nimporters:\n  .:\n    dependencies: {}\n\npackages:\n\n  '@scope/x@1.2.3':\n    resolution: {integrity: y}\n\n  ms@2.1.3:\n    resolution: {integrity: z}\n";
    assert.deepEqual(await parse('pnpm-lock.yaml', v9), ['npm/@scope/x@1.2.3', 'npm/ms@2.1.3']);
  });

  test('installed node_modules package.json; malformed JSON is a parse error', async () => {
    assert.deepEqual(
      await parse('app/node_modules/@a/b/package.json', '{"name":"@a/b","version":"1.0.0","license":"MIT"}'),
      ['npm/@a/b@1.0.0'],
    );
    await rejects('package-lock.json', '{"lockfileVersion": 3, "packages": {', /not valid JSON/);
  });
});

describe('Python, Rust, Ruby, PHP and Go manifests', () => {
  test('poetry.lock and uv.lock', async () => {
    const poetry =
      '[[package]]\nname = "Django"\nversion = "4.2.1"\ndescription = "x"\n\n[package.dependencies]\nasgiref = ">=3.6.0"\n\n[[package]]\nname = "zope.interface"\nversion = "6.0"\nfiles = [\n  {file = "a.whl", hash = "sha256:1"},\n]\n\n[metadata]\nlock-version = "2.0"\n';
    assert.deepEqual(await parse('poetry.lock', poetry), ['PyPI/django@4.2.1', 'PyPI/zope-interface@6.0']);
    const uv =
      'version = 1\n\n[[package]]\nname = "app"\nversion = "0.1.0"\nsource = { editable = "." }\n\n[[package]]\nname = "idna"\nversion = "3.4"\nsource = { registry = "https://pypi.org/simple" }\n';
    assert.deepEqual(await parse('uv.lock', uv), ['PyPI/idna@3.4']);
    await rejects('poetry.lock', '[[package]\nname = "x"\n', /table header/);
  });

  test('dist-info METADATA', async () => {
    const metadata =
      'Metadata-Version: 2.1\nName: PyYAML\nVersion: 6.0.1\nLicense: MIT\n\nLong description\nName: not-this\n';
    assert.deepEqual(await parse('usr/lib/python3/site-packages/PyYAML-6.0.1.dist-info/METADATA', metadata), [
      'PyPI/pyyaml@6.0.1',
    ]);
    await rejects('x/foo-1.dist-info/METADATA', 'Metadata-Version: 2.1\n', /no Name/);
  });

  test('Cargo.lock keeps registry crates only', async () => {
    const lock =
      'version = 3\n\n[[package]]\nname = "app"\nversion = "0.1.0"\ndependencies = [\n "serde",\n]\n\n[[package]]\nname = "serde"\nversion = "1.0.188"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\nchecksum = "abc"\n';
    assert.deepEqual(await parse('Cargo.lock', lock), ['crates.io/serde@1.0.188']);
  });

  test('Gemfile.lock and composer.lock', async () => {
    const gems =
      'GEM\n  remote: https://rubygems.org/\n  specs:\n    nokogiri (1.15.4-x86_64-linux)\n      racc (~> 1.4)\n    racc (1.7.1)\n\nPLATFORMS\n  x86_64-linux\n\nBUNDLED WITH\n   2.4.19\n';
    assert.deepEqual(await parse('Gemfile.lock', gems), ['RubyGems/nokogiri@1.15.4', 'RubyGems/racc@1.7.1']);
    const composer = JSON.stringify({
      packages: [{ name: 'monolog/monolog', version: 'v3.4.0' }],
      'packages-dev': [{ name: 'phpunit/phpunit', version: '10.3.2' }],
    });
    assert.deepEqual(await parse('composer.lock', composer), [
      'Packagist/monolog/monolog@3.4.0',
      'Packagist/phpunit/phpunit@10.3.2',
    ]);
    await rejects('composer.lock', '{"packages": {}}', /not a list/);
  });

  test('go.mod and go.sum', async () => {
    const mod =
      'module example.com/app\n\ngo 1.21\n\nrequire github.com/a/b v1.0.0\n\nrequire (\n\tgolang.org/x/net v0.10.0 // indirect\n\tgithub.com/c/d v0.0.0-20230101000000-abcdefabcdef\n)\n';
    assert.deepEqual(await parse('go.mod', mod), [
      'Go/github.com/a/b@v1.0.0',
      'Go/golang.org/x/net@v0.10.0',
      'Go/github.com/c/d@v0.0.0-20230101000000-abcdefabcdef',
    ]);
    const sum =
      'github.com/a/b v1.0.0 h1:abc=\ngithub.com/a/b v1.0.0/go.mod h1:def=\ngithub.com/old/x v0.1.0/go.mod h1:ghi=\n';
    assert.deepEqual(await parse('go.sum', sum), ['Go/github.com/a/b@v1.0.0']);
    await rejects('go.sum', 'garbage line\n', /line 1/);
    await rejects('go.mod', 'require x v1\n', /no `module`/);
  });
});

describe('Go binaries', () => {
  test('build info from the ELF .go.buildinfo section: modules, replacements and the standard library', () => {
    const modinfo =
      'path\tx/cmd\nmod\tx\t(devel)\t\ndep\tgithub.com/a/b\tv1.0.0\th1:x=\ndep\tgithub.com/c/d\tv1.0.0\th1:y=\n=>\t../local-d\t(devel)\t\n';
    const packages = goBinaryPackages('bin/x', goElfBinary('go1.22', modinfo))?.map(describe_);
    assert.deepEqual(packages, ['Go/stdlib@1.22.0', 'Go/github.com/a/b@v1.0.0', 'Go/github.com/c/d@v1.0.0']);
  });

  test('a truncated section is a parse error; a non-Go ELF yields nothing', () => {
    const binary = goElfBinary('go1.21.3', 'mod\tx\tv1.0.0\t\n');
    const cut = binary.subarray(0, 64 + 40);
    assert.throws(() => goBinaryPackages('bin/cut', cut), CatalogueParseError);
    const plain = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), Buffer.alloc(200)]);
    assert.equal(goBinaryPackages('bin/c', plain), undefined);
  });
});

describe('Java archives', () => {
  test('pom.properties of the jar and of jars nested in it, else the manifest', async () => {
    const inner = makeZip({
      'META-INF/maven/org.yaml/snakeyaml/pom.properties':
        'groupId=org.yaml\nartifactId=snakeyaml\nversion=1.33\n',
    });
    const jar = makeZip({
      'META-INF/MANIFEST.MF': 'Manifest-Version: 1.0\n',
      'META-INF/maven/com.example/app/pom.properties':
        '#generated\ngroupId=com.example\nartifactId=app\nversion=2.0.0\n',
      'BOOT-INF/lib/snakeyaml-1.33.jar': inner,
    });
    assert.deepEqual(await parse('app/app.jar', jar), [
      'Maven/com.example:app@2.0.0',
      'Maven/org.yaml:snakeyaml@1.33',
    ]);
    const manifestOnly = makeZip({
      'META-INF/MANIFEST.MF':
        'Manifest-Version: 1.0\r\nImplementation-Title: commons-text\r\nImplementation-Version: 1.9\r\nImplementation-Vendor-Id: org.apache.commons\r\n\r\n',
    });
    assert.deepEqual(await parse('lib/commons-text.jar', manifestOnly), [
      'Maven/org.apache.commons:commons-text@1.9',
    ]);
    await rejects('lib/broken.jar', Buffer.from('PK\x03\x04garbage'), /not a readable zip/);
  });
});

describe('OS package databases', () => {
  test('dpkg: Source with a version, removed packages left out; a bad line is an error', async () => {
    const status =
      'Package: libfoo1\nStatus: install ok installed\nSource: foo (1.2-3)\nVersion: 1.2-3+b1\n\nPackage: gone\nStatus: deinstall ok config-files\nVersion: 1\n';
    assert.deepEqual(await parse('var/lib/dpkg/status', status), ['Debian/libfoo1@1.2-3+b1 src=foo@1.2-3']);
    await rejects('var/lib/dpkg/status', 'Package: x\nnot a field\n', /line 2/);
    assert.equal(cataloguerFor('var/lib/dpkg/status.d/libc6.md5sums'), undefined);
  });

  test('apk: origin is the source package; a record without a version is an error', async () => {
    assert.deepEqual(
      await parse('lib/apk/db/installed', 'P:libssl3\nV:3.1.4-r5\no:openssl\n\nP:musl\nV:1.2.4-r2\n'),
      ['Alpine/libssl3@3.1.4-r5 src=openssl', 'Alpine/musl@1.2.4-r2'],
    );
    await rejects('lib/apk/db/installed', 'P:x\nA:x86_64\n', /no P: \(name\) or V: \(version\)/);
  });

  test('rpm: headers in rpmdb.sqlite, the source rpm naming the source package', async () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE Packages (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL)');
    db.prepare('INSERT INTO Packages (blob) VALUES (?)').run(
      rpmHeader({
        1000: 'openssl-libs',
        1001: '3.0.7',
        1002: '24.el9',
        1003: 1,
        1044: 'openssl-3.0.7-24.el9.src.rpm',
      }),
    );
    db.prepare('INSERT INTO Packages (blob) VALUES (?)').run(
      rpmHeader({ 1000: 'bash', 1001: '5.1.8', 1002: '6.el9', 1044: 'bash-5.1.8-6.el9.src.rpm' }),
    );
    const bytes = db.serialize();
    db.close();
    assert.deepEqual(await parse('var/lib/rpm/rpmdb.sqlite', bytes), [
      'Red Hat/openssl-libs@1:3.0.7-24.el9 src=openssl',
      'Red Hat/bash@5.1.8-6.el9',
    ]);
    await rejects('var/lib/rpm/rpmdb.sqlite', Buffer.alloc(4096, 1), /rpm|SQLite/);
  });
});

/** An rpm header blob (index entries + data store) holding string tags and int32 tags. */
function rpmHeader(tags: Record<number, string | number>): Buffer {
  const entries: Buffer[] = [];
  const data: Buffer[] = [];
  let offset = 0;
  for (const [tag, value] of Object.entries(tags)) {
    const entry = Buffer.alloc(16);
    entry.writeUInt32BE(Number(tag), 0);
    let bytes: Buffer;
    if (typeof value === 'number') {
      const pad = (4 - (offset % 4)) % 4;
      if (pad) data.push(Buffer.alloc(pad));
      offset += pad;
      bytes = Buffer.alloc(4);
      bytes.writeUInt32BE(value);
      entry.writeUInt32BE(4, 4);
    } else {
      bytes = Buffer.from(`${value}\0`);
      entry.writeUInt32BE(6, 4);
    }
    entry.writeUInt32BE(offset, 8);
    entry.writeUInt32BE(1, 12);
    entries.push(entry);
    data.push(bytes);
    offset += bytes.length;
  }
  const head = Buffer.alloc(8);
  head.writeUInt32BE(entries.length, 0);
  head.writeUInt32BE(offset, 4);
  return Buffer.concat([head, ...entries, ...data]);
}
