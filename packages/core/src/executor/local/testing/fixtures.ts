// Helpers for the local executor's tests: raw layer tars (which `createLayer` refuses to make when unsafe),
// images, and a pod runner that records callbacks.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Digest, LayerBlob } from '@slipway/oci';
import { MediaType } from '@slipway/oci';
import type { PodExit, RunPodAction } from '../../../engine/contract';
import type { Template } from '../../../spec/model';
import type { Executor, PodHandle } from '../../executor';

/** `{ skip }` reason when bubblewrap is missing, false otherwise. */
export function bwrapSkip(): string | false {
  return existsSync('/usr/bin/bwrap') ? false : 'bwrap not installed';
}

/** One raw tar entry: any name, including ones no safe writer would produce. */
export interface RawTarEntry {
  readonly name: string;
  readonly type?: 'file' | 'directory' | 'symlink' | 'hardlink';
  readonly content?: string;
  readonly linkname?: string;
  readonly mode?: number;
}

const TYPE_FLAG = { file: '0', hardlink: '1', symlink: '2', directory: '5' } as const;

function field(header: Buffer, offset: number, length: number, value: string): void {
  header.write(value.slice(0, length), offset, length, 'utf8');
}

function octal(value: number, length: number): string {
  return `${value.toString(8).padStart(length - 1, '0')}\0`;
}

/** A plain (uncompressed) ustar layer holding exactly `entries`. */
export function rawTarLayer(entries: readonly RawTarEntry[]): LayerBlob {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const type = entry.type ?? 'file';
    const content = Buffer.from(type === 'file' ? (entry.content ?? '') : '');
    const header = Buffer.alloc(512);
    field(header, 0, 100, entry.name);
    field(header, 100, 8, octal(entry.mode ?? (type === 'directory' ? 0o755 : 0o644), 8));
    field(header, 108, 8, octal(0, 8));
    field(header, 116, 8, octal(0, 8));
    field(header, 124, 12, octal(content.byteLength, 12));
    field(header, 136, 12, octal(0, 12));
    field(header, 148, 8, '        ');
    field(header, 156, 1, TYPE_FLAG[type]);
    field(header, 157, 100, entry.linkname ?? '');
    field(header, 257, 6, 'ustar\0');
    field(header, 263, 2, '00');
    let sum = 0;
    for (const byte of header) sum += byte;
    field(header, 148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
    blocks.push(header, content, Buffer.alloc((512 - (content.byteLength % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  const bytes = Buffer.concat(blocks);
  const digest: Digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  return {
    descriptor: { mediaType: MediaType.ociLayer, digest, size: bytes.byteLength },
    diffId: digest,
    bytes,
  };
}

/** What a pod reported through the executor's callbacks. */
export interface PodRecord {
  readonly exit: PodExit;
  readonly started: boolean;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

let pods = 0;

/** Runs a template as a pod and waits for its exit; `onHandle` sees the handle (to kill it). */
export async function runPod(
  executor: Executor,
  template: Template,
  extra: Partial<Omit<RunPodAction, 'type' | 'template'>> = {},
  onHandle?: (handle: PodHandle) => void,
): Promise<PodRecord> {
  const started = Date.now();
  pods++;
  return new Promise<PodRecord>((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    let wasStarted = false;
    executor
      .run(
        {
          type: 'run-pod',
          workflowName: 'wf',
          nodeId: `wf-${pods}`,
          podName: `wf-pod-${pods}`,
          inputArtifacts: [],
          volumes: [],
          ...extra,
          template,
        },
        {
          onStarted: () => {
            wasStarted = true;
          },
          onLog: (_node, stream, text) => {
            if (stream === 'stdout') stdout += text;
            else stderr += text;
          },
          onExit: (exit) => resolve({ exit, started: wasStarted, stdout, stderr, ms: Date.now() - started }),
        },
      )
      .then((handle) => onHandle?.(handle), reject);
  });
}
