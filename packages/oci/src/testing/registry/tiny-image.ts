import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';
import type { Descriptor, ImageConfig, ImageManifest, RawManifest } from '../../model/descriptors';
import { sha256Digest } from '../../model/digest';
import { MediaType } from '../../model/media-types';

/** A blob in memory with its descriptor. */
export interface TestBlob {
  readonly descriptor: Descriptor;
  readonly bytes: Buffer;
  /** Opens it as a stream, as `putBlob` wants (a new stream per call). */
  readonly open: () => Promise<Readable>;
}

/** A one-layer image in memory: config, a gzip layer holding one file, and its OCI manifest. */
export interface TinyImage {
  readonly config: TestBlob;
  readonly layer: TestBlob;
  readonly manifest: RawManifest;
}

/** A blob of `bytes` with `mediaType`. */
export function testBlob(bytes: Buffer, mediaType: string): TestBlob {
  return {
    descriptor: { mediaType, digest: sha256Digest(bytes), size: bytes.byteLength },
    bytes,
    open: async () => Readable.from([bytes]),
  };
}

/** A blob of random bytes (distinct content, so registries cannot deduplicate it away). */
export function randomBlob(size: number): TestBlob {
  return testBlob(randomBytes(size), 'application/octet-stream');
}

async function tarOf(files: Record<string, string>): Promise<Buffer> {
  const tar = pack();
  for (const [name, content] of Object.entries(files))
    tar.entry({ name, mtime: new Date(0), mode: 0o644 }, content);
  tar.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of tar) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Builds a tiny image whose layer holds `hello.txt` with `label` in it (different labels, different digests). */
export async function buildTinyImage(label: string): Promise<TinyImage> {
  const tar = await tarOf({ 'hello.txt': `hello from ${label}\n` });
  const layer = testBlob(gzipSync(tar), MediaType.ociLayerGzip);
  const configDocument: ImageConfig = {
    architecture: 'amd64',
    os: 'linux',
    config: { Cmd: ['/bin/true'], Labels: { 'org.slipway.test': label } },
    rootfs: { type: 'layers', diff_ids: [sha256Digest(tar)] },
  };
  const config = testBlob(Buffer.from(JSON.stringify(configDocument)), MediaType.ociConfig);
  const manifestDocument: ImageManifest = {
    schemaVersion: 2,
    mediaType: MediaType.ociManifest,
    config: config.descriptor,
    layers: [layer.descriptor],
  };
  const bytes = Buffer.from(JSON.stringify(manifestDocument));
  return {
    config,
    layer,
    manifest: { mediaType: MediaType.ociManifest, digest: sha256Digest(bytes), bytes },
  };
}
