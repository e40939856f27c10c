import type { DependsNode } from './ast';

/** One reference to a task in a `depends` expression, located by the task name (without `.Result`). */
export interface DependsTaskReference {
  readonly name: string;
  readonly offset: number;
  readonly length: number;
}

/** Every task reference in source order, one entry per occurrence, for unknown-task and cycle checks. */
export function dependsTasks(ast: DependsNode): DependsTaskReference[] {
  const found: DependsTaskReference[] = [];
  const visit = (node: DependsNode): void => {
    switch (node.type) {
      case 'task':
        found.push({ name: node.name, offset: node.offset, length: node.nameLength });
        return;
      case 'not':
        visit(node.operand);
        return;
      case 'group':
        visit(node.expression);
        return;
      case 'and':
      case 'or':
        for (const operand of node.operands) visit(operand);
    }
  };
  visit(ast);
  return found;
}

/**
 * The `depends` equivalent of a legacy `dependencies` list: the names joined with `&&`. Each bare name then
 * means Succeeded || Skipped || Daemoned, widened by the depended-on task's continueOn, as in Argo.
 * An empty list gives an empty string, which means "no dependencies".
 */
export function dependenciesToDepends(names: readonly string[]): string {
  return names.join(' && ');
}
