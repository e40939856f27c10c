// Steps templates: groups run in order, the steps of a group in parallel (Argo's executeSteps and
// executeStepGroup), driven by the notifications of the group's children instead of re-walking the tree.
import type { Template, WorkflowStep } from '../spec/model';
import { aggregateOutputs } from './aggregate';
import type { Ctx } from './context';
import { TemplateRunError } from './errors';
import { globalsOf, launch } from './execute';
import { type HookSite, startExitHandler, startHooks } from './hooks';
import { finish } from './lifecycle';
import { expandInvocation, shouldExecute, shouldExpand } from './loops';
import type { ExecRequest, Notification, StepRef, StepsExec } from './model';
import { addChild, failedOrError, initNode, isCompleted, isFulfilled, outboundOf, setPhase } from './nodes';
import { killDaemons } from './pod';
import { addName, countedSet, removeName } from './records';
import { resolveInvocation } from './resolve-invocation';
import { resultRefsOf } from './result-refs';
import { ScopeVariables } from './scope-vars';
import { publishGlobalOutputs, templateOutputs } from './template-outputs';
import { LayeredVariables, type Variables } from './variables';

function stepsExec(ctx: Ctx, id: string): StepsExec {
  const exec = ctx.exec(id).steps;
  if (exec === undefined) throw new Error(`engine bug: ${id} is not a Steps node`);
  return exec;
}

function scopeOf(ctx: Ctx, id: string): ScopeVariables {
  const exec = stepsExec(ctx, id);
  return new ScopeVariables(
    ctx,
    'steps',
    (name) => {
      const ref = exec.done[name];
      if (ref === undefined) return undefined;
      return {
        node: ref.node,
        ...(ref.loop?.aggregate === undefined ? {} : { aggregate: ref.loop.aggregate }),
        ...(ref.holder === undefined ? {} : { holder: ref.holder }),
        ...(ref.scope === undefined ? {} : { scope: ref.scope }),
      };
    },
    () => Object.keys(exec.done),
    exec.template,
    exec.statuses,
  );
}

function varsOf(ctx: Ctx, id: string): { scope: ScopeVariables; vars: Variables } {
  const scope = scopeOf(ctx, id);
  return { scope, vars: new LayeredVariables(scope, globalsOf(ctx)) };
}

function bodyScope(ctx: Ctx, id: string): string {
  const exec = ctx.exec(id);
  return exec.steps?.scope ?? '';
}

function site(ctx: Ctx, id: string, name: string): HookSite {
  const { scope, vars } = varsOf(ctx, id);
  const exec = stepsExec(ctx, id);
  return {
    controller: id,
    boundaryId: id,
    scope: bodyScope(ctx, id),
    prefix: 'steps',
    name,
    vars,
    artifacts: { vars, template: exec.template, artifact: (key) => scope.artifact(key) },
  };
}

/** Start a Steps node (it exists, Running). */
export function startSteps(ctx: Ctx, id: string, req: ExecRequest, template: Template): void {
  ctx.exec(id).steps = {
    template,
    scope: req.bodyScope ?? req.scope,
    onExit: req.onExit,
    group: -1,
    running: {},
    open: countedSet(),
    loops: {},
    done: {},
    resultRefs: resultRefsOf(template, 'steps'),
    finished: false,
    statuses: {},
  };
  startGroup(ctx, id, 0);
}

function groupName(ctx: Ctx, id: string, index: number): string {
  return `${ctx.node(id).name}[${index}]`;
}

function startGroup(ctx: Ctx, id: string, index: number): void {
  const exec = stepsExec(ctx, id);
  const groups = exec.template.steps ?? [];
  if (index >= groups.length) {
    completeSteps(ctx, id);
    return;
  }
  const name = groupName(ctx, id, index);
  const group = initNode(ctx, {
    name,
    type: 'StepGroup',
    phase: 'Running',
    boundaryId: id,
    parent: id,
    role: { k: 'group', index },
    scope: exec.scope,
  });
  if (index === 0) addChild(ctx, id, group.id);
  else {
    const previous = ctx.node(ctx.id(groupName(ctx, id, index - 1)));
    const children = previous.children ?? [];
    if (children.length === 0) addChild(ctx, previous.id, group.id);
    const linked = new Set<string>();
    for (const child of children) {
      for (const out of outboundOf(ctx, child)) {
        if (linked.has(out)) continue;
        linked.add(out);
        addChild(ctx, out, group.id);
      }
    }
  }
  exec.group = index;
  exec.running = {};
  exec.open = countedSet();
  exec.statuses = {};
  try {
    runGroup(ctx, id, group.id, groups[index] ?? []);
  } catch (error) {
    if (!(error instanceof TemplateRunError)) throw error;
    groupErrored(ctx, id, error.message);
    return;
  }
  if (!exec.finished && exec.open.size === 0) completeGroup(ctx, id);
}

/** Argo's resolveReferences for one step: `when` first, then the whole step, then `from` artifacts. */
function resolveStep(ctx: Ctx, id: string, step: WorkflowStep): WorkflowStep {
  const { scope, vars } = varsOf(ctx, id);
  return resolveInvocation(
    ctx,
    step,
    { scope, vars, template: stepsExec(ctx, id).template },
    (message) => `unable to resolve references: ${message}`,
  );
}

function runGroup(ctx: Ctx, id: string, groupId: string, steps: readonly WorkflowStep[]): void {
  const exec = stepsExec(ctx, id);
  const groupNodeName = ctx.node(groupId).name;
  let resolved: WorkflowStep[];
  try {
    resolved = steps.map((step) => resolveStep(ctx, id, step));
  } catch (error) {
    if (!(error instanceof TemplateRunError)) throw error;
    throw new TemplateRunError(`failed to resolve references: ${error.message}`);
  }
  const expanded: WorkflowStep[] = [];
  for (const step of resolved) {
    if (!shouldExpand(step)) {
      expanded.push(step);
      continue;
    }
    const items = expandInvocation(step, varsOf(ctx, id).vars, ctx);
    exec.loops[step.name] = items.map((item) => ctx.id(`${groupNodeName}.${item.name}`));
    if (items.length === 0) {
      skipped(ctx, id, groupId, `${groupNodeName}.${step.name}`, step, 'Skipped, empty params');
    }
    expanded.push(...items);
  }
  for (const step of expanded) {
    const childName = `${groupNodeName}.${step.name}`;
    let proceed: boolean;
    try {
      proceed = shouldExecute(step.when);
    } catch (error) {
      if (!(error instanceof TemplateRunError)) throw error;
      const node = initNode(ctx, {
        name: childName,
        type: 'Skipped',
        phase: 'Error',
        boundaryId: id,
        parent: id,
        role: { k: 'step', group: exec.group, step: step.name, base: step.name },
        holder: step,
        scope: exec.scope,
        message: error.message,
      });
      addChild(ctx, groupId, node.id);
      throw error;
    }
    if (!proceed) {
      skipped(ctx, id, groupId, childName, step, `when '${step.when ?? ''}' evaluated false`);
      continue;
    }
    exec.running[step.name] = step;
    addName(exec.open, childName);
    const result = launch(ctx, {
      nodeName: childName,
      parent: id,
      role: { k: 'step', group: exec.group, step: step.name, base: step.name },
      boundaryId: id,
      holder: { template: step.template, templateRef: step.templateRef, inline: step.inline },
      scope: exec.scope,
      args: step.arguments ?? {},
      locals: { 'steps.name': step.name },
      onExit: exec.onExit,
    });
    if (result.error !== undefined) {
      removeName(exec.open, childName);
      if (result.node !== undefined) addChild(ctx, groupId, result.node);
      throw new TemplateRunError(
        `step group deemed errored due to child ${childName} error: ${result.error}`,
      );
    }
    if (result.node !== undefined) linkStepChild(ctx, id, result.node);
  }
}

function skipped(
  ctx: Ctx,
  id: string,
  groupId: string,
  name: string,
  step: WorkflowStep,
  message: string,
): void {
  const exec = stepsExec(ctx, id);
  const node = initNode(ctx, {
    name,
    type: 'Skipped',
    phase: 'Skipped',
    boundaryId: id,
    parent: id,
    role: { k: 'step', group: exec.group, step: step.name, base: step.name },
    holder: { template: step.template, templateRef: step.templateRef, inline: step.inline },
    scope: exec.scope,
    message,
  });
  addChild(ctx, groupId, node.id);
  exec.running[step.name] = step;
  exec.statuses[node.displayName] = node.phase;
}

/** A child of the current group was created (at once, or later after waiting for capacity). */
export function linkStepChild(ctx: Ctx, id: string, childId: string): void {
  const exec = stepsExec(ctx, id);
  const child = ctx.node(childId);
  const groupId = ctx.id(groupName(ctx, id, exec.group));
  addChild(ctx, groupId, childId);
  const step = exec.running[stepNameOf(ctx, childId)];
  exec.statuses[child.displayName] = child.phase;
  if (step?.hooks !== undefined && Object.keys(step.hooks).some((h) => h !== 'exit')) {
    ctx.exec(childId).watched = true;
    runHooks(ctx, id, childId);
  }
}

function trackHook(
  ctx: Ctx,
  id: string,
  parentNode: string,
  started: { name: string; result: { node?: string; error?: string } },
): void {
  const exec = stepsExec(ctx, id);
  if (started.result.error !== undefined) throw new TemplateRunError(started.result.error);
  addName(exec.open, started.name);
  if (started.result.node !== undefined) addChild(ctx, parentNode, started.result.node);
}

function stepNameOf(ctx: Ctx, childId: string): string {
  const role = ctx.state.exec[childId]?.role;
  return role?.k === 'step' ? role.step : '';
}

function runHooks(ctx: Ctx, id: string, childId: string): void {
  const exec = stepsExec(ctx, id);
  const child = ctx.node(childId);
  const step = exec.running[stepNameOf(ctx, childId)];
  if (step?.hooks === undefined) return;
  for (const started of startHooks(ctx, step.hooks, child, site(ctx, id, step.name))) {
    trackHook(ctx, id, childId, started);
  }
}

/** A child, hook or exit handler of the Steps node changed phase or finished. */
export function onStepsNotification(ctx: Ctx, id: string, note: Notification): void {
  const exec = ctx.state.exec[id]?.steps;
  if (exec === undefined || exec.finished) return;
  const child = ctx.maybeNode(note.child);
  const role = ctx.state.exec[note.child]?.role;
  if (child === undefined || role === undefined) return;
  try {
    if (note.error !== undefined && exec.open.names[child.name] === true) {
      throw new TemplateRunError(
        role.k === 'step'
          ? `step group deemed errored due to child ${child.name} error: ${note.error}`
          : note.error,
      );
    }
    if (role.k === 'step' && role.group === exec.group) {
      exec.statuses[child.displayName] = child.phase;
      runHooks(ctx, id, note.child);
      if (!note.done || exec.open.names[child.name] !== true) return;
      const step = exec.running[role.step];
      if (step !== undefined && isCompleted(child.phase)) {
        const exit = startExitHandler(ctx, step, child, site(ctx, id, step.name));
        if (exit !== undefined) trackHook(ctx, id, note.child, exit);
      }
      removeName(exec.open, child.name);
    } else if ((role.k === 'hook' || role.k === 'exit') && note.done) {
      removeName(exec.open, child.name);
    } else return;
  } catch (error) {
    if (!(error instanceof TemplateRunError)) throw error;
    groupErrored(ctx, id, error.message);
    return;
  }
  if (exec.open.size === 0) completeGroup(ctx, id);
}

function groupErrored(ctx: Ctx, id: string, message: string): void {
  const exec = stepsExec(ctx, id);
  const groupId = ctx.id(groupName(ctx, id, exec.group));
  setPhase(ctx, groupId, 'Error', message);
  stepsFailed(ctx, id, message);
}

function completeGroup(ctx: Ctx, id: string): void {
  const exec = stepsExec(ctx, id);
  const groupId = ctx.id(groupName(ctx, id, exec.group));
  const group = ctx.node(groupId);
  for (const childId of group.children ?? []) {
    const child = ctx.node(childId);
    const step = exec.running[stepNameOf(ctx, childId)];
    const tolerated =
      (child.phase === 'Failed' && step?.continueOn?.failed === true) ||
      (child.phase === 'Error' && step?.continueOn?.error === true);
    if (failedOrError(child.phase) && !tolerated) {
      const message = `child '${childId}' failed`;
      setPhase(ctx, groupId, 'Failed', message);
      stepsFailed(ctx, id, message);
      return;
    }
  }
  setPhase(ctx, groupId, 'Succeeded');
  const groups = exec.template.steps ?? [];
  for (const step of groups[exec.group] ?? []) {
    const childId = ctx.id(`${group.name}.${step.name}`);
    const holder = { template: step.template, templateRef: step.templateRef, inline: step.inline };
    if (ctx.maybeNode(childId) !== undefined) {
      exec.done[step.name] = { node: childId, holder, scope: exec.scope };
      continue;
    }
    const children = (exec.loops[step.name] ?? []).filter((c) => ctx.maybeNode(c)?.type !== 'Skipped');
    const ref: StepRef = { node: groupId, holder, scope: exec.scope };
    if (children.length > 0) {
      const aggregate = aggregateOutputs(ctx, children);
      if (aggregate.error !== undefined) {
        stepsErrored(ctx, id, aggregate.error);
        return;
      }
      ref.loop = { children, aggregate };
    }
    exec.done[step.name] = ref;
  }
  startGroup(ctx, id, exec.group + 1);
}

function setOutbound(ctx: Ctx, id: string): void {
  const exec = stepsExec(ctx, id);
  const node = ctx.node(id);
  let last: string | undefined;
  for (let i = Math.min(exec.group, (exec.template.steps ?? []).length - 1); i >= 0; i--) {
    const candidate = ctx.id(groupName(ctx, id, i));
    if (ctx.maybeNode(candidate) !== undefined) {
      last = candidate;
      break;
    }
  }
  if (last === undefined) return;
  node.outboundNodes = (ctx.node(last).children ?? []).flatMap((child) => outboundOf(ctx, child));
}

function stepsFailed(ctx: Ctx, id: string, message: string): void {
  const exec = stepsExec(ctx, id);
  setOutbound(ctx, id);
  exec.finished = true;
  killDaemons(ctx, id);
  finish(ctx, id, 'Failed', message);
}

function stepsErrored(ctx: Ctx, id: string, message: string): void {
  const exec = stepsExec(ctx, id);
  exec.finished = true;
  killDaemons(ctx, id);
  finish(ctx, id, 'Error', message, message);
}

function completeSteps(ctx: Ctx, id: string): void {
  const exec = stepsExec(ctx, id);
  setOutbound(ctx, id);
  const { scope } = varsOf(ctx, id);
  let outputs: ReturnType<typeof templateOutputs>;
  try {
    outputs = templateOutputs(
      ctx,
      exec.template,
      { vars: scope, template: exec.template, artifact: (key) => scope.artifact(key) },
      ctx,
    );
  } catch (error) {
    if (!(error instanceof TemplateRunError)) throw error;
    stepsErrored(ctx, id, error.message);
    return;
  }
  const node = ctx.node(id);
  if (outputs !== undefined) {
    node.outputs = outputs;
    publishGlobalOutputs(ctx, outputs);
  }
  exec.finished = true;
  killDaemons(ctx, id);
  if (isFulfilled(node)) return;
  finish(ctx, id, 'Succeeded');
}

/** Template-level failFast: a child failed and nothing runs any more, so the Steps node fails now. */
export function failStepsFast(ctx: Ctx, id: string): void {
  const exec = ctx.state.exec[id]?.steps;
  if (exec === undefined || exec.finished) return;
  const message = 'template has failed or errored children and failFast enabled';
  setPhase(ctx, ctx.id(groupName(ctx, id, exec.group)), 'Failed', message);
  stepsFailed(ctx, id, message);
}
