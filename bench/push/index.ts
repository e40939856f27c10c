// bench/push: Slipway against skopeo pushing the same ~200 MB, 5-layer image to fresh loopback registries,
// then a re-push of the same image, then one push to three registries at once. Prints times and ratios.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomLayerImage } from '../../packages/oci/src/testing/image-builder';
import {
  dockerRegistrySkip,
  startTestRegistry,
  type TestRegistry,
} from '../../packages/oci/src/testing/registry';

const cli = join(import.meta.dirname, '..', '..', 'packages', 'cli', 'dist', 'slipway.js');
const layers = Number(process.env.BENCH_LAYERS ?? 5);
const bytesPerLayer = Number(process.env.BENCH_LAYER_BYTES ?? 40_000_000);

function timed(label: string, command: string, args: string[]): number {
  const start = performance.now();
  const run = spawnSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = performance.now() - start;
  if (run.status !== 0) throw new Error(`${label} failed (${run.status}): ${run.stderr}${run.stdout}`);
  return ms;
}

async function fresh(): Promise<TestRegistry> {
  return startTestRegistry('plain');
}

const reason = dockerRegistrySkip() || (existsSync('/usr/bin/skopeo') ? false : 'skopeo not installed');
if (reason) {
  console.log(`bench/push skipped: ${reason}`);
  process.exit(0);
}
if (!existsSync(cli)) {
  console.log('bench/push: build the CLI first (npm run build)');
  process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), 'slipway-bench-push-'));
const layout = join(work, 'layout');
const image = await randomLayerImage({ layers, bytesPerLayer, seed: 7 });
await image.writeOciLayout(layout, 'bench');
const sizeMb = (layers * bytesPerLayer) / 1e6;
console.log(`image: ${layers} layers, ${sizeMb.toFixed(0)} MB, OCI layout at ${layout}`);

/** skopeo copying the layout to one registry. */
function skopeoPush(label: string, to: TestRegistry): number {
  return timed(label, 'skopeo', [
    'copy',
    '--quiet',
    '--dest-tls-verify=false',
    `oci:${layout}:bench`,
    `docker://${to.host}/bench/image:v1`,
  ]);
}

/** `slipway image push` of the layout to every registry given, in one command. */
function slipwayPush(label: string, to: TestRegistry[]): number {
  const destinations = to.map((r) => `${r.host}/bench/image:v1`);
  return timed(label, process.execPath, [
    cli,
    'image',
    'push',
    `oci:${layout}:bench`,
    ...destinations,
    '--insecure',
    '-o',
    'json',
  ]);
}

const registries: TestRegistry[] = [];
try {
  const [forSkopeo, forSlipway] = await Promise.all([fresh(), fresh()]);
  registries.push(forSkopeo, forSlipway);
  const skopeo = skopeoPush('skopeo', forSkopeo);
  const slipway = slipwayPush('slipway', [forSlipway]);
  console.log(
    `push to a fresh registry: skopeo ${skopeo.toFixed(0)} ms, slipway ${slipway.toFixed(0)} ms, ratio ${(slipway / skopeo).toFixed(2)}x (aim <= 0.8x)`,
  );

  const skopeoAgain = skopeoPush('skopeo again', forSkopeo);
  const slipwayAgain = slipwayPush('slipway again', [forSlipway]);
  console.log(
    `re-push of the same image: skopeo ${skopeoAgain.toFixed(0)} ms, slipway ${slipwayAgain.toFixed(0)} ms (aim < 300 ms), ratio ${(slipwayAgain / skopeoAgain).toFixed(2)}x`,
  );

  const three = await Promise.all([fresh(), fresh(), fresh()]);
  const single = await fresh();
  registries.push(...three, single);
  const skopeoThree = await Promise.all([fresh(), fresh(), fresh()]);
  registries.push(...skopeoThree);
  let skopeoMany = 0;
  for (const r of skopeoThree) {
    skopeoMany += skopeoPush('skopeo each', r);
  }
  const one = slipwayPush('slipway one', [single]);
  const many = slipwayPush('slipway three', three);
  console.log(
    `three registries at once: ${many.toFixed(0)} ms vs one ${one.toFixed(0)} ms, ratio ${(many / one).toFixed(2)}x (aim <= 1.3x); ` +
      `skopeo needs three runs: ${skopeoMany.toFixed(0)} ms, ratio ${(many / skopeoMany).toFixed(2)}x`,
  );
} finally {
  await Promise.all(registries.map((r) => r.stop()));
}
