import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ImageSource } from '../../model/image-store';
import { writeAtomically } from '../shared/atomic-file';
import { createTarFile } from '../tar/tar-pack';
import { type WriteLayoutOptions, type WrittenImage, writeOciLayout } from './write-oci-layout';

/** Tars a layout directory: fixed order (marker, index, sorted blobs), owners and mtimes, so equal layouts give equal archives. */
async function tarLayout(layout: string, target: string): Promise<void> {
  const tar = createTarFile(target);
  try {
    for (const file of ['oci-layout', 'index.json']) {
      const { size } = await stat(join(layout, file));
      await tar.addFile(file, createReadStream(join(layout, file)), size);
    }
    await tar.addDirectory('blobs');
    for (const algorithm of (await readdir(join(layout, 'blobs'))).sort()) {
      await tar.addDirectory(`blobs/${algorithm}`);
      for (const name of (await readdir(join(layout, 'blobs', algorithm))).sort()) {
        if (name.startsWith('.')) continue;
        const path = join(layout, 'blobs', algorithm, name);
        await tar.addFile(`blobs/${algorithm}/${name}`, createReadStream(path), (await stat(path)).size);
      }
    }
    await tar.finish();
  } catch (error) {
    await tar.abort(error as Error);
    throw error;
  }
}

/**
 * Writes an image (or a whole index) from `source` as an oci-archive at `path`: a layout is assembled in a
 * temporary directory beside `path`, tarred to a temporary file and renamed into place.
 */
export async function writeOciArchive(
  path: string,
  source: ImageSource,
  options: WriteLayoutOptions = {},
): Promise<WrittenImage> {
  const layout = await mkdtemp(join(dirname(path), `.${basename(path)}.layout-`));
  try {
    const manifest = await writeOciLayout(layout, source, options);
    await writeAtomically(path, (temporary) => tarLayout(layout, temporary));
    return manifest;
  } finally {
    await rm(layout, { recursive: true, force: true });
  }
}
