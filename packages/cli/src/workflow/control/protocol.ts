// What `slipway stop|suspend|resume|watch|wait|logs -f` say to the process that runs a workflow, one JSON object
// per line over its control socket.
import type { LogEntry, WorkflowStatusJson } from '@slipway/core';

/** A control event for a running workflow (Argo's shutdown strategies, suspend and resume). */
export type ControlSignal = 'stop' | 'terminate' | 'suspend' | 'resume';

/** A request from a control client. */
export type ControlRequest =
  | {
      readonly op: 'signal';
      readonly signal: ControlSignal;
      readonly node?: string;
      readonly message?: string;
    }
  /** Streams status updates (and log chunks when `logs` is set) until the workflow finishes. */
  | { readonly op: 'watch'; readonly logs?: boolean };

/** A message from the owning process. */
export type ControlMessage =
  | { readonly type: 'ack' }
  | { readonly type: 'error'; readonly message: string }
  | { readonly type: 'status'; readonly status: WorkflowStatusJson }
  | { readonly type: 'log'; readonly entry: Omit<LogEntry, 'seq'> }
  | { readonly type: 'finished'; readonly status: WorkflowStatusJson };

/** Splits a byte stream into JSON lines. */
export function jsonLines<T>(onMessage: (message: T) => void): (chunk: Buffer) => void {
  let pending = '';
  return (chunk) => {
    pending += chunk.toString('utf8');
    let newline = pending.indexOf('\n');
    while (newline >= 0) {
      const line = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      if (line.trim() !== '') onMessage(JSON.parse(line) as T);
      newline = pending.indexOf('\n');
    }
  };
}
