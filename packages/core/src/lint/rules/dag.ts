import { didYouMean } from '../../diagnostics/suggest';
import type { DAGTask, Template } from '../../spec/model/template';
import type { LintContext } from '../context';
import { buildDagGraph } from '../dag-graph';
import { allTemplates, type ManifestView } from '../manifest-view';
import { analyseDepends } from '../task-dependencies';

const TASK_NAME = /^[a-zA-Z0-9][-a-zA-Z0-9_]*$/;

/** Task names, `depends`/`dependencies` (syntax, unknown tasks, both at once), cycles and `target`. */
export function checkDags(ctx: LintContext, view: ManifestView): void {
  for (const template of allTemplates(view.spec)) {
    if (template.dag) checkDag(ctx, view, template, template.dag.tasks);
    if (template.steps) checkStepNames(ctx, view, template);
  }
}

function checkDag(ctx: LintContext, view: ManifestView, template: Template, tasks: readonly DAGTask[]): void {
  const { loaded } = view;
  const names = new Set<string>();
  for (const task of tasks) {
    if (names.has(task.name)) {
      ctx.report(
        loaded,
        'error',
        'SLIPWAY_LINT_DUPLICATE_TASK',
        `task name \`${task.name}\` is used twice in this DAG`,
        {
          parent: task,
          key: 'name',
        },
      );
    }
    names.add(task.name);
    if (!task.name.includes('{{') && !TASK_NAME.test(task.name)) {
      ctx.report(
        loaded,
        'error',
        'SLIPWAY_LINT_TASK_NAME',
        `task name \`${task.name}\` must be letters, digits, '-' and '_', starting with a letter or digit`,
        { parent: task, key: 'name' },
      );
    }
  }
  for (const task of tasks) {
    if (task.depends !== undefined && task.dependencies !== undefined) {
      ctx.report(
        loaded,
        'error',
        'SLIPWAY_LINT_DEPENDS_AND_DEPENDENCIES',
        `task \`${task.name}\` uses both \`depends\` and \`dependencies\`; keep one (\`depends\` can say everything \`dependencies\` does)`,
        { parent: task, key: 'depends', keyOnly: true },
      );
    }
    task.dependencies?.forEach((dep, index) => {
      if (!names.has(dep)) {
        ctx.report(
          loaded,
          'error',
          'SLIPWAY_LINT_UNKNOWN_TASK',
          `task \`${task.name}\` depends on \`${dep}\`, which is not a task of this DAG`,
          { parent: task.dependencies!, key: index },
          didYouMean(dep, names),
        );
      }
      if (dep === task.name) selfDependency(ctx, view, task);
    });
    if (task.depends !== undefined) {
      const parsed = analyseDepends(task.depends);
      if (!parsed.ok) {
        ctx.reportInValue(
          loaded,
          'error',
          parsed.error.code,
          `invalid \`depends\`: ${parsed.error.message}`,
          {
            parent: task,
            key: 'depends',
            value: task.depends,
            offset: parsed.error.offset,
            length: Math.max(1, parsed.error.length),
          },
        );
      } else {
        for (const ref of parsed.tasks) {
          if (!names.has(ref.name)) {
            ctx.reportInValue(
              loaded,
              'error',
              'SLIPWAY_LINT_UNKNOWN_TASK',
              `task \`${task.name}\` depends on \`${ref.name}\`, which is not a task of this DAG`,
              { parent: task, key: 'depends', value: task.depends, offset: ref.offset, length: ref.length },
              didYouMean(ref.name, names),
            );
          }
        }
      }
    }
  }
  const graph = buildDagGraph(tasks);
  for (const cycle of graph.cycles) {
    const first = graph.tasks.get(cycle[0]!);
    if (!first) continue;
    if (cycle.length === 2) continue; // a task depending on itself is reported as such
    ctx.report(
      loaded,
      'error',
      'SLIPWAY_LINT_DAG_CYCLE',
      `dependency cycle in template \`${template.name ?? ''}\`: ${cycle.join(' → ')}`,
      { parent: first, key: first.depends !== undefined ? 'depends' : 'dependencies' },
    );
  }
  for (const task of tasks) {
    if (graph.direct.get(task.name)?.includes(task.name) && task.dependencies === undefined)
      selfDependency(ctx, view, task);
  }
  const target = template.dag?.target;
  if (target !== undefined) {
    for (const name of target.split(' ')) {
      if (name === '' || name.includes('{{') || names.has(name)) continue;
      ctx.report(
        loaded,
        'error',
        'SLIPWAY_LINT_UNKNOWN_TASK',
        `dag target \`${name}\` is not a task of this DAG`,
        { parent: template.dag!, key: 'target' },
        didYouMean(name, names),
      );
    }
  }
}

function selfDependency(ctx: LintContext, view: ManifestView, task: DAGTask): void {
  ctx.report(view.loaded, 'error', 'SLIPWAY_LINT_DAG_CYCLE', `task \`${task.name}\` depends on itself`, {
    parent: task,
    key: task.depends !== undefined ? 'depends' : 'dependencies',
  });
}

function checkStepNames(ctx: LintContext, view: ManifestView, template: Template): void {
  const names = new Set<string>();
  for (const group of template.steps ?? []) {
    for (const step of group) {
      if (step.name === undefined || step.name === '') {
        ctx.report(view.loaded, 'error', 'SLIPWAY_LINT_STEP_NAME', 'every step needs a `name`', {
          parent: step,
        });
        continue;
      }
      if (names.has(step.name)) {
        ctx.report(
          view.loaded,
          'error',
          'SLIPWAY_LINT_DUPLICATE_STEP',
          `step name \`${step.name}\` is used twice in template \`${template.name ?? ''}\``,
          { parent: step, key: 'name' },
        );
      }
      names.add(step.name);
    }
  }
}
