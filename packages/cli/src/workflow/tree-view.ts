// The node tree of a workflow as `argo get` and `argo watch` draw it: one row per node, children indented
// under their parent, step and task groups folded into their children.
import { type NodeStatus, podNameOf } from '@slipway/core';
import pc from 'picocolors';

/** The part of a workflow's status the tree needs. */
export interface TreeStatus {
  readonly phase?: string;
  readonly message?: string;
  readonly startedAt?: string | null;
  readonly finishedAt?: string | null;
  readonly progress?: string;
  readonly nodes?: Readonly<Record<string, NodeStatus>>;
}

const ICONS: Record<string, string> = {
  Succeeded: '✔',
  Failed: '✖',
  Error: '⚠',
  Running: '●',
  Pending: '◷',
  Skipped: '○',
  Omitted: '○',
};

const FOLDED = new Set(['StepGroup', 'TaskGroup']);

function paint(phase: string, text: string, color: boolean): string {
  if (!color) return text;
  if (phase === 'Succeeded') return pc.green(text);
  if (phase === 'Failed' || phase === 'Error') return pc.red(text);
  if (phase === 'Running') return pc.cyan(text);
  return pc.dim(text);
}

/** Seconds (or minutes and seconds) between two RFC 3339 times; up to `now` while still running. */
export function formatDuration(
  startedAt: string | null | undefined,
  finishedAt: string | null | undefined,
  now: number,
): string {
  if (!startedAt) return '';
  const end = finishedAt ? Date.parse(finishedAt) : now;
  const ms = Math.max(0, end - Date.parse(startedAt));
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)}s`;
  const seconds = Math.round(ms / 1000);
  return seconds < 60
    ? `${seconds}s`
    : `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
}

interface Row {
  readonly node: NodeStatus;
  readonly prefix: string;
}

type Nodes = Readonly<Record<string, NodeStatus>>;

/** Who lists each node among its children. */
function parents(nodes: Nodes): Map<string, NodeStatus> {
  const out = new Map<string, NodeStatus>();
  for (const node of Object.values(nodes)) for (const child of node.children ?? []) out.set(child, node);
  return out;
}

function isAttempt(node: NodeStatus, parent: NodeStatus | undefined): boolean {
  return parent?.type === 'Retry' && node.name.startsWith(`${parent.name}(`);
}

function byStart(a: NodeStatus, b: NodeStatus): number {
  return String(a.startedAt ?? '~').localeCompare(String(b.startedAt ?? '~')) || a.name.localeCompare(b.name);
}

/**
 * What is drawn under a node, as `argo get` does: a steps or DAG node shows every step or task of its boundary
 * (groups folded away, so later steps are siblings rather than children of earlier ones); any other node shows its
 * own children (a Retry node its attempts).
 */
function shownChildren(nodes: Nodes, parentOf: Map<string, NodeStatus>, node: NodeStatus): NodeStatus[] {
  if (node.type === 'Steps' || node.type === 'DAG')
    return Object.values(nodes)
      .filter((m) => m.boundaryID === node.id && !FOLDED.has(m.type) && !isAttempt(m, parentOf.get(m.id)))
      .sort(byStart);
  const out: NodeStatus[] = [];
  for (const id of node.children ?? []) {
    const child = nodes[id];
    if (child !== undefined && !FOLDED.has(child.type) && child.boundaryID !== node.boundaryID)
      out.push(child);
    else if (child !== undefined && isAttempt(child, node)) out.push(child);
  }
  return out.sort(byStart);
}

function rows(nodes: Nodes, root: NodeStatus): Row[] {
  const parentOf = parents(nodes);
  const out: Row[] = [{ node: root, prefix: '' }];
  const walk = (node: NodeStatus, indent: string) => {
    const children = shownChildren(nodes, parentOf, node);
    children.forEach((child, index) => {
      const last = index === children.length - 1;
      out.push({ node: child, prefix: `${indent}${last ? '└─' : '├─'}` });
      walk(child, `${indent}${last ? '  ' : '│ '}`);
    });
  };
  walk(root, '');
  return out;
}

function roots(nodes: Nodes): NodeStatus[] {
  const children = new Set(Object.values(nodes).flatMap((n) => n.children ?? []));
  return Object.values(nodes)
    .filter((n) => !children.has(n.id))
    .sort(byStart);
}

/** The tree as lines: a header, one row per node, then the workflow's phase and message. */
export function renderTree(
  name: string,
  status: TreeStatus,
  options: { now: number; color: boolean },
): string[] {
  const nodes = status.nodes ?? {};
  const table = roots(nodes).flatMap((root) => rows(nodes, root));
  const cells = table.map(({ node, prefix }) => [
    `${prefix}${ICONS[node.phase] ?? '?'} ${node.displayName}`,
    node.templateName ?? node.templateRef?.template ?? '',
    node.type === 'Pod' ? podNameOf(name, node.name, node.templateName ?? '') : '',
    formatDuration(node.startedAt, node.finishedAt, options.now),
    node.message ?? '',
  ]);
  const header = ['STEP', 'TEMPLATE', 'PODNAME', 'DURATION', 'MESSAGE'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => [...c[i]!].length)));
  const line = (c: string[]) =>
    c
      .map((cell, i) => (i === c.length - 1 ? cell : cell + ' '.repeat(widths[i]! - [...cell].length)))
      .join('  ')
      .trimEnd();
  const phase = status.phase ?? 'Pending';
  const summary = [
    `Name:      ${name}`,
    `Status:    ${paint(phase, phase, options.color)}${status.message ? ` (${status.message})` : ''}`,
    `Duration:  ${formatDuration(status.startedAt, status.finishedAt, options.now)}`,
    `Progress:  ${status.progress ?? ''}`,
  ];
  return [
    ...summary,
    '',
    line(header),
    ...cells.map((c, i) => paint(table[i]!.node.phase, line(c), options.color)),
  ];
}
