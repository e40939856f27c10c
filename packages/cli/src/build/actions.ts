import { homedir } from 'node:os';
import { join } from 'node:path';
import {
  type BuildEvent,
  buildImage,
  parseImageReference,
  parseKanikoArgs,
  publishImage,
} from '@slipway/oci';
import type { ImageIo } from '../image/actions';
import { RegistryPool, registryPairs } from '../image/registry-pool';
import { UsageError } from '../usage-error';

function progress(io: ImageIo): (event: BuildEvent) => void {
  return (event) => {
    if (event.type === 'step') io.stderr.write(`[${event.stage}] line ${event.line}: ${event.text}\n`);
    else if (event.type === 'cached') io.stderr.write(`[${event.stage}] line ${event.line}: cached\n`);
    else if (event.type === 'output') io.stderr.write(event.text);
  };
}

function sourceDateEpoch(io: ImageIo): number | undefined {
  const text = io.env.SOURCE_DATE_EPOCH;
  if (text === undefined || text === '') return undefined;
  const seconds = Number(text);
  if (!Number.isInteger(seconds) || seconds < 0)
    throw new UsageError(`SOURCE_DATE_EPOCH must be whole seconds, got \`${text}\``);
  return seconds;
}

/** `slipway image build …` (and Kaniko executor steps): builds a Dockerfile and writes or pushes the image. */
export async function runBuild(argv: readonly string[], io: ImageIo): Promise<void> {
  const invocation = parseKanikoArgs(argv);
  // Inside a workflow step, the run's registry mirrors (for base images) come through the environment; the
  // pool reads the run's other registry settings from it.
  const mirrors = registryPairs(io.env.SLIPWAY_REGISTRY_MIRRORS);
  const mirrorOf = (registry: string) => mirrors.get(registry) ?? registry;
  const registries = new RegistryPool({
    insecure: invocation.insecure ? ['*'] : invocation.insecureRegistries,
    caFiles: [],
    env: io.env,
  });
  const repositoryOf = (text: string) => {
    const reference = parseImageReference(text);
    return registries.client(reference.registry).repository(reference.repository);
  };
  const cacheDir = invocation.cacheDir ?? join(io.env.HOME ?? homedir(), '.slipway', 'cache', 'build');
  const epoch = sourceDateEpoch(io);
  const result = await buildImage({
    context: invocation.context,
    ...(invocation.dockerfile ? { dockerfile: invocation.dockerfile } : {}),
    buildArgs: invocation.buildArgs,
    ...(invocation.target ? { target: invocation.target } : {}),
    openRepository: (registry, repository) => registries.client(mirrorOf(registry)).repository(repository),
    nestedSandbox: io.env.SLIPWAY_NESTED_SANDBOX === '1',
    ...(invocation.cache
      ? {
          cache: {
            dir: cacheDir,
            ...(invocation.cacheRepo ? { repository: repositoryOf(invocation.cacheRepo) } : {}),
          },
        }
      : {}),
    reproducible: invocation.reproducible,
    ...(epoch !== undefined ? { sourceDateEpoch: epoch } : {}),
    network: invocation.network,
    secrets: invocation.secrets,
    labels: invocation.labels,
    ...(invocation.compressionLevel !== undefined ? { compressionLevel: invocation.compressionLevel } : {}),
    onEvent: progress(io),
  });
  try {
    const destinations = invocation.noPush
      ? []
      : invocation.destinations.map((text) => {
          const reference = parseImageReference(text);
          return {
            sink: registries.destination(reference.registry, reference.repository),
            tag: reference.tag ?? 'latest',
          };
        });
    const published = await publishImage(result.image, {
      destinations,
      ...(invocation.tarPath ? { tarPath: invocation.tarPath, tarTags: invocation.destinations } : {}),
      ...(invocation.ociLayoutPath ? { ociLayoutPath: invocation.ociLayoutPath } : {}),
      ...(invocation.digestFile ? { digestFile: invocation.digestFile } : {}),
    });
    for (const destination of published.pushed?.destinations ?? []) {
      io.stdout.write(`${destination.name}:${destination.tag ?? 'latest'}@${published.digest}\n`);
    }
    if (!published.pushed) io.stdout.write(`${published.digest}\n`);
  } finally {
    await result.close();
    await registries.close();
  }
}
