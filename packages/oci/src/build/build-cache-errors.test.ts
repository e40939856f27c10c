import assert from 'node:assert/strict';
import { symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ContextEscapeError, DockerfileSyntaxError, UnknownBuildFlagError } from './errors';
import { parseKanikoArgs } from './kaniko-args';
import { type BuildFixture, startBuildFixture } from './testing/build-fixture';

describe('build cache and bad input', () => {
  let fx: BuildFixture;
  before(async () => {
    fx = await startBuildFixture();
  });
  after(async () => fx?.stop());

  test('a local cache: a rebuild hits every step; changing one file rebuilds only what depends on it', async () => {
    const context = await fx.context({
      Dockerfile: `FROM ${fx.base}\nRUN echo one > /one\nCOPY a /a\nRUN cat /a > /b\nCOPY c /c\n`,
      a: 'a1',
      c: 'c1',
    });
    const cache = { dir: join(fx.dir, 'cache') };
    const cached = (events: { type: string; line?: number }[]) =>
      events.filter((e) => e.type === 'cached').map((e) => e.line);
    const first = await fx.build({ context, cache });
    assert.deepEqual(cached(first.events), []);
    const second = await fx.build({ context, cache });
    assert.deepEqual(cached(second.events), [2, 3, 4, 5]);
    assert.deepEqual(second.image.config.rootfs, first.image.config.rootfs);
    await writeFile(join(context, 'c'), 'c2');
    const third = await fx.build({ context, cache });
    assert.deepEqual(cached(third.events), [2, 3, 4]);
    await writeFile(join(context, 'a'), 'a2');
    const fourth = await fx.build({ context, cache });
    assert.deepEqual(cached(fourth.events), [2]);
    for (const result of [first, second, third, fourth]) await result.close();
  });

  test('syntax errors, unknown instructions and flags name the line', async () => {
    const cases: [string, RegExp][] = [
      [`FROM ${fx.base}\nRUN true\nFOOBAR x\n`, /Dockerfile:3: unknown instruction `FOOBAR`/],
      [`FROM ${fx.base}\nCOPY --bogus=1 a /a\n`, /Dockerfile:2: unknown flag --bogus for COPY/],
      [`RUN true\nFROM ${fx.base}\n`, /Dockerfile:1: RUN comes before any FROM/],
      [`FROM ${fx.base}\n\nCOPY onlyone\n`, /Dockerfile:3: COPY needs at least one source/],
      [`FROM ${fx.base}\nENV\n`, /Dockerfile:2: ENV needs arguments/],
    ];
    for (const [text, message] of cases) {
      const context = await fx.context({ Dockerfile: text, onlyone: 'x' });
      await assert.rejects(
        fx.build({ context }),
        (error: Error) => error instanceof DockerfileSyntaxError && message.test(error.message),
      );
    }
  });

  test('COPY outside the context and escaping symlinks are refused', async () => {
    const outside = await fx.context({ Dockerfile: `FROM ${fx.base}\nCOPY ../secret /s\n` });
    await assert.rejects(fx.build({ context: outside }), ContextEscapeError);
    const linked = await fx.context({ Dockerfile: `FROM ${fx.base}\nCOPY link /s\n` });
    await symlink('/etc/passwd', join(linked, 'link'));
    await assert.rejects(fx.build({ context: linked }), /outside the build context/);
  });

  test('RUN failure reports the line and exit code', async () => {
    const context = await fx.context({ Dockerfile: `FROM ${fx.base}\nRUN echo boom && exit 7\n` });
    await assert.rejects(fx.build({ context }), /Dockerfile:2: RUN .*boom.*exit code 7/);
  });
});

describe('parseKanikoArgs', () => {
  test('reads Kaniko executor flags in both forms', () => {
    const invocation = parseKanikoArgs([
      '--context=dir:///workspace',
      '--dockerfile',
      'build/Dockerfile',
      '--destination=r.example/a:1',
      '-d',
      'r.example/b:2',
      '--build-arg=A=1',
      '--build-arg',
      'B=two=2',
      '--cache=true',
      '--cache-repo',
      'r.example/cache',
      '--reproducible',
      '--single-snapshot',
      '--snapshot-mode=redo',
      '--verbosity=debug',
      '--target',
      'final',
      '--label=org.x=y',
      '--insecure-registry=r.example',
    ]);
    assert.equal(invocation.context, '/workspace');
    assert.equal(invocation.dockerfile, 'build/Dockerfile');
    assert.deepEqual(invocation.destinations, ['r.example/a:1', 'r.example/b:2']);
    assert.deepEqual(invocation.buildArgs, { A: '1', B: 'two=2' });
    assert.equal(invocation.cache, true);
    assert.equal(invocation.cacheRepo, 'r.example/cache');
    assert.equal(invocation.reproducible, true);
    assert.equal(invocation.target, 'final');
    assert.deepEqual(invocation.labels, { 'org.x': 'y' });
    assert.deepEqual(invocation.insecureRegistries, ['r.example']);
  });

  test('unknown flags are errors naming the flag', () => {
    assert.throws(
      () => parseKanikoArgs(['--no-push', '--frobnicate=1']),
      (error: Error) => error instanceof UnknownBuildFlagError && /--frobnicate/.test(error.message),
    );
    assert.throws(() => parseKanikoArgs(['--context', '.']), /--destination/);
  });
});
