import type { LogSkip } from '../sandbox/log-stream';

/** One stored chunk of a node's output, as `onLog` delivered it. */
export interface LoggedChunk {
  readonly stream: 'stdout' | 'stderr';
  readonly text: string;
}

/** How much of a container's stdout and stderr was already delivered. */
export interface ContainerSkip {
  readonly stdout: LogSkip;
  readonly stderr: LogSkip;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function skipOf(text: string): LogSkip {
  const last = text.lastIndexOf('\n');
  let lines = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lines++;
  return { lines, chars: text.length - (last + 1) };
}

/**
 * Splits the stored output of a pod among its containers: lines tagged `[name] ` are that container's, the
 * others the unprefixed main container's. A chunk goes by its first non-empty line, since the executor logs each
 * container's chunks separately. (An unprefixed line that happens to start with another container's tag is
 * miscounted; so are chunks of empty lines only.)
 */
export function loggedSkips(
  chunks: readonly LoggedChunk[],
  containers: readonly { readonly name: string; readonly prefixed: boolean }[],
): Map<string, ContainerSkip> {
  const texts = new Map<string, { stdout: string; stderr: string }>();
  for (const container of containers) texts.set(container.name, { stdout: '', stderr: '' });
  const unprefixed = containers.find((c) => !c.prefixed)?.name;
  const tagged = containers.filter((c) => c.prefixed).map((c) => ({ name: c.name, tag: `[${c.name}] ` }));
  for (const chunk of chunks) {
    const first = chunk.text.split('\n').find((line) => line !== '') ?? '';
    const owner = tagged.find((c) => first.startsWith(c.tag));
    const name = owner?.name ?? unprefixed;
    const text = owner ? chunk.text.replace(new RegExp(`^${escapeRegExp(owner.tag)}`, 'gm'), '') : chunk.text;
    const entry = name === undefined ? undefined : texts.get(name);
    if (entry) entry[chunk.stream] += text;
  }
  const skips = new Map<string, ContainerSkip>();
  for (const [name, text] of texts)
    skips.set(name, { stdout: skipOf(text.stdout), stderr: skipOf(text.stderr) });
  return skips;
}
