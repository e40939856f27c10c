import { connect, type Socket } from 'node:net';
import { type ControlMessage, type ControlRequest, jsonLines } from './protocol';
import { controlSocketPath } from './socket-path';

/** A connection to the process that runs a workflow. */
export class ControlConnection {
  readonly #queue: ControlMessage[] = [];
  #waiting: ((message: ControlMessage | undefined) => void) | undefined;
  #closed = false;

  constructor(private readonly socket: Socket) {
    socket.on(
      'data',
      jsonLines<ControlMessage>((message) => {
        if (this.#waiting) {
          const wake = this.#waiting;
          this.#waiting = undefined;
          wake(message);
        } else this.#queue.push(message);
      }),
    );
    const end = () => {
      this.#closed = true;
      this.#waiting?.(undefined);
      this.#waiting = undefined;
    };
    socket.on('close', end);
    socket.on('error', end);
  }

  /** Sends one request. */
  send(request: ControlRequest): void {
    this.socket.write(`${JSON.stringify(request)}\n`);
  }

  /** The next message, or undefined once the owner has closed the connection. */
  next(): Promise<ControlMessage | undefined> {
    const queued = this.#queue.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.#closed) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      this.#waiting = resolve;
    });
  }

  close(): void {
    this.socket.destroy();
  }
}

/** Connects to the live process running `workflow`, or resolves undefined when no process runs it. */
export function connectOwner(home: string, workflow: string): Promise<ControlConnection | undefined> {
  return connectTo(controlSocketPath(home, workflow));
}

/** Connects to a control socket; undefined when nothing listens there (no file, or a stale one). */
export function connectTo(path: string): Promise<ControlConnection | undefined> {
  return new Promise((resolve, reject) => {
    const socket = connect(path);
    socket.once('connect', () => resolve(new ControlConnection(socket)));
    socket.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ECONNREFUSED') resolve(undefined);
      else reject(error);
    });
  });
}
