// Creating nodes and changing their phase exactly once per change, keeping the counters that replace Argo's
// scans of every node (active pods, active children per boundary, progress, failures).
import { rfc3339 } from './clock';
import type { Ctx } from './context';
import type { NodePhase } from './contract';
import type { NodeInputsStatus, NodeStatus, NodeType, Role, TemplateHolder } from './model';

/** Argo's NodePhase.Fulfilled (with the task result synced): finished, skipped or omitted. */
export function isFulfilledPhase(phase: NodePhase): boolean {
  return (
    phase === 'Succeeded' ||
    phase === 'Failed' ||
    phase === 'Error' ||
    phase === 'Skipped' ||
    phase === 'Omitted'
  );
}

/** Argo's NodeStatus.Fulfilled: a fulfilled phase, or a daemon that is past Pending. */
export function isFulfilled(node: NodeStatus): boolean {
  return isFulfilledPhase(node.phase) || (node.daemoned === true && node.phase !== 'Pending');
}

/** Argo's Completed: Succeeded, Failed or Error (a Skipped node did not complete). */
export function isCompleted(phase: NodePhase): boolean {
  return phase === 'Succeeded' || phase === 'Failed' || phase === 'Error';
}

/** Failed or Error. */
export function failedOrError(phase: NodePhase): boolean {
  return phase === 'Failed' || phase === 'Error';
}

// Node types whose progress is their own ("0/1" → "1/1"); Argo sums the others from their children.
const EXECUTABLE: ReadonlySet<NodeType> = new Set(['Pod', 'HTTP', 'Plugin', 'Container', 'Suspend']);
/** Whether a node's progress is its own (a pod, container, suspend or HTTP node) rather than a sum. */
export function isExecutable(type: NodeType): boolean {
  return EXECUTABLE.has(type);
}

// Node types that count against parallelism and failFast of their boundary.
const COUNTED: ReadonlySet<NodeType> = new Set(['Pod', 'Steps', 'DAG']);

function isActive(phase: NodePhase): boolean {
  return phase === 'Pending' || phase === 'Running';
}

function countsAsActivePod(node: NodeStatus): boolean {
  return node.type === 'Pod' && isActive(node.phase) && node.synchronizationStatus?.waiting === undefined;
}

/** Apply `sign` (+1 when a node enters, -1 when it leaves) for every counter the node is part of. */
function count(ctx: Ctx, node: NodeStatus, sign: 1 | -1): void {
  const counters = ctx.state.counters;
  if (countsAsActivePod(node)) {
    counters.activePods += sign;
    if (sign < 0) ctx.capacityFreed = true;
  }
  const boundary = node.boundaryID;
  if (boundary !== undefined && COUNTED.has(node.type)) {
    if (isActive(node.phase)) {
      counters.activeChildren[boundary] = (counters.activeChildren[boundary] ?? 0) + sign;
      if (sign < 0) ctx.capacityFreed = true;
    }
    if (failedOrError(node.phase)) {
      counters.unsuccessful[boundary] = (counters.unsuccessful[boundary] ?? 0) + sign;
    }
  }
}

/** What a new node is. */
export interface NewNode {
  name: string;
  type: NodeType;
  phase: NodePhase;
  boundaryId: string;
  parent: string;
  role: Role;
  holder?: TemplateHolder;
  scope?: string;
  hooked?: boolean;
  retried?: boolean;
  message?: string;
  inputs?: NodeInputsStatus;
  displayName?: string;
}

// Argo strips a leading `[i].` or `.` from the name relative to the boundary.
const SEPARATOR = /^(\[\d+\])?\./u;

/** Create a node (Argo's initializeNode) with its engine record; returns its id. */
export function initNode(ctx: Ctx, spec: NewNode): NodeStatus {
  const id = ctx.id(spec.name);
  if (ctx.state.status.nodes[id] !== undefined)
    throw new Error(`engine bug: node ${spec.name} already exists`);
  let displayName = spec.name;
  const boundary = spec.boundaryId === '' ? undefined : ctx.maybeNode(spec.boundaryId);
  if (boundary !== undefined) {
    displayName = spec.name.startsWith(boundary.name) ? spec.name.slice(boundary.name.length) : spec.name;
    displayName = displayName.replace(SEPARATOR, '');
  }
  const node: NodeStatus = {
    id,
    name: spec.name,
    displayName: spec.displayName ?? displayName,
    type: spec.type,
    phase: spec.phase,
    startedAt: rfc3339(ctx.now),
    finishedAt: null,
  };
  if (spec.holder?.templateRef !== undefined) node.templateRef = spec.holder.templateRef;
  else if (spec.holder?.template !== undefined && spec.holder.template !== '') {
    node.templateName = spec.holder.template;
  }
  if (spec.scope !== undefined) node.templateScope = spec.scope;
  if (spec.boundaryId !== '') node.boundaryID = spec.boundaryId;
  if (spec.message !== undefined && spec.message !== '') node.message = spec.message;
  if (spec.inputs !== undefined) node.inputs = spec.inputs;
  if (spec.hooked === true || spec.retried === true) {
    node.nodeFlag = {};
    if (spec.hooked === true) node.nodeFlag.hooked = true;
    if (spec.retried === true) node.nodeFlag.retried = true;
  }
  if (isFulfilledPhase(node.phase)) node.finishedAt = node.startedAt;
  if (EXECUTABLE.has(node.type)) {
    node.progress = '0/1';
    ctx.state.counters.progressTotal++;
    if (node.phase === 'Succeeded' || node.phase === 'Skipped' || node.phase === 'Omitted') {
      node.progress = '1/1';
      ctx.state.counters.progressDone++;
    }
  }
  ctx.state.status.nodes[id] = node;
  ctx.state.exec[id] = { parent: spec.parent, role: spec.role };
  count(ctx, node, 1);
  if (failedOrError(node.phase)) ctx.state.counters.failed.push(id);
  return node;
}

/**
 * Change a node's phase (Argo's markNodePhase): finishedAt when it becomes fulfilled, progress, counters, and
 * the message when one is given. Does not notify anyone; see `lifecycle.ts`.
 */
export function setPhase(ctx: Ctx, id: string, phase: NodePhase, message?: string): NodeStatus {
  const node = ctx.node(id);
  if (node.phase !== phase) {
    count(ctx, node, -1);
    const wasFailed = failedOrError(node.phase);
    node.phase = phase;
    count(ctx, node, 1);
    if (!wasFailed && failedOrError(phase)) ctx.state.counters.failed.push(id);
    if (
      EXECUTABLE.has(node.type) &&
      node.progress === '0/1' &&
      (phase === 'Succeeded' || phase === 'Skipped' || phase === 'Omitted')
    ) {
      node.progress = '1/1';
      ctx.state.counters.progressDone++;
    }
  }
  if (message !== undefined) {
    if (message === '') delete node.message;
    else node.message = message;
  }
  if (isFulfilled(node) && node.finishedAt === null && isFulfilledPhase(node.phase)) {
    node.finishedAt = rfc3339(ctx.now);
  }
  return node;
}

/** Mark that a node waits for a lock (it then does not count as an active pod), or no longer waits. */
export function setWaiting(ctx: Ctx, id: string, lock: string | undefined, message?: string): void {
  const node = ctx.node(id);
  count(ctx, node, -1);
  if (lock === undefined) delete node.synchronizationStatus;
  else node.synchronizationStatus = { waiting: lock };
  count(ctx, node, 1);
  if (message !== undefined) {
    if (message === '') delete node.message;
    else node.message = message;
  }
}

/** Append a child link (callers never add the same link twice). */
export function addChild(ctx: Ctx, parentId: string, childId: string): void {
  const parent = ctx.node(parentId);
  if (parent.children === undefined) parent.children = [childId];
  else parent.children.push(childId);
}

/** Argo's getOutboundNodes: the nodes the next step or dependent task hangs from. */
export function outboundOf(ctx: Ctx, id: string): string[] {
  const node = ctx.node(id);
  switch (node.type) {
    case 'Skipped':
    case 'Suspend':
    case 'HTTP':
    case 'Plugin':
      return [id];
    case 'Pod':
      if (ctx.state.exec[id]?.pod?.containerSet !== true) return [id];
      return containerOutbound(ctx, node);
    case 'Container':
    case 'TaskGroup':
      return containerOutbound(ctx, node);
    case 'Retry': {
      const last = node.children?.at(-1);
      return last === undefined ? [] : [last];
    }
    default:
      return (node.outboundNodes ?? []).flatMap((child) => outboundOf(ctx, child));
  }
}

function containerOutbound(ctx: Ctx, node: NodeStatus): string[] {
  const children = node.children ?? [];
  if (children.length === 0) return [node.id];
  const out: string[] = [];
  for (const childId of children) {
    const child = ctx.node(childId);
    if (node.type === 'Container' && child.boundaryID !== node.boundaryID) out.push(node.id);
    else out.push(...outboundOf(ctx, childId));
  }
  return out;
}
