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

function visibleChildren(nodes: Readonly<Record<string, NodeStatus>>, node: NodeStatus): NodeStatus[] {
  const out: NodeStatus[] = [];
  for (const id of node.children ?? []) {
    const child = nodes[id];
    if (child === undefined) continue;
    if (FOLDED.has(child.type)) out.push(...visibleChildren(nodes, child));
    else out.push(child);
  }
  return out;
}

function rows(nodes: Readonly<Record<string, NodeStatus>>, root: NodeStatus): Row[] {
  const out: Row[] = [{ node: root, prefix: '' }];
  const walk = (node: NodeStatus, indent: string) => {
    const children = visibleChildren(nodes, node);
    children.forEach((child, index) => {
      const last = index === children.length - 1;
      out.push({ node: child, prefix: `${indent}${last ? '└─' : '├─'}` });
      walk(child, `${indent}${last ? '  ' : '│ '}`);
    });
  };
  walk(root, '');
  return out;
}

function roots(nodes: Readonly<Record<string, NodeStatus>>): NodeStatus[] {
  const children = new Set(Object.values(nodes).flatMap((n) => n.children ?? []));
  return Object.values(nodes)
    .filter((n) => !children.has(n.id))
    .sort((a, b) => String(a.startedAt ?? '').localeCompare(String(b.startedAt ?? '')));
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
