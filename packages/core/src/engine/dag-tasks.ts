// Deciding and running the tasks of a DAG (Argo's executeDAGTask): depends, when, loops, exit handlers and hooks,
// and settling a task so its dependants can be decided, one event at a time.
import { evaluateDepends, parseDependsCached, type TaskOutcome } from '../expr/depends';
import type { DAGTask } from '../spec/model';
import { aggregateOutputs } from './aggregate';
import type { Ctx } from './context';
import type { NodePhase } from './contract';
import { dependsOf } from './dag-graph';
import {
  dagExec,
  definition,
  lookupDefinition,
  shutdownBlocks,
  site,
  taskNodeName,
  taskOf,
  varsOf,
} from './dag-scope';
import { TemplateRunError } from './errors';
import { launch } from './execute';
import { type StartedHook, startExitHandler, startHooks } from './hooks';
import { expandInvocation, shouldExecute, shouldExpand } from './loops';
import type { DagExec, ExecRequest, TaskExec } from './model';
import { addChild, failedOrError, initNode, isCompleted, outboundOf, setPhase } from './nodes';
import { addName, countedSet, removeName } from './records';
import { resolveInvocation } from './resolve-invocation';

function outcomeOf(ctx: Ctx, exec: DagExec, name: string): TaskOutcome | undefined {
  const task = exec.tasks[name];
  if (task?.node === undefined || task.state !== 'settled') return undefined;
  const node = ctx.node(task.node);
  const def = lookupDefinition(exec, name);
  return {
    phase: node.phase,
    ...(node.daemoned === true ? { daemoned: true } : {}),
    ...(node.type === 'TaskGroup'
      ? { children: (node.children ?? []).map((c) => ctx.maybeNode(c)?.phase) }
      : {}),
    ...(def?.continueOn === undefined ? {} : { continueOn: def.continueOn }),
  };
}

/** Link a new task node under the outbound nodes of its dependencies (or the DAG, for a root task). */
function connect(ctx: Ctx, id: string, name: string, nodeId: string): void {
  const exec = dagExec(ctx, id);
  const task = taskOf(exec, name);
  if (task.deps.length === 0) {
    addChild(ctx, id, nodeId);
    return;
  }
  const seen = new Set<string>();
  for (const dep of task.deps) {
    const depNode = exec.tasks[dep]?.node;
    if (depNode === undefined) continue;
    for (const out of outboundOf(ctx, depNode)) {
      if (seen.has(out)) continue;
      seen.add(out);
      addChild(ctx, out, nodeId);
    }
  }
}

/** A task decided without running (Omitted, Skipped, or Error before it could start). */
function decideWithout(
  ctx: Ctx,
  id: string,
  name: string,
  phase: 'Omitted' | 'Skipped' | 'Error',
  message: string,
  nodeName = taskNodeName(ctx, id, name),
  holder?: DAGTask,
): string {
  const exec = dagExec(ctx, id);
  const def = holder ?? definition(exec, name);
  const node = initNode(ctx, {
    name: nodeName,
    type: 'Skipped',
    phase,
    boundaryId: id,
    parent: id,
    role: { k: 'task', task: name },
    holder: { template: def.template, templateRef: def.templateRef, inline: def.inline },
    scope: exec.scope,
    message,
  });
  if (nodeName === taskNodeName(ctx, id, name)) connect(ctx, id, name, node.id);
  return node.id;
}

/** Argo's resolveDependencyReferences: `when` first, then the task, then `from` artifacts. */
function resolveTask(ctx: Ctx, id: string, task: DAGTask): DAGTask {
  const { scope, vars } = varsOf(ctx, id);
  return resolveInvocation(
    ctx,
    task,
    { scope, vars, template: dagExec(ctx, id).template },
    (message) => message,
  );
}

/** All dependencies of a relevant task settled: run it, or mark it Omitted/Skipped/Error. */
export function decide(ctx: Ctx, id: string, name: string): void {
  const exec = dagExec(ctx, id);
  const task = taskOf(exec, name);
  if (task.state !== 'waiting' || exec.finished) return;
  if (exec.tripped || shutdownBlocks(ctx, exec)) return;
  exec.undecided--;
  const def = definition(exec, name);
  const depends = dependsOf(def);
  if (depends !== '') {
    let run: boolean;
    try {
      run = evaluateDepends(parseDependsCached(depends), (dep) => outcomeOf(ctx, exec, dep)).status === 'run';
    } catch (error) {
      const message = `unable to evaluate expression '${depends}': ${error instanceof Error ? error.message : String(error)}`;
      settleAt(ctx, id, name, decideWithout(ctx, id, name, 'Error', message));
      return;
    }
    if (!run) {
      settleAt(ctx, id, name, decideWithout(ctx, id, name, 'Omitted', 'omitted: depends condition not met'));
      return;
    }
  }
  let resolved: DAGTask;
  let items: DAGTask[] | undefined;
  try {
    resolved = resolveTask(ctx, id, def);
    if (shouldExpand(def)) items = expandInvocation(resolved, varsOf(ctx, id).vars, ctx);
  } catch (error) {
    if (!(error instanceof TemplateRunError)) throw error;
    settleAt(ctx, id, name, decideWithout(ctx, id, name, 'Error', error.message));
    return;
  }
  task.ran = resolved;
  if (items !== undefined) {
    runLoop(ctx, id, name, items);
    return;
  }
  let proceed: boolean;
  try {
    proceed = shouldExecute(resolved.when);
  } catch (error) {
    if (!(error instanceof TemplateRunError)) throw error;
    settleAt(ctx, id, name, decideWithout(ctx, id, name, 'Error', error.message));
    return;
  }
  if (!proceed) {
    settleAt(
      ctx,
      id,
      name,
      decideWithout(ctx, id, name, 'Skipped', `when '${resolved.when ?? ''}' evaluated false`),
    );
    return;
  }
  const nodeName = taskNodeName(ctx, id, name);
  task.node = ctx.id(nodeName);
  task.state = 'active';
  exec.active++;
  connect(ctx, id, name, task.node);
  const result = launch(ctx, requestFor(ctx, id, nodeName, resolved, { k: 'task', task: name }));
  if (result.error !== undefined) {
    setPhase(ctx, task.node, 'Error', `task '${nodeName}' errored: ${result.error}`);
    taskNodeDone(ctx, id, name);
  } else if (result.node !== undefined) watch(ctx, id, result.node, resolved);
}

function requestFor(
  ctx: Ctx,
  id: string,
  nodeName: string,
  task: DAGTask,
  role: ExecRequest['role'],
): ExecRequest {
  const exec = dagExec(ctx, id);
  return {
    nodeName,
    parent: id,
    role,
    boundaryId: id,
    holder: { template: task.template, templateRef: task.templateRef, inline: task.inline },
    scope: exec.scope,
    args: task.arguments ?? {},
    locals: { 'tasks.name': task.name },
    onExit: exec.onExit,
  };
}

/** Report phase changes of a task node with hooks, and start the hooks that already hold. */
export function watch(ctx: Ctx, id: string, nodeId: string, task: DAGTask): void {
  if (task.hooks !== undefined && Object.keys(task.hooks).some((h) => h !== 'exit')) {
    ctx.exec(nodeId).watched = true;
    const role = ctx.exec(nodeId).role;
    if (role.k === 'task') runHooks(ctx, id, role.task);
  }
}

function runLoop(ctx: Ctx, id: string, name: string, items: DAGTask[]): void {
  const exec = dagExec(ctx, id);
  const task = taskOf(exec, name);
  const def = definition(exec, name);
  const nodeName = taskNodeName(ctx, id, name);
  if (items.length === 0) {
    const node = decideWithout(ctx, id, name, 'Skipped', 'Skipped, empty params');
    settleAt(ctx, id, name, node);
    return;
  }
  const group = initNode(ctx, {
    name: nodeName,
    type: 'TaskGroup',
    phase: 'Running',
    boundaryId: id,
    parent: id,
    role: { k: 'task', task: name },
    holder: { template: def.template, templateRef: def.templateRef, inline: def.inline },
    scope: exec.scope,
  });
  connect(ctx, id, name, group.id);
  task.node = group.id;
  task.state = 'active';
  exec.active++;
  const loop: NonNullable<TaskExec['loop']> = {
    group: group.id,
    items: [],
    pending: countedSet(),
    exits: {},
    tasks: {},
  };
  task.loop = loop;
  if (task.ran !== undefined) watch(ctx, id, group.id, task.ran);
  for (const [index, item] of items.entries()) {
    const itemName = taskNodeName(ctx, id, item.name);
    const itemId = ctx.id(itemName);
    loop.items.push(itemId);
    loop.tasks[itemId] = item;
    addChild(ctx, group.id, itemId);
    let proceed: boolean;
    try {
      proceed = shouldExecute(item.when);
    } catch (error) {
      if (!(error instanceof TemplateRunError)) throw error;
      decideItem(ctx, id, name, index, itemName, 'Error', error.message, def);
      continue;
    }
    if (!proceed) {
      decideItem(ctx, id, name, index, itemName, 'Skipped', `when '${item.when ?? ''}' evaluated false`, def);
      continue;
    }
    addName(loop.pending, itemId);
    const result = launch(ctx, requestFor(ctx, id, itemName, item, { k: 'item', task: name, index }));
    if (result.error !== undefined) {
      setPhase(ctx, itemId, 'Error', `task '${itemName}' errored: ${result.error}`);
      itemDone(ctx, id, name, itemId);
    }
  }
  maybeCompleteLoop(ctx, id, name);
}

function decideItem(
  ctx: Ctx,
  id: string,
  name: string,
  index: number,
  itemName: string,
  phase: 'Skipped' | 'Error',
  message: string,
  def: DAGTask,
): void {
  const exec = dagExec(ctx, id);
  initNode(ctx, {
    name: itemName,
    type: 'Skipped',
    phase,
    boundaryId: id,
    parent: id,
    role: { k: 'item', task: name, index },
    holder: { template: def.template, templateRef: def.templateRef, inline: def.inline },
    scope: exec.scope,
    message,
  });
}

/** A loop child finished: run its exit handler, or count it settled. */
export function itemDone(ctx: Ctx, id: string, name: string, itemId: string): void {
  const exec = dagExec(ctx, id);
  const loop = taskOf(exec, name).loop;
  if (loop === undefined || loop.pending.names[itemId] !== true) return;
  const node = ctx.node(itemId);
  const item = loop.tasks[itemId];
  if (item !== undefined && isCompleted(node.phase) && !shutdownBlocks(ctx, exec)) {
    const def = definition(exec, name);
    const exit = runExit(ctx, id, { ...item, onExit: def.onExit, hooks: def.hooks }, itemId, name);
    if (exit !== undefined) {
      loop.exits[ctx.id(exit.name)] = itemId;
      return;
    }
  }
  removeName(loop.pending, itemId);
}

function runExit(ctx: Ctx, id: string, task: DAGTask, nodeId: string, name: string): StartedHook | undefined {
  const exit = startExitHandler(ctx, task, ctx.node(nodeId), site(ctx, id, name));
  if (exit === undefined) return undefined;
  if (exit.result.node !== undefined) addChild(ctx, nodeId, exit.result.node);
  if (exit.result.error !== undefined) return undefined;
  return exit;
}

/** Once every loop child settled, the TaskGroup takes its phase and the task finishes. */
export function maybeCompleteLoop(ctx: Ctx, id: string, name: string): void {
  const exec = dagExec(ctx, id);
  const task = taskOf(exec, name);
  const loop = task.loop;
  if (loop === undefined || task.nodeDone === true || loop.pending.size > 0) return;
  let phase: NodePhase = 'Succeeded';
  for (const itemId of loop.items) {
    const item = ctx.node(itemId);
    if (failedOrError(item.phase)) phase = item.phase;
  }
  setPhase(ctx, loop.group, phase);
  taskNodeDone(ctx, id, name);
}

/** The task's own node is fulfilled: run its exit handler, then settle once hooks and handler are done. */
export function taskNodeDone(ctx: Ctx, id: string, name: string): void {
  const exec = dagExec(ctx, id);
  const task = taskOf(exec, name);
  if (task.nodeDone === true || task.node === undefined) return;
  task.nodeDone = true;
  const node = ctx.node(task.node);
  exec.statuses[name] = node.phase;
  try {
    runHooks(ctx, id, name);
  } catch (error) {
    if (!(error instanceof TemplateRunError)) throw error;
    setPhase(ctx, task.node, 'Error', error.message);
  }
  if (isCompleted(node.phase) && task.ran !== undefined && !shutdownBlocks(ctx, exec)) {
    const exit = runExit(ctx, id, task.ran, task.node, name);
    if (exit !== undefined) task.open[exit.name] = true;
  }
  if (Object.keys(task.open).length === 0) settleAt(ctx, id, name, task.node);
}

/** Start the hooks of a task whose expression now holds. */
export function runHooks(ctx: Ctx, id: string, name: string): void {
  const exec = dagExec(ctx, id);
  const task = taskOf(exec, name);
  if (task.node === undefined || task.ran?.hooks === undefined) return;
  const node = ctx.node(task.node);
  exec.statuses[name] = node.phase;
  for (const started of startHooks(ctx, task.ran.hooks, node, site(ctx, id, name))) {
    if (started.result.node !== undefined) addChild(ctx, task.node, started.result.node);
    if (started.result.error !== undefined) continue;
    task.open[started.name] = true;
  }
}

/** Argo's branch phase of a settled task: its own when it completed, else the worst of its dependencies'. */
function branchPhase(ctx: Ctx, exec: DagExec, task: TaskExec, nodeId: string): NodePhase {
  const node = ctx.node(nodeId);
  if (isCompleted(node.phase)) return node.phase;
  for (const dep of task.deps) {
    const branch = exec.tasks[dep]?.branch;
    if (branch !== undefined && failedOrError(branch)) return branch;
  }
  return 'Succeeded';
}

/** A task is settled: its dependants may be decided, and failFast may trip. */
export function settleAt(ctx: Ctx, id: string, name: string, nodeId: string): void {
  ctx.serial(() => settleNow(ctx, id, name, nodeId));
}

function settleNow(ctx: Ctx, id: string, name: string, nodeId: string): void {
  const exec = dagExec(ctx, id);
  const task = taskOf(exec, name);
  if (task.state === 'settled') return;
  if (task.state === 'active') exec.active--;
  task.state = 'settled';
  task.node = nodeId;
  task.branch = branchPhase(ctx, exec, task, nodeId);
  if (task.loop !== undefined) {
    const children = task.loop.items.filter((c) => ctx.maybeNode(c)?.type !== 'Skipped');
    if (children.length > 0) task.loop.aggregate = aggregateOutputs(ctx, children);
  }
  if (task.target === true && exec.failFast && failedOrError(task.branch)) {
    const def = definition(exec, name);
    const tolerated =
      (task.branch === 'Failed' && def.continueOn?.failed === true) ||
      (task.branch === 'Error' && def.continueOn?.error === true);
    if (!tolerated) exec.tripPending = true;
  }
  for (const dependant of task.dependants) {
    const next = exec.tasks[dependant];
    if (next === undefined || !next.relevant || next.state !== 'waiting') continue;
    next.waiting--;
    if (next.waiting === 0) decide(ctx, id, dependant);
  }
}
