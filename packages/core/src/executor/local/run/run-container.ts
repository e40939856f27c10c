import type { HostTools } from '../sandbox/host-tools';
import {
  attachSandbox,
  launchSandbox,
  type SandboxIo,
  type SandboxProcess,
  type SandboxResult,
} from '../sandbox/launch';
import type { SupervisorLauncher } from '../sandbox/launcher';
import { LineChunker, type LogSkip, type ResultTail } from '../sandbox/log-stream';
import type { ProcessIdentity } from '../sandbox/proc-identity';
import type { PreparedContainer } from './prepare-container';

/** Where a container's output goes. */
export interface ContainerOutput {
  /** Receives whole lines; `stream` is the container's stdout or stderr. */
  log(stream: 'stdout' | 'stderr', text: string): void;
  /** Collects stdout for the result (only for the container whose stdout is the pod's result). */
  readonly tail?: ResultTail;
  /** Keep the container's root readable after it exits, to collect outputs from it. */
  readonly hold?: boolean;
  /** Output an earlier process already passed on (after a restart), not to be logged again. */
  readonly skip?: { readonly stdout: LogSkip; readonly stderr: LogSkip };
}

/** A launched container. */
export interface RunningContainer {
  readonly prepared: PreparedContainer;
  readonly process: SandboxProcess;
  /** Settles when the container has exited and its output is all delivered. */
  readonly finished: Promise<SandboxResult>;
}

/** Prefixes every line of a chunk (`[sidecar] …`), so containers' output can be told apart in one log. */
export function prefixLines(prefix: string, text: string): string {
  return text.replace(/^(?=.)/gm, prefix);
}

function follow(
  prepared: PreparedContainer,
  output: ContainerOutput,
  start: (io: SandboxIo) => SandboxProcess,
): RunningContainer {
  const stdout = new LineChunker((text) => output.log('stdout', text), output.skip?.stdout);
  const stderr = new LineChunker((text) => output.log('stderr', text), output.skip?.stderr);
  const sandbox = start({
    dir: prepared.dir,
    hold: output.hold ?? false,
    tty: prepared.plan.container.tty === true,
    output: (stream, chunk) => {
      if (stream === 'stdout') {
        output.tail?.push(chunk);
        stdout.push(chunk);
      } else stderr.push(chunk);
    },
  });
  const finished = sandbox.done.then((result) => {
    stdout.flush();
    stderr.flush();
    return result;
  });
  return { prepared, process: sandbox, finished };
}

/** Launches a prepared container, streaming its stdout and stderr line by line to `output`. */
export function runContainer(
  prepared: PreparedContainer,
  tools: HostTools,
  launcher: SupervisorLauncher,
  output: ContainerOutput,
): RunningContainer {
  return follow(prepared, output, (io) =>
    launchSandbox(prepared.root, prepared.options, prepared.argv, tools, launcher, io),
  );
}

/** Follows a container an earlier process launched (its output from the start, minus `output.skip`). */
export function attachContainer(
  prepared: PreparedContainer,
  supervisor: ProcessIdentity,
  output: ContainerOutput,
): RunningContainer {
  return follow(prepared, output, (io) => attachSandbox(prepared.root, supervisor, io));
}
