import { type Readable, Transform } from 'node:stream';
import { OciError } from '../errors';
import type { Descriptor, Digest, Platform } from '../model/descriptors';
import type { ImageSink, ImageSource } from '../model/image-store';
import { planCopy } from './plan';
import { type SpooledBlob, spoolBlob } from './spool';

/** A sink that can also link a blob from another repository of the same registry without sending it. */
export interface BlobMounter {
  mountFrom(descriptor: Descriptor, source: ImageSource): Promise<boolean>;
}

/** One place to copy to, and the tag to give the image there. */
export interface CopyDestination {
  readonly sink: ImageSink & Partial<BlobMounter>;
  readonly tag?: string;
}

/** Something that happened during a copy, for progress output. */
export type CopyEvent =
  | {
      readonly type: 'blob';
      readonly destination: string;
      readonly descriptor: Descriptor;
      readonly how: 'uploaded' | 'exists' | 'mounted';
    }
  | {
      readonly type: 'progress';
      readonly destination: string;
      readonly descriptor: Descriptor;
      readonly bytes: number;
    }
  | {
      readonly type: 'manifest';
      readonly destination: string;
      readonly digest: Digest;
      readonly tag?: string;
    }
  | { readonly type: 'failed'; readonly destination: string; readonly error: Error };

/** How to copy. */
export interface CopyOptions {
  /** Tag or digest at the source (its default when omitted). */
  readonly reference?: string;
  /** Copy every platform of an index, and the index itself. */
  readonly allPlatforms?: boolean;
  /** The platform to take from an index (default: this machine's). */
  readonly platform?: Platform;
  /** Stop every destination at the first failure (default: the others finish). */
  readonly failFast?: boolean;
  /** Blobs transferred at once. */
  readonly concurrency?: number;
  /** Blobs up to this size are held in memory while they are sent; larger ones in a temporary file. */
  readonly memoryLimit?: number;
  readonly onEvent?: (event: CopyEvent) => void;
  readonly signal?: AbortSignal;
}

/** How one destination fared. */
export interface DestinationResult {
  readonly name: string;
  readonly tag?: string;
  readonly ok: boolean;
  /** The digest the tag now points at (when ok). */
  readonly digest?: Digest;
  readonly error?: Error;
  readonly uploaded: number;
  readonly existing: number;
  readonly mounted: number;
  readonly bytesUploaded: number;
}

/** The outcome of a copy: the digest copied and each destination's result. */
export interface CopyResult {
  readonly digest: Digest;
  readonly mediaType: string;
  readonly destinations: DestinationResult[];
}

interface DestinationState {
  readonly destination: CopyDestination;
  error?: Error;
  uploaded: number;
  existing: number;
  mounted: number;
  bytesUploaded: number;
}

/**
 * Copies one image (or a whole index) from a source to any number of destinations. Each blob is read from the
 * source once and sent to every destination that lacks it, in parallel; a destination gets its manifest only
 * after all its blobs are there, so a failed copy never leaves a manifest naming a missing blob. A destination
 * that fails is reported and the others finish, unless `failFast`.
 */
export async function copyImage(
  source: ImageSource,
  destinations: readonly CopyDestination[],
  options: CopyOptions = {},
): Promise<CopyResult> {
  if (destinations.length === 0)
    throw new OciError('SLIPWAY_OCI_NO_DESTINATION', 'give at least one destination to copy to');
  const plan = await planCopy(source, options.reference, options);
  const abort = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, abort.signal]) : abort.signal;
  const states: DestinationState[] = destinations.map((destination) => ({
    destination,
    uploaded: 0,
    existing: 0,
    mounted: 0,
    bytesUploaded: 0,
  }));
  const fail = (state: DestinationState, error: unknown) => {
    if (state.error) return;
    state.error = error instanceof Error ? error : new Error(String(error));
    options.onEvent?.({ type: 'failed', destination: state.destination.sink.name, error: state.error });
    if (options.failFast) abort.abort(state.error);
  };
  const live = () => states.filter((s) => !s.error);

  await forEachLimited(plan.blobs, options.concurrency ?? 4, async (descriptor) => {
    if (signal.aborted) return;
    const needing: DestinationState[] = [];
    await Promise.all(
      live().map(async (state) => {
        try {
          if (await state.destination.sink.hasBlob(descriptor)) {
            state.existing++;
            options.onEvent?.({
              type: 'blob',
              destination: state.destination.sink.name,
              descriptor,
              how: 'exists',
            });
          } else {
            needing.push(state);
          }
        } catch (error) {
          fail(state, error);
        }
      }),
    );
    const mountable = needing.filter((s) => s.destination.sink.mountFrom);
    const toSend = needing.filter((s) => !s.destination.sink.mountFrom);
    await Promise.all(
      mountable.map(async (state) => {
        try {
          if (await state.destination.sink.mountFrom!(descriptor, source)) {
            state.mounted++;
            options.onEvent?.({
              type: 'blob',
              destination: state.destination.sink.name,
              descriptor,
              how: 'mounted',
            });
          } else {
            toSend.push(state);
          }
        } catch (error) {
          fail(state, error);
        }
      }),
    );
    if (toSend.length === 0 || signal.aborted) return;
    // One destination streams straight from the source (re-opened on a retry); several share one read.
    let spooled: SpooledBlob;
    if (toSend.length === 1) {
      spooled = { open: () => source.openBlob(descriptor), release: async () => {} };
    } else {
      try {
        spooled = await spoolBlob(source, descriptor, {
          memoryLimit: options.memoryLimit ?? 64 << 20,
          signal,
        });
      } catch (error) {
        // A source blob that cannot be read (or is corrupt) fails every destination that needed it.
        for (const state of toSend) fail(state, error);
        return;
      }
    }
    try {
      await Promise.all(
        toSend.map(async (state) => {
          if (state.error || signal.aborted) return;
          try {
            const name = state.destination.sink.name;
            const open = options.onEvent
              ? () =>
                  counted(spooled.open(), (bytes) =>
                    options.onEvent?.({ type: 'progress', destination: name, descriptor, bytes }),
                  )
              : spooled.open;
            await state.destination.sink.putBlob(descriptor, open);
            state.uploaded++;
            state.bytesUploaded += descriptor.size;
            options.onEvent?.({
              type: 'blob',
              destination: state.destination.sink.name,
              descriptor,
              how: 'uploaded',
            });
          } catch (error) {
            fail(state, error);
          }
        }),
      );
    } finally {
      await spooled.release();
    }
  });

  const final = plan.manifests[plan.manifests.length - 1]!;
  await Promise.all(
    live().map(async (state) => {
      if (signal.aborted) return;
      try {
        for (const raw of plan.manifests) {
          const tag = raw === final ? state.destination.tag : undefined;
          await state.destination.sink.putManifest(raw, tag);
          options.onEvent?.({
            type: 'manifest',
            destination: state.destination.sink.name,
            digest: raw.digest,
            ...(tag ? { tag } : {}),
          });
        }
      } catch (error) {
        fail(state, error);
      }
    }),
  );
  if (signal.aborted) {
    for (const state of states)
      if (!state.error)
        state.error = new OciError(
          'SLIPWAY_OCI_ABORTED',
          'stopped because another destination failed (--fail-fast)',
        );
  }
  return {
    digest: final.digest,
    mediaType: final.mediaType,
    destinations: states.map((state) => ({
      name: state.destination.sink.name,
      ...(state.destination.tag ? { tag: state.destination.tag } : {}),
      ok: !state.error,
      ...(state.error ? { error: state.error } : { digest: final.digest }),
      uploaded: state.uploaded,
      existing: state.existing,
      mounted: state.mounted,
      bytesUploaded: state.bytesUploaded,
    })),
  };
}

/** Reports the bytes read from a stream, at most every 64 KiB, without changing what it yields. */
async function counted(stream: Promise<Readable>, report: (bytes: number) => void): Promise<Readable> {
  let bytes = 0;
  let reported = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.byteLength;
      if (bytes - reported >= 1 << 16) {
        reported = bytes;
        report(bytes);
      }
      callback(null, chunk);
    },
    flush(callback) {
      report(bytes);
      callback();
    },
  });
  return (await stream).pipe(counter);
}

async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await work(item);
    }
  });
  await Promise.all(workers);
}
