// DAG templates (Argo's executeDAG / assessDAGPhase), driven by notifications: a task is decided when its last
// dependency settles (see dag-tasks.ts), so each event costs what it changes, not the size of the DAG.
import type { Template } from '../spec/model';
import type { Ctx } from './context';
import type { NodePhase } from './contract';
import { buildDagGraph } from './dag-graph';
import { dagExec, definition, shutdownBlocks, taskOf, varsOf } from './dag-scope';
import { decide, itemDone, maybeCompleteLoop, runHooks, settleAt, taskNodeDone, watch } from './dag-tasks';
import { TemplateRunError } from './errors';
import { finish } from './lifecycle';
import type { DagExec, ExecRequest, Notification } from './model';
import { failedOrError, isFulfilled, outboundOf, setPhase } from './nodes';
import { killDaemons } from './pod';
import { removeName } from './records';
import { resultRefsOf } from './result-refs';
import { publishGlobalOutputs, templateOutputs } from './template-outputs';

/** Start a DAG node (it exists, Running). */
export function startDag(ctx: Ctx, id: string, req: ExecRequest, template: Template): void {
  let graph: ReturnType<typeof buildDagGraph>;
  try {
    graph = buildDagGraph(template.dag ?? { tasks: [] });
  } catch (error) {
    if (!(error instanceof TemplateRunError)) throw error;
    finish(ctx, id, 'Error', error.message, error.message);
    return;
  }
  const exec: DagExec = {
    template,
    scope: req.bodyScope ?? req.scope,
    onExit: req.onExit,
    tasks: graph.tasks,
    index: graph.index,
    order: graph.order,
    targets: graph.targets,
    active: 0,
    undecided: graph.order.filter((name) => graph.tasks[name]?.relevant === true).length,
    tripped: false,
    failFast: template.dag?.failFast !== false,
    resultRefs: resultRefsOf(template, 'tasks'),
    finished: false,
    statuses: {},
  };
  ctx.exec(id).dag = exec;
  const ready = exec.order.filter((name) => {
    const task = exec.tasks[name];
    return task?.relevant === true && task.waiting === 0;
  });
  for (const name of ready) decide(ctx, id, name);
  afterChange(ctx, id);
}

/** A task node, loop child, hook or exit handler of the DAG changed phase or finished. */
export function onDagNotification(ctx: Ctx, id: string, note: Notification): void {
  const exec = ctx.state.exec[id]?.dag;
  if (exec === undefined || exec.finished) return;
  const role = ctx.state.exec[note.child]?.role;
  const child = ctx.maybeNode(note.child);
  if (role === undefined || child === undefined) return;
  if (role.k === 'task') {
    const task = exec.tasks[role.task];
    if (task === undefined) return;
    if (note.error !== undefined)
      setPhase(ctx, note.child, 'Error', `task '${child.name}' errored: ${note.error}`);
    if (!note.done) {
      safeHooks(ctx, id, role.task);
    } else taskNodeDone(ctx, id, role.task);
  } else if (role.k === 'item') {
    if (note.error !== undefined)
      setPhase(ctx, note.child, 'Error', `task '${child.name}' errored: ${note.error}`);
    if (note.done) {
      itemDone(ctx, id, role.task, note.child);
      maybeCompleteLoop(ctx, id, role.task);
    }
  } else if ((role.k === 'hook' || role.k === 'exit') && note.done) {
    const owner = ctx.state.exec[role.of]?.role;
    if (owner?.k === 'item') {
      const loop = exec.tasks[owner.task]?.loop;
      if (loop !== undefined && loop.exits[note.child] !== undefined) {
        removeName(loop.pending, role.of);
        delete loop.exits[note.child];
        maybeCompleteLoop(ctx, id, owner.task);
      }
    } else if (owner?.k === 'task') {
      const task = exec.tasks[owner.task];
      if (task !== undefined && task.open[child.name] === true) {
        delete task.open[child.name];
        if (task.nodeDone === true && Object.keys(task.open).length === 0 && task.node !== undefined) {
          settleAt(ctx, id, owner.task, task.node);
        }
      }
    }
  }
  afterChange(ctx, id);
}

function safeHooks(ctx: Ctx, id: string, name: string): void {
  try {
    runHooks(ctx, id, name);
  } catch (error) {
    if (!(error instanceof TemplateRunError)) throw error;
    const node = taskOf(dagExec(ctx, id), name).node;
    if (node !== undefined) setPhase(ctx, node, 'Error', error.message);
  }
}

/** A task of this DAG was started after waiting for capacity. */
export function linkDagChild(ctx: Ctx, id: string, childId: string): void {
  const exec = dagExec(ctx, id);
  const role = ctx.exec(childId).role;
  if (role.k === 'task') {
    const ran = exec.tasks[role.task]?.ran;
    if (ran !== undefined) watch(ctx, id, childId, ran);
  }
}

function afterChange(ctx: Ctx, id: string): void {
  const exec = dagExec(ctx, id);
  if (exec.tripPending === true) {
    exec.tripped = true;
    delete exec.tripPending;
  }
  if (exec.finished || exec.active > 0) return;
  if (exec.undecided > 0 && !exec.tripped && !shutdownBlocks(ctx, exec)) return;
  completeDag(ctx, id);
}

function completeDag(ctx: Ctx, id: string): void {
  const exec = dagExec(ctx, id);
  exec.finished = true;
  const node = ctx.node(id);
  node.outboundNodes = exec.targets.flatMap((name) => {
    const taskNode = exec.tasks[name]?.node;
    return taskNode === undefined || ctx.maybeNode(taskNode) === undefined ? [] : outboundOf(ctx, taskNode);
  });
  killDaemons(ctx, id);
  let phase: NodePhase = 'Succeeded';
  if (shutdownBlocks(ctx, exec)) phase = 'Failed';
  else {
    for (const name of exec.targets) {
      const task = taskOf(exec, name);
      const branch = task.state === 'settled' ? task.branch : undefined;
      if (branch === undefined) {
        phase = 'Running';
        if (!exec.failFast) break;
      } else if (failedOrError(branch)) {
        const def = definition(exec, name);
        const tolerated =
          (branch === 'Failed' && def.continueOn?.failed === true) ||
          (branch === 'Error' && def.continueOn?.error === true);
        if (tolerated) continue;
        phase = branch;
        if (exec.failFast) break;
      }
    }
  }
  if (phase === 'Running') phase = 'Failed';
  if (phase !== 'Succeeded') {
    finish(ctx, id, phase);
    return;
  }
  const { scope, vars } = varsOf(ctx, id);
  let outputs: ReturnType<typeof templateOutputs>;
  try {
    outputs = templateOutputs(
      ctx,
      exec.template,
      { vars, template: exec.template, artifact: (key) => scope.artifact(key) },
      ctx,
    );
  } catch (error) {
    if (!(error instanceof TemplateRunError)) throw error;
    finish(ctx, id, 'Error', error.message, error.message);
    return;
  }
  if (outputs !== undefined) {
    node.outputs = outputs;
    publishGlobalOutputs(ctx, outputs);
  }
  if (!isFulfilled(node)) finish(ctx, id, 'Succeeded');
}

/** Template-level failFast: a child failed and nothing runs any more, so the DAG node fails now. */
export function failDagFast(ctx: Ctx, id: string): void {
  const exec = ctx.state.exec[id]?.dag;
  if (exec === undefined || exec.finished) return;
  exec.finished = true;
  killDaemons(ctx, id);
  finish(ctx, id, 'Failed', 'template has failed or errored children and failFast enabled');
}
