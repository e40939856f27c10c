// Builds the same Dockerfiles with Slipway and with buildah (vfs, chroot isolation) against one loopback
// registry, cold and warm (no change), and prints the times and the ratios.
import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildImage, copyImage, publishImage, RegistryClient } from '@slipway/oci';
import { buildBusyboxImage } from '../../packages/oci/src/testing/image-builder';
import { startTestRegistry } from '../../packages/oci/src/testing/registry';

const run = promisify(execFile);

interface Case {
  readonly name: string;
  files(dir: string, base: string): Promise<void>;
}

const cases: Case[] = [
  {
    name: 'small RUN+COPY',
    async files(dir, base) {
      await writeFile(
        join(dir, 'Dockerfile'),
        `FROM ${base}\nCOPY app.sh /app/\nRUN echo built > /app/stamp\n`,
      );
      await writeFile(join(dir, 'app.sh'), 'echo hi\n');
    },
  },
  {
    name: '200 MB context',
    async files(dir, base) {
      await writeFile(join(dir, 'Dockerfile'), `FROM ${base}\nCOPY data /data\n`);
      await mkdir(join(dir, 'data'));
      for (let i = 0; i < 20; i++)
        await writeFile(join(dir, 'data', `part-${i}`), randomBytes(10 * 1024 * 1024));
    },
  },
  {
    name: 'multi-stage',
    async files(dir, base) {
      await writeFile(
        join(dir, 'Dockerfile'),
        `FROM ${base} AS a\nRUN echo a > /a\nFROM ${base} AS b\nRUN echo b > /b\nFROM ${base}\nCOPY --from=a /a /a\nCOPY --from=b /b /b\n`,
      );
    },
  },
];

async function timed(action: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await action();
  return (performance.now() - start) / 1000;
}

async function main(): Promise<void> {
  const registry = await startTestRegistry('plain');
  const work = await mkdtemp(join(tmpdir(), 'slipway-bench-build-'));
  const client = new RegistryClient(registry.host);
  const haveBuildah = !spawnSync('buildah', ['--version']).error;
  try {
    await copyImage(await buildBusyboxImage(), [{ sink: client.repository('bench/busybox'), tag: 'latest' }]);
    const base = `${registry.host}/bench/busybox:latest`;
    const registriesConf = join(work, 'registries.conf');
    await writeFile(registriesConf, `[[registry]]\nlocation = "${registry.host}"\ninsecure = true\n`);
    if (!haveBuildah)
      console.log('buildah is not installed (apt-get install -y buildah); printing Slipway figures only');
    for (const [i, benchCase] of cases.entries()) {
      const context = join(work, `context-${i}`);
      await mkdir(context);
      await benchCase.files(context, base);
      const cache = { dir: join(work, `cache-${i}`) };
      const slipway = async () => {
        const result = await buildImage({
          context,
          cache,
          openRepository: (host, repo) => new RegistryClient(host).repository(repo),
        });
        await publishImage(result.image, {
          destinations: [{ sink: client.repository(`bench/slipway-${i}`), tag: 'latest' }],
        });
        await result.close();
      };
      const slipwayCold = await timed(slipway);
      const slipwayWarm = await timed(slipway);
      let line = `${benchCase.name.padEnd(16)} slipway cold ${slipwayCold.toFixed(2)}s warm ${slipwayWarm.toFixed(2)}s`;
      if (haveBuildah) {
        const root = join(work, `buildah-${i}`);
        const env = { ...process.env, CONTAINERS_REGISTRIES_CONF: registriesConf };
        const buildah = async () => {
          const tag = `${registry.host}/bench/buildah-${i}:latest`;
          const common = [
            '--root',
            join(root, 'r'),
            '--runroot',
            join(root, 'rr'),
            '--storage-driver',
            'vfs',
          ];
          await run('buildah', [...common, 'bud', '--isolation', 'chroot', '--layers', '-t', tag, context], {
            env,
            maxBuffer: 1 << 26,
          });
          await run('buildah', [...common, 'push', '--tls-verify=false', tag], { env, maxBuffer: 1 << 26 });
        };
        const buildahCold = await timed(buildah);
        const buildahWarm = await timed(buildah);
        line += ` | buildah cold ${buildahCold.toFixed(2)}s warm ${buildahWarm.toFixed(2)}s | ratio cold ${(slipwayCold / buildahCold).toFixed(2)}x warm ${(slipwayWarm / buildahWarm).toFixed(2)}x`;
      }
      console.log(line);
    }
  } finally {
    await client.close();
    await registry.stop();
    await rm(work, { recursive: true, force: true });
  }
}

await main();
