import { lstat } from 'node:fs/promises';
import type { LayerEntry } from '../../formats/layer/layer-entry';
import { type CopyOwnership, type CopyPlanEntry, copyEntries, digestOfPlan } from '../context/copy-entries';
import { type ResolvedSource, resolveSources, type SourceRoot } from '../context/copy-sources';
import { compileDockerignore } from '../context/dockerignore';
import type { DockerfileInstruction } from '../dockerfile/parse-dockerfile';
import { shellWord, shellWords, type Variables } from '../dockerfile/shell-words';
import { DockerfileSyntaxError } from '../errors';
import { hostPathInRoot, imagePath } from '../rootfs/resolve-in-root';
import { isNumericIds, resolveIds } from '../rootfs/users';
import { downloadUrl, isTarArchive, isUrl, tarEntries } from './add-sources';
import { type BuildEnv, ensureTree } from './build-env';
import type { StageImage } from './stage-image';

/** A COPY/ADD whose inputs are known: the digest for its cache key, and how to make its entries. */
export interface PlannedCopy {
  readonly digest: string;
  entries(): Promise<LayerEntry[]>;
}

function flag(
  instruction: DockerfileInstruction,
  name: string,
  vars: Variables,
  escapeChar: string,
): string | undefined {
  const value = instruction.flags.find((f) => f.name === name)?.value;
  return value === undefined ? undefined : shellWord(value, vars, escapeChar);
}

async function sourceRoot(from: string | undefined, env: BuildEnv): Promise<SourceRoot> {
  if (from === undefined)
    return { dir: env.context.dir, kind: 'context', name: 'the build context', ignored: env.context.ignored };
  const image = await (env.stage(from) ?? env.image(from));
  const tree = await ensureTree(image, env.workDir);
  return { dir: tree.dir, kind: 'root', name: `\`${from}\``, ignored: () => false };
}

/** Plans a COPY or ADD: resolves its sources and hashes what it would write. */
export async function planCopy(
  image: StageImage,
  instruction: DockerfileInstruction,
  vars: Variables,
  env: BuildEnv,
): Promise<PlannedCopy> {
  const { file, escape: escapeChar } = env.dockerfile;
  const location = { file, line: instruction.line };
  const words = instruction.json ? [...instruction.json] : shellWords(instruction.args, vars, escapeChar);
  if (words.length < 2)
    throw new DockerfileSyntaxError(
      location,
      `${instruction.keyword} needs at least one source and a destination`,
    );
  const destText = words.at(-1) as string;
  const patterns = words.slice(0, -1);
  const from = flag(instruction, 'from', vars, escapeChar);
  const chown = flag(instruction, 'chown', vars, escapeChar);
  const chmodText = flag(instruction, 'chmod', vars, escapeChar);
  if (chmodText !== undefined && !/^[0-7]{3,4}$/.test(chmodText)) {
    throw new DockerfileSyntaxError(location, `--chmod=${chmodText} must be an octal mode such as 0755`);
  }
  if (
    instruction.flags.some((f) => f.name === 'parents' || f.name === 'keep-git-dir' || f.name === 'checksum')
  ) {
    throw new DockerfileSyntaxError(
      location,
      `${instruction.keyword} --parents/--keep-git-dir/--checksum are not supported`,
    );
  }
  const root = await sourceRoot(from, env);
  const excludes = instruction.flags.filter((f) => f.name === 'exclude').map((f) => f.value ?? '');
  const extra = compileDockerignore(excludes.join('\n'));
  const filtered: SourceRoot = { ...root, ignored: (path) => root.ignored(path) || extra(path) };
  const workdir = image.config.config?.WorkingDir || '/';
  const dest = imagePath(workdir, destText);
  const urls = instruction.keyword === 'ADD' ? patterns.filter(isUrl) : [];
  const local = patterns.filter((pattern) => !urls.includes(pattern));
  const { sources, wildcard } =
    local.length > 0 ? await resolveSources(filtered, local, location) : { sources: [], wildcard: false };
  for (const url of urls) {
    const path = await downloadUrl(url, env.workDir);
    sources.push({ host: path, path: path.split('/').at(-1) as string, isDirectory: false });
  }
  const explicitDir = destText.endsWith('/') || patterns.length > 1 || wildcard;
  if (patterns.length > 1 && !destText.endsWith('/') && !(destText === '.' || destText === '/')) {
    throw new DockerfileSyntaxError(
      location,
      `${instruction.keyword} with several sources needs a destination directory ending in /`,
    );
  }
  const owner0: CopyOwnership = {
    uid: 0,
    gid: 0,
    ...(chmodText ? { mode: Number.parseInt(chmodText, 8) } : {}),
  };
  const ignoredInside = filtered.kind === 'context' ? filtered.ignored : () => false;
  const archives: ResolvedSource[] = [];
  if (instruction.keyword === 'ADD') {
    for (const source of sources)
      if (
        !source.isDirectory &&
        !urls.some((u) => source.host.endsWith(u.split('/').at(-1) ?? '')) &&
        (await isTarArchive(source.host))
      )
        archives.push(source);
  }
  const plain = sources.filter((source) => !archives.includes(source));
  const plan: CopyPlanEntry[] = await copyEntries(
    plain,
    dest,
    explicitDir || dest === '',
    owner0,
    env.hasher,
    ignoredInside,
  );
  const archiveDigests = await Promise.all(archives.map((source) => env.hasher.hash(source.host)));
  const digest = digestOfPlan(plan) + archiveDigests.join('');
  return {
    digest,
    async entries() {
      let owner = owner0;
      if (chown !== undefined) {
        const treeDir = isNumericIds(chown) ? '/nonexistent' : (await ensureTree(image, env.workDir)).dir;
        const ids = await resolveIds(treeDir, chown);
        if ('missing' in ids)
          throw new DockerfileSyntaxError(location, `--chown=${chown}: no ${ids.missing}`);
        owner = { ...owner0, ...ids };
      }
      let destIsDir = explicitDir || dest === '';
      if (!destIsDir && plain.length === 1 && !plain[0]?.isDirectory && image.layers.length > 0) {
        const tree = await ensureTree(image, env.workDir);
        destIsDir =
          (await lstat(await hostPathInRoot(tree.dir, dest)).catch(() => undefined))?.isDirectory() === true;
      }
      const entries = (await copyEntries(plain, dest, destIsDir, owner, env.hasher, ignoredInside)).map(
        (p) => p.entry,
      );
      for (const archive of archives) {
        entries.push(...(await tarEntries(archive.host, dest, chown !== undefined ? owner : undefined)));
      }
      return entries;
    },
  };
}
