import type { ImageReference, RegistryRepository } from '@slipway/oci';
import { parseLocation, registryRef } from '../image/locations';
import { UsageError } from '../usage-error';
import { CraneUnsupportedError } from './errors';
import type { CraneGlobals, CraneIo } from './io';
import { withRegistries } from './registries';

/** Flags of `crane ls`. */
export interface LsFlags extends CraneGlobals {
  fullRef?: boolean;
  omitDigestTags?: boolean;
}

async function withRepository(
  text: string,
  globals: CraneGlobals,
  io: CraneIo,
  work: (repo: RegistryRepository, reference: ImageReference) => Promise<void>,
): Promise<void> {
  const location = await parseLocation(text);
  if (location.kind !== 'registry') throw new UsageError(`\`${text}\` is not a registry reference`);
  const { registry, repository } = location.reference;
  await withRegistries(globals, io, (pool) =>
    work(pool.client(registry).repository(repository), location.reference),
  );
}

/** `crane ls REPO`: one tag a line (`REPO:TAG` with `--full-ref`; `sha256-…` tags left out with `-O`). */
export async function runCraneLs(repository: string, flags: LsFlags, io: CraneIo): Promise<void> {
  await withRepository(repository, flags, io, async (repo) => {
    for (const tag of await repo.listTags()) {
      if (flags.omitDigestTags && tag.startsWith('sha256-')) continue;
      io.stdout.write(flags.fullRef ? `${repo.name}:${tag}\n` : `${tag}\n`);
    }
  });
}

/** `crane tag IMAGE TAG`: gives the image another tag in its repository, without copying anything. */
export async function runCraneTag(
  image: string,
  tag: string,
  globals: CraneGlobals,
  io: CraneIo,
): Promise<void> {
  await withRepository(image, globals, io, async (repo, reference) => {
    await repo.putManifest(await repo.getManifest(registryRef(reference)), tag);
  });
}

/** `crane delete IMAGE`: deletes the manifest a tag or digest names. */
export async function runCraneDelete(image: string, globals: CraneGlobals, io: CraneIo): Promise<void> {
  await withRepository(image, globals, io, async (repo, reference) => {
    const digest = reference.digest ?? (await repo.getManifest(registryRef(reference))).digest;
    if (!(await repo.deleteManifest(digest))) {
      io.stderr.write(`slipway: crane delete: ${repo.name}@${digest} is not in the registry\n`);
      io.setExitCode(1);
    }
  });
}

/** `crane catalog REGISTRY`: the registry client does not list repositories, so this says so. */
export async function runCraneCatalog(): Promise<void> {
  throw new CraneUnsupportedError(
    'catalog',
    "Slipway's registry client does not list a registry's repositories; name the repository and use `crane ls REPO`",
  );
}
