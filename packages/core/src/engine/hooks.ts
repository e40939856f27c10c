// Lifecycle hooks and exit handlers of steps and tasks (Argo's executeTmplLifeCycleHook and runOnExitNode):
// a hook starts once, when its expression first holds; an exit handler starts when its node completes.
import type { Arguments, Invocation, LifecycleHook } from '../spec/model';
import { type ArtifactScope, resolveArgumentArtifacts } from './artifacts';
import type { Ctx } from './context';
import { TemplateRunError } from './errors';
import { type LaunchResult, launch } from './execute';
import type { ExecRequest, NodeOutputsStatus, NodeStatus } from './model';
import { ABSENT_ARGUMENT } from './process-args';
import { evaluateWith, LENIENT, substituteDeep } from './substitute';
import { LayeredVariables, MapVariables, type Variables } from './variables';

/**
 * The exit hook of a step, task or workflow: `onExit`, else `hooks.exit`. Like Argo's GetExitHook, it gets the
 * workflow's arguments when it declares none.
 */
export function exitHookOf(
  invocation: Pick<Invocation, 'onExit' | 'hooks'>,
  workflowArgs: Arguments | undefined,
): LifecycleHook | undefined {
  if (invocation.onExit !== undefined && invocation.onExit !== '') {
    return { template: invocation.onExit, arguments: workflowArgs ?? {} };
  }
  const hook = invocation.hooks?.exit;
  if (hook === undefined) return undefined;
  const empty =
    (hook.arguments?.parameters?.length ?? 0) === 0 && (hook.arguments?.artifacts?.length ?? 0) === 0;
  return empty ? { ...hook, arguments: workflowArgs ?? {} } : hook;
}

/** Replace arguments that are a pure reference to an absent optional by Argo's sentinel (markAbsentOptionalArgs). */
export function markAbsentArguments(args: Arguments | undefined, vars: Variables): Arguments | undefined {
  if (args?.parameters === undefined) return args;
  let changed = false;
  const parameters = args.parameters.map((param) => {
    const value = param.value;
    if (value === undefined || !value.startsWith('{{') || !value.endsWith('}}')) return param;
    const key = value.slice(2, -2).trim();
    if (key.includes('{{') || key.includes('}}') || vars.get(key) !== null) return param;
    changed = true;
    return { ...param, value: ABSENT_ARGUMENT };
  });
  return changed ? { ...args, parameters } : args;
}

/** Argo's resolveExitTmplArgument: the hooked node's outputs join the scope, then the arguments are substituted. */
function resolveHookArguments(
  ctx: Ctx,
  args: Arguments | undefined,
  prefix: 'steps' | 'tasks',
  name: string,
  outputs: NodeOutputsStatus | undefined,
  scope: ArtifactScope,
): Arguments {
  const own: Record<string, string> = {};
  for (const param of outputs?.parameters ?? [])
    own[`${prefix}.${name}.outputs.parameters.${param.name}`] = param.value ?? '';
  const vars = new LayeredVariables(new MapVariables(own), scope.vars);
  const marked = markAbsentArguments(args ?? {}, vars) ?? {};
  const substituted = substituteDeep(marked, vars, LENIENT, ctx);
  const artifacts = resolveArgumentArtifacts(
    ctx,
    substituted.artifacts,
    {
      vars,
      template: scope.template,
      artifact: (key) => {
        const match = /\.outputs\.artifacts\.(.+)$/u.exec(key);
        if (key.startsWith(`${prefix}.${name}.`) && match !== null) {
          const found = outputs?.artifacts?.find((a) => a.name === match[1]);
          if (found !== undefined) return { ...found };
        }
        return scope.artifact(key);
      },
    },
    ctx,
    (message) => `unable to resolve references: ${message}`,
  );
  return artifacts === undefined ? substituted : { ...substituted, artifacts };
}

/** Where hook and exit-handler nodes of a step or task go. */
export interface HookSite {
  readonly controller: string;
  readonly boundaryId: string;
  readonly scope: string;
  readonly prefix: 'steps' | 'tasks';
  /** The step or task name (its `steps.<name>` / `tasks.<name>`). */
  readonly name: string;
  readonly vars: Variables;
  readonly artifacts: ArtifactScope;
}

/** A hook or exit handler that was started (its node name, to wait for it). */
export interface StartedHook {
  readonly name: string;
  readonly result: LaunchResult;
}

/** Launches a hook of `node` (a lifecycle hook or its exit handler) with its arguments resolved. */
function launchHook(
  ctx: Ctx,
  hook: LifecycleHook,
  node: NodeStatus,
  site: HookSite,
  nodeName: string,
  role: ExecRequest['role'],
  onExit: boolean,
): StartedHook {
  const args = resolveHookArguments(
    ctx,
    hook.arguments,
    site.prefix,
    site.name,
    node.outputs,
    site.artifacts,
  );
  const req: ExecRequest = {
    nodeName,
    parent: site.controller,
    role,
    boundaryId: site.boundaryId,
    holder: { template: hook.template, templateRef: hook.templateRef },
    scope: site.scope,
    args,
    onExit,
    hooked: true,
  };
  return { name: nodeName, result: launch(ctx, req) };
}

/**
 * Start the hooks of `node` whose expression now holds and that have not started yet. Throws TemplateRunError
 * for a hook without expression or whose expression fails, as Argo returns those errors.
 */
export function startHooks(
  ctx: Ctx,
  hooks: Record<string, LifecycleHook> | undefined,
  node: NodeStatus,
  site: HookSite,
): StartedHook[] {
  const started: StartedHook[] = [];
  for (const hookName of Object.keys(hooks ?? {}).sort()) {
    if (hookName === 'exit') continue;
    const hook = hooks?.[hookName] as LifecycleHook;
    const nodeName = `${node.name}.hooks.${hookName}`;
    if (ctx.maybeNode(ctx.id(nodeName)) !== undefined) continue;
    if (hook.expression === undefined || hook.expression === '') {
      throw new TemplateRunError(`Expression required for hook ${nodeName}`);
    }
    let value: unknown;
    try {
      value = evaluateWith(hook.expression, site.vars, ctx);
    } catch (error) {
      throw new TemplateRunError(
        `unable to evaluate expression '${hook.expression}': ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (typeof value !== 'boolean') {
      throw new TemplateRunError(`unable to cast expression result '${String(value)}' to bool`);
    }
    if (!value) continue;
    started.push(
      launchHook(ctx, hook, node, site, nodeName, { k: 'hook', of: node.id, hook: hookName }, false),
    );
  }
  return started;
}

/** Start the exit handler of a completed step or task, if it has one. */
export function startExitHandler(
  ctx: Ctx,
  invocation: Invocation,
  node: NodeStatus,
  site: HookSite,
): StartedHook | undefined {
  const shutdown = ctx.state.run.shutdown;
  if (shutdown === 'Terminate') return undefined;
  const hook = exitHookOf(invocation, ctx.state.spec.arguments);
  if (hook === undefined) return undefined;
  const nodeName = `${node.name}.onExit`;
  if (ctx.maybeNode(ctx.id(nodeName)) !== undefined) return undefined;
  if (hook.expression !== undefined && hook.expression !== '') {
    const value = evaluateWith(hook.expression, site.vars, ctx);
    if (value !== true) return undefined;
  }
  return launchHook(ctx, hook, node, site, nodeName, { k: 'exit', of: node.id }, true);
}
