import type { Invocation, Template } from '../spec/model';
import { resolveArgumentArtifacts } from './artifacts';
import type { Ctx } from './context';
import { markAbsentArguments } from './hooks';
import { shouldExecute, shouldExpand, whenOutcome } from './loops';
import type { ScopeVariables } from './scope-vars';
import { STEP_TASK_REFS, substituteDeep, substituteString } from './substitute';
import type { Variables } from './variables';

/**
 * Argo's resolveReferences for a step and resolveDependencyReferences for a DAG task, which do the same:
 * `when` first (a false one stops there, the rest left as written), then the whole invocation, then the
 * `from` artifacts. Hooks are left unsubstituted: they resolve when they fire. `wrap` words artifact errors.
 */
export function resolveInvocation<T extends Invocation>(
  ctx: Ctx,
  invocation: T,
  where: { scope: ScopeVariables; vars: Variables; template: Template | undefined },
  wrap: (message: string) => string,
): T {
  const { scope, vars, template } = where;
  const { hooks, ...rest } = invocation;
  if (invocation.when !== undefined && invocation.when !== '') {
    const when = substituteString(invocation.when, vars, STEP_TASK_REFS, ctx);
    const outcome = whenOutcome(when);
    if (outcome === undefined && !shouldExpand(invocation)) shouldExecute(when);
    if (outcome === false) return { ...invocation, when };
  }
  let resolved = rest as T;
  const args = markAbsentArguments(rest.arguments, vars);
  if (args !== undefined) resolved = { ...resolved, arguments: args };
  resolved = substituteDeep(resolved, vars, STEP_TASK_REFS, ctx);
  const artifacts = resolveArgumentArtifacts(
    ctx,
    resolved.arguments?.artifacts,
    { vars, ...(template ? { template } : {}), artifact: (key) => scope.artifact(key) },
    ctx,
    wrap,
  );
  if (artifacts !== undefined) resolved = { ...resolved, arguments: { ...resolved.arguments, artifacts } };
  return hooks === undefined ? resolved : { ...resolved, hooks };
}
