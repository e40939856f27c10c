import { DockerfileParser } from 'dockerfile-ast';
import { createLayer, sortLayerEntries } from '../../formats/layer/create-layer';
import type { LayerEntry } from '../../formats/layer/layer-entry';
import {
  type DockerfileInstruction,
  type DockerfileStage,
  toInstruction,
} from '../dockerfile/parse-dockerfile';
import { ExpansionError, shellWord, type Variables } from '../dockerfile/shell-words';
import { DockerfileSyntaxError } from '../errors';
import { loadBaseImage } from '../image/base-image';
import { type BuildEnv, memoryOpener, nextKey } from './build-env';
import { planCopy } from './copy-step';
import { applyMetadata, envMap, keyValues } from './metadata';
import { runStep } from './run-step';
import type { StageImage } from './stage-image';

function variables(args: ReadonlyMap<string, string>, image: StageImage): Variables {
  return new Map([...args, ...envMap(image.config.config?.Env)]);
}

async function baseOf(stage: DockerfileStage, env: BuildEnv): Promise<StageImage> {
  const location = { file: env.dockerfile.file, line: stage.line };
  let name: string;
  try {
    name = shellWord(stage.base, env.globalArgs, env.dockerfile.escape);
  } catch (error) {
    throw new DockerfileSyntaxError(location, (error as Error).message);
  }
  if (name === '')
    throw new DockerfileSyntaxError(location, `FROM ${stage.base} expands to nothing; pass --build-arg`);
  const isEarlier = env.dockerfile.stages.some((s) => s.name === name.toLowerCase() && s.index < stage.index);
  const earlier = isEarlier ? env.stage(name.toLowerCase()) : undefined;
  if (earlier) {
    const parent = await earlier;
    return { layers: [...parent.layers], config: structuredClone(parent.config), key: parent.key };
  }
  const base = await loadBaseImage(name, env.openRepository, env.platform);
  return { ...base, key: nextKey('from', base.key) };
}

/** The ONBUILD triggers of a base image, as instructions (run first, then dropped from the config). */
function onbuildTriggers(image: StageImage, env: BuildEnv, line: number): DockerfileInstruction[] {
  const triggers = image.config.config?.OnBuild ?? [];
  if (image.config.config) image.config.config.OnBuild = null;
  return triggers.flatMap((text) =>
    DockerfileParser.parse(text)
      .getInstructions()
      .map((node) => ({ ...toInstruction(node, env.dockerfile.file), line })),
  );
}

function history(image: StageImage, env: BuildEnv, text: string, empty: boolean): void {
  image.config.history = [
    ...(image.config.history ?? []),
    {
      created: env.created.toISOString(),
      created_by: text,
      comment: 'slipway',
      ...(empty ? { empty_layer: true } : {}),
    },
  ];
}

async function layerStep(
  image: StageImage,
  key: string,
  env: BuildEnv,
  make: () => Promise<{ entries: LayerEntry[]; keepEntries: boolean }>,
  stageName: string,
  line: number,
): Promise<void> {
  const hit = await env.cache?.get(key);
  if (hit) {
    env.onEvent({ type: 'cached', stage: stageName, line });
    image.layers.push({ descriptor: hit.descriptor, diffId: hit.diffId, open: () => hit.open() });
    return;
  }
  const made = await make();
  const keepEntries = made.keepEntries;
  // Parents before children, in a stable order: what a tree needs and what reproducible layers store.
  const entries = sortLayerEntries(made.entries);
  const blob = await createLayer(entries, {
    reproducible: env.reproducible,
    mtime: env.created,
    gzipLevel: env.gzipLevel,
  });
  image.layers.push({
    descriptor: blob.descriptor,
    diffId: blob.diffId,
    open: memoryOpener(blob.bytes),
    ...(keepEntries ? { entries } : {}),
  });
  // A RUN changed the tree itself; a COPY's entries are applied when the tree is next needed.
  if (!keepEntries && image.tree) image.tree.applied = image.layers.length;
  await env.cache?.put(key, blob, blob.bytes);
}

/** Runs a stage's instructions over its base image and returns its finished image. */
export async function buildStage(stage: DockerfileStage, env: BuildEnv): Promise<StageImage> {
  const stageName = stage.name ?? String(stage.index);
  const file = env.dockerfile.file;
  const image = await baseOf(stage, env);
  image.key = nextKey(image.key, env.platform.os, env.platform.architecture);
  const args = new Map<string, string>();
  let cmdSetHere = false;
  const instructions = [...onbuildTriggers(image, env, stage.line), ...stage.instructions];
  for (const instruction of instructions) {
    env.onEvent({ type: 'step', stage: stageName, line: instruction.line, text: instruction.text });
    const location = { file, line: instruction.line };
    try {
      const vars = variables(args, image);
      if (instruction.keyword === 'ARG') {
        for (const [name, fallback] of keyValues(instruction, {
          file,
          vars,
          escape: env.dockerfile.escape,
        })) {
          const declaredDefault = instruction.args.includes('=') ? fallback : env.globalArgs.get(name);
          const value = env.buildArgs.get(name) ?? declaredDefault;
          if (value !== undefined) args.set(name, value);
          image.key = nextKey(image.key, 'ARG', name, value ?? '');
        }
        continue;
      }
      if (instruction.keyword === 'RUN') {
        const argsText = JSON.stringify([...args].sort());
        image.key = nextKey(image.key, instruction.text, argsText, String(env.network));
        await layerStep(
          image,
          image.key,
          env,
          async () => ({
            entries: await runStep(image, instruction, args, env, stageName),
            keepEntries: false,
          }),
          stageName,
          instruction.line,
        );
        history(image, env, `RUN ${instruction.args}`, false);
        continue;
      }
      if (instruction.keyword === 'COPY' || instruction.keyword === 'ADD') {
        const planned = await planCopy(image, instruction, vars, env);
        image.key = nextKey(image.key, instruction.text, JSON.stringify([...vars]), planned.digest);
        await layerStep(
          image,
          image.key,
          env,
          async () => ({ entries: await planned.entries(), keepEntries: true }),
          stageName,
          instruction.line,
        );
        history(image, env, instruction.text, false);
        continue;
      }
      if (instruction.keyword === 'CMD') cmdSetHere = true;
      applyMetadata(image.config, instruction, { file, vars, escape: env.dockerfile.escape, cmdSetHere });
      image.key = nextKey(image.key, instruction.text, JSON.stringify([...vars]));
      history(image, env, instruction.text, true);
    } catch (error) {
      if (error instanceof ExpansionError) throw new DockerfileSyntaxError(location, error.message);
      throw error;
    }
  }
  env.onEvent({ type: 'stage-done', stage: stageName, layers: image.layers.length });
  return image;
}
