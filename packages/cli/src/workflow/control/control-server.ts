import { mkdir, rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { dirname } from 'node:path';
import type { EngineEvent, Store, WorkflowRunner, WorkflowStatusJson } from '@slipway/core';
import { type ControlMessage, type ControlRequest, jsonLines } from './protocol';
import { controlSocketPath, ownershipLockName } from './socket-path';

// Status updates go to watchers at most this often: a big workflow changes many times a second.
const STATUS_INTERVAL_MS = 100;

interface Owned {
  readonly lock: Server;
  readonly server: Server;
  readonly watchers: Set<Socket>;
  readonly logWatchers: Set<Socket>;
  latest?: WorkflowStatusJson;
  timer?: NodeJS.Timeout;
}

function send(socket: Socket, message: ControlMessage): void {
  if (!socket.destroyed) socket.write(`${JSON.stringify(message)}\n`);
}

function listen(server: Server, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/**
 * Makes the workflows this process runs reachable by other `slipway` processes: one Unix socket per workflow,
 * whose presence is also the proof that a live process owns it (a socket nobody listens on is stale).
 */
export class ControlServer {
  readonly #owned = new Map<string, Owned>();
  readonly #stopObserving: () => void;

  constructor(
    private readonly home: string,
    private readonly runner: WorkflowRunner,
    private readonly store: Store,
  ) {
    this.#stopObserving = runner.observe({
      onUpdate: (name, status) => this.#update(name, status),
      onLog: (entry) => {
        for (const socket of this.#owned.get(entry.workflow)?.logWatchers ?? [])
          send(socket, { type: 'log', entry });
      },
      onFinished: (name, status) => void this.#finish(name, status),
    });
  }

  /** Takes ownership of a workflow for this process; false when another live process owns it. */
  async claim(name: string): Promise<boolean> {
    if (this.#owned.has(name)) return true;
    // Whoever binds the lock owns the workflow; only the owner touches the socket file, so removing a stale
    // file cannot race with another process's fresh one.
    const lock = createServer((socket) => socket.destroy());
    try {
      await listen(lock, ownershipLockName(this.home, name));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') return false;
      throw error;
    }
    const path = controlSocketPath(this.home, name);
    await mkdir(dirname(path), { recursive: true });
    const owned: Owned = {
      lock,
      server: createServer((socket) => this.#serve(name, socket)),
      watchers: new Set(),
      logWatchers: new Set(),
    };
    try {
      await listen(owned.server, path).catch(async (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EADDRINUSE') throw error;
        await rm(path, { force: true });
        await listen(owned.server, path);
      });
    } catch (error) {
      lock.close();
      throw error;
    }
    this.#owned.set(name, owned);
    return true;
  }

  /** Stops listening for every workflow. */
  async close(): Promise<void> {
    this.#stopObserving();
    await Promise.all([...this.#owned.keys()].map((name) => this.#release(name)));
  }

  #serve(name: string, socket: Socket): void {
    socket.on('error', () => undefined);
    socket.on(
      'data',
      jsonLines<ControlRequest>((request) => void this.#handle(name, socket, request)),
    );
  }

  async #handle(name: string, socket: Socket, request: ControlRequest): Promise<void> {
    const owned = this.#owned.get(name);
    if (owned === undefined) return;
    if (request.op === 'watch') {
      owned.watchers.add(socket);
      if (request.logs === true) owned.logWatchers.add(socket);
      socket.on('close', () => {
        owned.watchers.delete(socket);
        owned.logWatchers.delete(socket);
      });
      const record = await this.store.getWorkflow(name);
      if (record !== undefined) send(socket, { type: 'status', status: record.status as WorkflowStatusJson });
      return;
    }
    try {
      this.runner.signal(name, eventOf(request));
      send(socket, { type: 'ack' });
    } catch (error) {
      send(socket, { type: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  }

  #update(name: string, status: WorkflowStatusJson): void {
    const owned = this.#owned.get(name);
    if (owned === undefined || owned.watchers.size === 0) return;
    owned.latest = status;
    owned.timer ??= setTimeout(() => {
      owned.timer = undefined;
      for (const socket of owned.watchers) send(socket, { type: 'status', status: owned.latest! });
    }, STATUS_INTERVAL_MS);
  }

  async #finish(name: string, status: WorkflowStatusJson): Promise<void> {
    const owned = this.#owned.get(name);
    if (owned === undefined) return;
    clearTimeout(owned.timer);
    for (const socket of owned.watchers) {
      send(socket, { type: 'finished', status });
      socket.end();
    }
    await this.#release(name);
  }

  async #release(name: string): Promise<void> {
    const owned = this.#owned.get(name);
    if (owned === undefined) return;
    this.#owned.delete(name);
    clearTimeout(owned.timer);
    for (const socket of owned.watchers) socket.end();
    await new Promise<void>((resolve) => owned.server.close(() => resolve()));
    await new Promise<void>((resolve) => owned.lock.close(() => resolve()));
  }
}

function eventOf(request: Extract<ControlRequest, { op: 'signal' }>): EngineEvent {
  const at = Date.now();
  switch (request.signal) {
    case 'resume':
      return { type: 'resume', at, ...(request.node === undefined ? {} : { nodeName: request.node }) };
    case 'suspend':
      return { type: 'suspend', at };
    default:
      return {
        type: request.signal,
        at,
        ...(request.message === undefined ? {} : { message: request.message }),
      };
  }
}
