import type { NodeStatus, WorkflowStatusJson } from '@slipway/core';
import { renderTree } from './tree-view';

/** Where the live view goes: a terminal is redrawn in place, anything else gets one line per change. */
export interface WatchOutput {
  readonly write: (text: string) => unknown;
  readonly isTTY?: boolean;
}

const REDRAW_MS = 100;

/**
 * `--watch` and `slipway watch`: on a terminal, the node tree redrawn in place (at most every 100 ms); elsewhere
 * (CI logs, pipes), one line per node whose phase changed, then the whole tree once the workflow finished.
 */
export class WatchPrinter {
  readonly #phases = new Map<string, string>();
  #drawnLines = 0;
  #latest: WorkflowStatusJson | undefined;
  #timer: NodeJS.Timeout | undefined;
  #ticker: NodeJS.Timeout | undefined;

  constructor(
    private readonly name: string,
    private readonly out: WatchOutput,
    private readonly now: () => number = Date.now,
  ) {
    // Running durations move on a terminal even when nothing else happens.
    if (out.isTTY) this.#ticker = setInterval(() => this.#redraw(), 1000).unref();
  }

  /** A new status of the workflow. */
  update(status: WorkflowStatusJson): void {
    this.#latest = status;
    if (this.out.isTTY) {
      this.#timer ??= setTimeout(() => {
        this.#timer = undefined;
        this.#redraw();
      }, REDRAW_MS);
      return;
    }
    for (const node of Object.values(status.nodes ?? {})) this.#lineIfChanged(node);
  }

  /** The workflow finished: the final tree. */
  finish(status: WorkflowStatusJson): void {
    clearTimeout(this.#timer);
    clearInterval(this.#ticker);
    this.#latest = status;
    if (this.out.isTTY) this.#redraw();
    else {
      for (const node of Object.values(status.nodes ?? {})) this.#lineIfChanged(node);
      this.out.write(`${renderTree(this.name, status, { now: this.now(), color: false }).join('\n')}\n`);
    }
  }

  #lineIfChanged(node: NodeStatus): void {
    if (node.type === 'StepGroup' || node.type === 'TaskGroup' || this.#phases.get(node.id) === node.phase)
      return;
    this.#phases.set(node.id, node.phase);
    const time = new Date(this.now()).toISOString().slice(11, 19);
    this.out.write(
      `${time}  ${node.phase.padEnd(9)} ${node.displayName}${node.message ? `: ${node.message}` : ''}\n`,
    );
  }

  #redraw(): void {
    if (this.#latest === undefined) return;
    const lines = renderTree(this.name, this.#latest, { now: this.now(), color: true });
    const up = this.#drawnLines > 0 ? `\x1b[${this.#drawnLines}F` : '';
    this.out.write(`${up}\x1b[J${lines.join('\n')}\n`);
    this.#drawnLines = lines.length;
  }
}
