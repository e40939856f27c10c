// `synchronization` within one engine: mutexes and semaphores held by nodes, waiters served first come first
// served. Semaphore sizes come from the caller's `semaphoreLimits` (default 1).
import type { Synchronization } from '../spec/model';
import type { Ctx } from './context';
import { entryOf } from './records';

/** A lock a template needs, by Argo's lock name (`<namespace>/Mutex/<name>`, `<namespace>/ConfigMap/<cm>/<key>`). */
interface LockSpec {
  readonly name: string;
  readonly limit: number;
}

function configMapRef(value: unknown): { name: string; key: string } {
  const ref = (value ?? {}) as { name?: unknown; key?: unknown };
  return { name: String(ref.name ?? ''), key: String(ref.key ?? '') };
}

/** The locks a `synchronization` block asks for, in Argo's order (mutexes, then semaphores). */
export function lockSpecs(ctx: Ctx, sync: Synchronization): LockSpec[] {
  const ns = ctx.state.meta.namespace;
  const limits = ctx.state.semaphoreLimits;
  const specs: LockSpec[] = [];
  for (const mutex of [...(sync.mutexes ?? []), ...(sync.mutex === undefined ? [] : [sync.mutex])]) {
    const kind = mutex.database === true ? 'Database/Mutex' : 'Mutex';
    specs.push({ name: `${mutex.namespace ?? ns}/${kind}/${mutex.name ?? ''}`, limit: 1 });
  }
  for (const sem of [...(sync.semaphores ?? []), ...(sync.semaphore === undefined ? [] : [sync.semaphore])]) {
    const namespace = sem.namespace ?? ns;
    if (sem.database !== undefined) {
      const key = sem.database.key;
      specs.push({
        name: `${namespace}/Database/${key}`,
        limit: limits[key] ?? limits[`${namespace}/${key}`] ?? 1,
      });
      continue;
    }
    const ref = configMapRef(sem.configMapKeyRef);
    const short = `${ref.name}/${ref.key}`;
    const name = `${namespace}/ConfigMap/${short}`;
    specs.push({ name, limit: limits[short] ?? limits[name] ?? 1 });
  }
  return specs;
}

/** Outcome of trying to take every lock of a template. */
export type Acquisition =
  | { readonly acquired: true }
  | { readonly acquired: false; lock: string; message: string };

/**
 * Take all the locks or none. A node already waiting only gets them when it is first in every queue it waits in;
 * otherwise it queues (once) behind the others.
 */
export function tryAcquire(ctx: Ctx, holder: string, specs: readonly LockSpec[]): Acquisition {
  const locks = ctx.state.locks;
  for (const spec of specs) {
    const lock = entryOf(locks, spec.name, () => ({ limit: spec.limit, holders: [], waiting: [] }));
    lock.limit = spec.limit;
    const first = lock.waiting[0];
    const blocked = lock.holders.length >= lock.limit || (first !== undefined && first !== holder);
    if (blocked && !lock.holders.includes(holder)) {
      for (const other of specs) {
        const queue = entryOf(locks, other.name, () => ({
          limit: other.limit,
          holders: [],
          waiting: [],
        })).waiting;
        if (!queue.includes(holder)) queue.push(holder);
      }
      return {
        acquired: false,
        lock: spec.name,
        message: `Waiting for ${spec.name} lock. Lock status: ${Math.max(lock.limit - lock.holders.length, 0)}/${lock.limit}`,
      };
    }
  }
  for (const spec of specs) {
    const lock = locks[spec.name];
    if (lock === undefined) continue;
    if (!lock.holders.includes(holder)) lock.holders.push(holder);
    lock.waiting = lock.waiting.filter((id) => id !== holder);
  }
  return { acquired: true };
}

/** Release every lock `holder` holds or waits for; waiters that may now proceed are queued on the context. */
export function releaseLocks(ctx: Ctx, holder: string, names: readonly string[]): void {
  for (const name of names) {
    const lock = ctx.state.locks[name];
    if (lock === undefined) continue;
    lock.holders = lock.holders.filter((id) => id !== holder);
    lock.waiting = lock.waiting.filter((id) => id !== holder);
    const next = lock.waiting[0];
    if (next !== undefined && lock.holders.length < lock.limit && !ctx.woken.includes(next))
      ctx.woken.push(next);
  }
}
