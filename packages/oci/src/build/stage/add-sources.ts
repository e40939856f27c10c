import { createReadStream } from 'node:fs';
import { mkdtemp, open, writeFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { detectCompression } from '../../formats/layer/compression';
import type { LayerEntry } from '../../formats/layer/layer-entry';
import { readLayer } from '../../formats/layer/read-layer';
import { BuildFetchError } from '../errors';

/** Whether an ADD source is a URL to download. */
export function isUrl(source: string): boolean {
  return /^https?:\/\//.test(source);
}

/** Downloads an ADD URL into a fresh directory under `workDir`; returns the file (named as the URL's last segment). */
export async function downloadUrl(url: string, workDir: string, signal?: AbortSignal): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, signal ? { signal } : {});
  } catch (error) {
    throw new BuildFetchError(`ADD ${url}`, `cannot be downloaded (${(error as Error).message})`, {
      cause: error,
    });
  }
  if (!response.ok)
    throw new BuildFetchError(`ADD ${url}`, `the server answered ${response.status} ${response.statusText}`);
  const name = posix.basename(new URL(url).pathname) || 'download';
  const dir = await mkdtemp(join(workDir, 'add-'));
  const path = join(dir, name);
  await writeFile(path, Buffer.from(await response.arrayBuffer()));
  return path;
}

/** Whether a local file is a tar archive (plain, or gzip-compressed) that ADD extracts. */
export async function isTarArchive(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(512);
    const { bytesRead } = await handle.read(head, 0, 512, 0);
    if (detectCompression(head) === 'gzip') return true;
    return bytesRead === 512 && head.toString('latin1', 257, 262) === 'ustar';
  } finally {
    await handle.close();
  }
}

/** The entries of a local tar ADD extracts into `dest` (checked by the safe tar reader). */
export async function tarEntries(
  path: string,
  dest: string,
  owner?: { uid: number; gid: number },
): Promise<LayerEntry[]> {
  const entries: LayerEntry[] = [];
  const under = (p: string) => (dest === '' ? p : `${dest}/${p}`);
  for await (const entry of readLayer(createReadStream(path), path)) {
    const meta = {
      mode: entry.mode,
      uid: owner?.uid ?? entry.uid,
      gid: owner?.gid ?? entry.gid,
      mtime: entry.mtime,
    };
    const at = under(entry.path);
    if (entry.type === 'file')
      entries.push({ type: 'file', path: at, content: await entry.readBytes(), ...meta });
    else if (entry.type === 'directory') entries.push({ type: 'directory', path: at, ...meta });
    else if (entry.type === 'symlink')
      entries.push({ type: 'symlink', path: at, target: entry.target ?? '', ...meta });
    else if (entry.type === 'hardlink')
      entries.push({ type: 'hardlink', path: at, target: under(entry.target ?? ''), ...meta });
  }
  return entries;
}
