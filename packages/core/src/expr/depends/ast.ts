import type { TaskResult } from './results';

/** Where a node sits in the expression text (UTF-16 code units). */
export interface DependsSpan {
  readonly offset: number;
  readonly length: number;
}

/** `task` or `task.Result`; `result` is undefined for a bare name. */
export interface DependsTask extends DependsSpan {
  readonly type: 'task';
  readonly name: string;
  readonly result: TaskResult | undefined;
  /** Length of the name alone (the span also covers `.Result`). */
  readonly nameLength: number;
}

/** `!operand`. */
export interface DependsNot extends DependsSpan {
  readonly type: 'not';
  readonly operand: DependsNode;
}

/** A chain of `&&` or of `||`, kept flat so long chains do not make a deep tree. */
export interface DependsChain extends DependsSpan {
  readonly type: 'and' | 'or';
  readonly operands: readonly DependsNode[];
}

/** A parenthesised expression. */
export interface DependsGroup extends DependsSpan {
  readonly type: 'group';
  readonly expression: DependsNode;
}

/** Any node of a parsed `depends` expression. */
export type DependsNode = DependsTask | DependsNot | DependsChain | DependsGroup;
