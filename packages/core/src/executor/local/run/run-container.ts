import type { HostTools } from '../sandbox/host-tools';
import { launchSandbox, type SandboxProcess, type SandboxResult } from '../sandbox/launch';
import { LineChunker, type ResultTail } from '../sandbox/log-stream';
import type { PreparedContainer } from './prepare-container';

/** Where a container's output goes. */
export interface ContainerOutput {
  /** Receives whole lines; `stream` is the container's stdout or stderr. */
  log(stream: 'stdout' | 'stderr', text: string): void;
  /** Collects stdout for the result (only for the container whose stdout is the pod's result). */
  readonly tail?: ResultTail;
  /** Keep the container's root readable after it exits, to collect outputs from it. */
  readonly hold?: boolean;
}

/** A launched container. */
export interface RunningContainer {
  readonly prepared: PreparedContainer;
  readonly process: SandboxProcess;
  /** Settles when the container has exited and its output is all delivered. */
  readonly finished: Promise<SandboxResult>;
}

const STDERR_TAIL = 4096;

/** Prefixes every line of a chunk (`[sidecar] …`), so containers' output can be told apart in one log. */
export function prefixLines(prefix: string, text: string): string {
  return text.replace(/^(?=.)/gm, prefix);
}

/** Launches a prepared container, streaming its stdout and stderr line by line to `output`. */
export function runContainer(
  prepared: PreparedContainer,
  tools: HostTools,
  output: ContainerOutput,
): RunningContainer {
  let stderrTail = '';
  const sandbox = launchSandbox(
    prepared.root,
    prepared.options,
    prepared.argv,
    tools,
    () => stderrTail,
    output.hold ?? false,
  );
  const stdout = new LineChunker((text) => output.log('stdout', text));
  const stderr = new LineChunker((text) => output.log('stderr', text));
  sandbox.stdout.on('data', (chunk: Buffer) => {
    output.tail?.push(chunk);
    stdout.push(chunk);
  });
  sandbox.stderr.on('data', (chunk: Buffer) => {
    stderrTail = (stderrTail + chunk.toString('utf8')).slice(-STDERR_TAIL);
    stderr.push(chunk);
  });
  const finished = sandbox.done.then((result) => {
    stdout.flush();
    stderr.flush();
    return result;
  });
  return { prepared, process: sandbox, finished };
}
