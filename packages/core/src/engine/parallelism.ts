// `parallelism` of the workflow (active pods) and of Steps/DAG templates (active children): starts over the
// limit wait in FIFO queues and are retried, in order, when a pod or child finishes.
import type { Ctx } from './context';
import type { BlockedStart, Fifo } from './model';
import { entryOf } from './records';

/** Whether a new node may start now: 'ok', which limit holds it back, or 'failfast' (it never will). */
export function capacityFor(
  ctx: Ctx,
  boundaryId: string,
  checkBoundary: boolean,
): 'ok' | 'global' | 'boundary' | 'failfast' {
  const state = ctx.state;
  const limit = state.spec.parallelism;
  if (limit !== undefined && limit > 0 && state.counters.activePods >= limit) return 'global';
  if (checkBoundary && boundaryId !== '') {
    const exec = state.exec[boundaryId];
    const template = exec?.steps?.template ?? exec?.dag?.template;
    if (template?.failFast === true && (state.counters.unsuccessful[boundaryId] ?? 0) > 0) return 'failfast';
    const own = template?.parallelism;
    if (own !== undefined && own > 0 && (state.counters.activeChildren[boundaryId] ?? 0) >= own)
      return 'boundary';
  }
  return 'ok';
}

/** Queue a start until capacity frees ('' queues behind the workflow's limit, else behind the boundary's). */
export function holdBack(ctx: Ctx, start: BlockedStart, boundary: string): void {
  const blocked = ctx.state.blocked;
  const id = String(blocked.seq++);
  blocked.items[id] = start;
  const fifo =
    boundary === '' ? blocked.global : entryOf(blocked.byBoundary, boundary, () => ({ ids: [], head: 0 }));
  fifo.ids.push(id);
}

function take(fifo: Fifo): string | undefined {
  const id = fifo.ids[fifo.head];
  if (id === undefined) return undefined;
  fifo.head++;
  if (fifo.head > 64 && fifo.head * 2 > fifo.ids.length) {
    fifo.ids = fifo.ids.slice(fifo.head);
    fifo.head = 0;
  }
  return id;
}

function pending(fifo: Fifo): boolean {
  return fifo.head < fifo.ids.length;
}

/**
 * Retry held-back starts while there is room: first those waiting on the workflow's limit, then those waiting on
 * a boundary's. `start` re-runs the start (which may hold it back again, in the other queue).
 */
export function pumpBlocked(ctx: Ctx, start: (item: BlockedStart) => void): void {
  const blocked = ctx.state.blocked;
  while (pending(blocked.global) && capacityFor(ctx, '', false) === 'ok') {
    const id = take(blocked.global);
    if (id === undefined) break;
    const item = blocked.items[id];
    delete blocked.items[id];
    if (item !== undefined) start(item);
  }
  for (const [boundary, fifo] of Object.entries(blocked.byBoundary)) {
    // A failFast verdict is handled by the start itself (it fails the boundary once nothing runs).
    while (pending(fifo) && !['global', 'boundary'].includes(capacityFor(ctx, boundary, true))) {
      const id = take(fifo);
      if (id === undefined) break;
      const item = blocked.items[id];
      delete blocked.items[id];
      if (item !== undefined) start(item);
    }
    if (!pending(fifo)) delete blocked.byBoundary[boundary];
  }
}
