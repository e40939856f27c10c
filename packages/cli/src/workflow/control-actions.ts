// `slipway stop|terminate|suspend|resume|wait|watch|retry|resubmit`: reach the process that runs a workflow through
// its control socket, or, when no process runs it any more, take it over and run it here.
import { randomBytes, randomUUID } from 'node:crypto';
import {
  type EngineEvent,
  type EngineState,
  FINISHED_PHASES,
  type Workflow,
  WorkflowStateError,
  type WorkflowStatusJson,
} from '@slipway/core';
import { UsageError } from '../usage-error';
import { type ControlConnection, connectOwner } from './control/control-client';
import type { ControlSignal } from './control/protocol';
import { drive } from './drive';
import { homeOf } from './home';
import type { WorkflowIo } from './io';
import { pairs } from './pairs';
import { type OutcomeFormat, printOutcome } from './print-outcome';
import { loadRunOptions, openSession, type Session, saveRunOptions } from './session';
import { storedTemplateResolvers } from './stored-templates';
import { WatchPrinter } from './watch-printer';
import { withStore } from './with-store';

/** Flags every control command takes. */
export interface ControlFlags {
  home?: string;
  output?: Exclude<OutcomeFormat, 'none'>;
  watch?: boolean;
}

const PAST: Record<ControlSignal, string> = {
  stop: 'stopped',
  terminate: 'terminated',
  suspend: 'suspended',
  resume: 'resumed',
};

function storedStatus(home: string, name: string, io: WorkflowIo): Promise<WorkflowStatusJson> {
  return withStore({ home }, io, async (store) => {
    const record = await store.getWorkflow(name);
    if (record === undefined)
      throw new UsageError(`no workflow named \`${name}\`; \`slipway list\` shows them`);
    return record.status as WorkflowStatusJson;
  });
}

/** Opens a session that runs `name` the way it was submitted, owning it. */
async function takeOver(home: string, name: string, io: WorkflowIo): Promise<Session> {
  const session = await openSession(home, await loadRunOptions(home, name), io);
  if (!(await session.control.claim(name))) {
    await session.close();
    throw new WorkflowStateError(name, `workflow \`${name}\` was just taken over by another slipway process`);
  }
  return session;
}

/** Runs the workflow to its end in this process and prints the outcome. */
async function runHere(session: Session, name: string, flags: ControlFlags, io: WorkflowIo): Promise<void> {
  const status = await drive(session, name, io, { watch: flags.watch === true });
  const output = flags.output ?? 'wide';
  printOutcome(name, status, flags.watch === true && output === 'wide' ? 'none' : output, io);
}

/** Reads messages until the workflow finishes, feeding status updates to `onStatus`. */
async function followOwner(
  owner: ControlConnection,
  onStatus: (status: WorkflowStatusJson) => void,
  onLog?: (text: string, nodeId: string, at: number) => void,
): Promise<WorkflowStatusJson | undefined> {
  for (;;) {
    const message = await owner.next();
    if (message === undefined) return undefined;
    if (message.type === 'status') onStatus(message.status);
    else if (message.type === 'log') onLog?.(message.entry.text, message.entry.nodeId, message.entry.at);
    else if (message.type === 'finished') return message.status;
  }
}

/** `slipway stop|terminate|suspend|resume NAME`. */
export async function runSignal(
  signal: ControlSignal,
  name: string,
  flags: ControlFlags & { node?: string; message?: string },
  io: WorkflowIo,
): Promise<void> {
  const home = homeOf(flags, io);
  const owner = await connectOwner(home, name);
  if (owner !== undefined) {
    try {
      owner.send({
        op: 'signal',
        signal,
        ...(flags.node ? { node: flags.node } : {}),
        ...(flags.message ? { message: flags.message } : {}),
      });
      const reply = await owner.next();
      if (reply?.type === 'error') throw new WorkflowStateError(name, reply.message);
      if (reply?.type !== 'ack')
        throw new WorkflowStateError(name, `the process running \`${name}\` went away before it answered`);
    } finally {
      owner.close();
    }
    io.stdout.write(`workflow ${name} ${PAST[signal]}\n`);
    return;
  }
  const status = await storedStatus(home, name, io);
  if (FINISHED_PHASES.has(status.phase))
    throw new WorkflowStateError(
      name,
      `workflow \`${name}\` has already finished (${status.phase}); nothing to ${signal}`,
    );
  if (signal === 'suspend') {
    io.stdout.write(
      `workflow ${name} is not running in any slipway process: nothing of it runs until \`slipway resume ${name}\`\n`,
    );
    return;
  }
  const at = Date.now();
  const event: EngineEvent =
    signal === 'resume'
      ? { type: 'resume', at, ...(flags.node ? { nodeName: flags.node } : {}) }
      : { type: signal, at, ...(flags.message ? { message: flags.message } : {}) };
  const session = await takeOver(home, name, io);
  try {
    await session.runner.resume(name, event);
    io.stderr.write(
      `workflow ${name} ${PAST[signal]}; no other process was running it, so it runs here to its end\n`,
    );
    await runHere(session, name, flags, io);
  } finally {
    await session.close();
  }
}

/** The final status of a workflow: followed from its owner, or run here when nobody runs it. */
async function outcome(
  home: string,
  name: string,
  io: WorkflowIo,
  printer?: WatchPrinter,
): Promise<WorkflowStatusJson> {
  const owner = await connectOwner(home, name);
  if (owner !== undefined) {
    try {
      owner.send({ op: 'watch' });
      const status = await followOwner(owner, (s) => printer?.update(s));
      if (status !== undefined) return status;
    } finally {
      owner.close();
    }
    // The owner went away before the end (killed): what it stored is where the workflow is.
  }
  const status = await storedStatus(home, name, io);
  if (FINISHED_PHASES.has(status.phase)) return status;
  const session = await takeOver(home, name, io);
  try {
    await session.runner.resume(name);
    const stop = session.runner.observe({ onUpdate: (n, s) => n === name && printer?.update(s) });
    await session.runner.idle();
    stop();
    return (await session.store.getWorkflow(name))?.status as WorkflowStatusJson;
  } finally {
    await session.close();
  }
}

/** `slipway wait NAME…`: exits 1 unless every workflow succeeded. */
export async function runWait(names: string[], flags: ControlFlags, io: WorkflowIo): Promise<void> {
  const home = homeOf(flags, io);
  let allSucceeded = true;
  for (const name of names) {
    const status = await outcome(home, name, io);
    io.stdout.write(`${name} ${status.phase}${status.message ? ` (${status.message})` : ''}\n`);
    if (status.phase !== 'Succeeded') allSucceeded = false;
  }
  io.setExitCode(allSucceeded ? 0 : 1);
}

/** `slipway watch NAME`: the live tree until the workflow ends. */
export async function runWatch(name: string, flags: ControlFlags, io: WorkflowIo): Promise<void> {
  const printer = new WatchPrinter(name, io.stdout);
  const status = await outcome(homeOf(flags, io), name, io, printer);
  printer.finish(status);
  io.setExitCode(status.phase === 'Succeeded' ? 0 : 1);
}

/**
 * Follows a running workflow's logs from its owner until it finishes (`logs -f`). A node's output can arrive
 * before the status that names the node (statuses are sent at most every 100 ms): such output waits for it.
 */
export async function followLogs(
  home: string,
  name: string,
  after: number,
  print: (text: string, nodeId: string) => void,
  onStatus: (status: WorkflowStatusJson) => void,
): Promise<void> {
  const owner = await connectOwner(home, name);
  if (owner === undefined) return;
  try {
    owner.send({ op: 'watch', logs: true });
    const known = new Set<string>();
    let waiting: { text: string; nodeId: string }[] = [];
    const learn = (status: WorkflowStatusJson) => {
      onStatus(status);
      for (const id of Object.keys(status.nodes ?? {})) known.add(id);
      const ready = waiting.filter((entry) => known.has(entry.nodeId));
      waiting = waiting.filter((entry) => !known.has(entry.nodeId));
      for (const entry of ready) print(entry.text, entry.nodeId);
    };
    const finished = await followOwner(owner, learn, (text, nodeId, at) => {
      if (at <= after) return;
      if (known.has(nodeId) && waiting.length === 0) print(text, nodeId);
      else waiting.push({ text, nodeId });
    });
    if (finished !== undefined) learn(finished);
    for (const entry of waiting) print(entry.text, entry.nodeId);
  } finally {
    owner.close();
  }
}

/** `slipway retry NAME`: re-runs the failed nodes in place, the workspace intact. */
export async function runRetry(
  name: string,
  flags: ControlFlags & { nodeFieldSelector?: string; restartSuccessful?: boolean },
  io: WorkflowIo,
): Promise<void> {
  const home = homeOf(flags, io);
  const owner = await connectOwner(home, name);
  if (owner !== undefined) {
    owner.close();
    throw new WorkflowStateError(
      name,
      `workflow \`${name}\` is still running; wait for it or stop it before retrying`,
    );
  }
  const session = await takeOver(home, name, io);
  try {
    await session.runner.retry(name, {
      ...(flags.nodeFieldSelector ? { nodeFieldSelector: flags.nodeFieldSelector } : {}),
      restartSuccessful: flags.restartSuccessful === true,
    });
    await runHere(session, name, flags, io);
  } finally {
    await session.close();
  }
}

/** `slipway resubmit NAME`: a new workflow from the same manifest and parameters. */
export async function runResubmit(
  name: string,
  flags: ControlFlags & { parameter: string[]; name?: string },
  io: WorkflowIo,
): Promise<void> {
  const home = homeOf(flags, io);
  const options = await loadRunOptions(home, name);
  const session = await openSession(home, options, io);
  try {
    const record = await session.store.getWorkflow(name);
    if (record === undefined)
      throw new UsageError(`no workflow named \`${name}\`; \`slipway list\` shows them`);
    const workflow = structuredClone(record.manifest) as Workflow;
    const previous = (record.engineState as EngineState).spec.arguments?.parameters ?? [];
    const parameters: Record<string, string> = {};
    for (const p of previous) if (p.value !== undefined) parameters[p.name] = p.value;
    Object.assign(parameters, pairs(flags.parameter, '--parameter'));
    const base = workflow.metadata?.generateName ?? `${name}-`;
    const newName = flags.name ?? `${base}${randomBytes(3).toString('hex').slice(0, 5)}`;
    await saveRunOptions(home, newName, options);
    await session.control.claim(newName);
    const resolvers = await storedTemplateResolvers(session.store);
    await session.runner.submit({ ...resolvers, workflow, name: newName, uid: randomUUID(), parameters });
    io.stderr.write(`resubmitted ${name} as ${newName}\n`);
    await runHere(session, newName, flags, io);
  } finally {
    await session.close();
  }
}
