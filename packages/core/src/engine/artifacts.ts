// Resolving `from` / `fromExpression` of artifacts to the stored artifact they name (Argo's resolveArtifact).
import { evaluate, expandEnv, referencedVariables } from '../expr/expr-lang';
import type { Artifact, Template } from '../spec/model';
import type { Ctx } from './context';
import { TemplateRunError } from './errors';
import type { NodeArtifact } from './model';
import { type EvalContext, LENIENT, parseCached, substituteString } from './substitute';
import type { Variables } from './variables';

/** Where artifact references point: a step/task scope, the template's inputs, the workflow's outputs. */
export interface ArtifactScope {
  readonly vars: Variables;
  /** `steps.x.outputs.artifacts.a` / `tasks.x.…` → the artifact, if produced. */
  artifact(key: string): Record<string, unknown> | undefined;
  readonly template?: Template;
}

function lookupArtifact(ctx: Ctx, scope: ArtifactScope, key: string): Record<string, unknown> | undefined {
  const fromScope = scope.artifact(key);
  if (fromScope !== undefined) return fromScope;
  const input = /^inputs\.artifacts\.(.+)$/u.exec(key);
  if (input !== null) {
    const found = scope.template?.inputs?.artifacts?.find((a) => a.name === input[1]);
    return found === undefined ? undefined : { ...found };
  }
  const global = /^workflow\.outputs\.artifacts\.(.+)$/u.exec(key);
  if (global !== null) {
    const found = ctx.state.status.outputs?.artifacts?.find((a) => a.name === global[1]);
    return found === undefined ? undefined : { ...found };
  }
  return undefined;
}

function fromExpression(ctx: Ctx, scope: ArtifactScope, source: string, context: EvalContext): unknown {
  const ast = parseCached(source);
  const flat: Record<string, unknown> = {};
  for (const ref of referencedVariables(ast)) {
    scope.vars.collect(ref.path, flat);
    for (let i = ref.path.length; i >= 3; i--) {
      const key = ref.path.slice(0, i).join('.');
      const artifact = lookupArtifact(ctx, scope, key);
      if (artifact !== undefined) {
        flat[key] = artifact;
        break;
      }
    }
  }
  try {
    return evaluate(ast, expandEnv(flat), { now: () => new Date(context.now) });
  } catch {
    throw new TemplateRunError(`Invalid expression: ${JSON.stringify(source)}`);
  }
}

/** The artifact `art.from` / `art.fromExpression` names, renamed to `art.name`; undefined without a reference. */
export function resolveArtifact(
  ctx: Ctx,
  art: Artifact,
  scope: ArtifactScope,
  context: EvalContext,
): NodeArtifact | undefined {
  if (art.from === undefined && art.fromExpression === undefined) return undefined;
  let value: unknown;
  let tag: string;
  if (art.fromExpression !== undefined) {
    tag = art.fromExpression;
    value = fromExpression(ctx, scope, art.fromExpression, context);
  } else {
    tag = (art.from ?? '').replace(/^\{\{/u, '').replace(/\}\}$/u, '').trim();
    value = tag.startsWith('=')
      ? fromExpression(ctx, scope, tag.slice(1), context)
      : lookupArtifact(ctx, scope, tag);
  }
  if (value === undefined || value === null)
    throw new TemplateRunError(`Unable to resolve: ${JSON.stringify(tag)}`);
  if (typeof value !== 'object') throw new TemplateRunError(`Variable {{${tag}}} is not an artifact`);
  const resolved: NodeArtifact = { ...(value as NodeArtifact), name: art.name };
  delete resolved.globalName;
  if (art.subPath !== undefined && art.subPath !== '') {
    const sub = substituteString(art.subPath, scope.vars, LENIENT, context);
    if (resolved.key !== undefined) resolved.key = `${resolved.key.replace(/\/$/u, '')}/${sub}`;
    else if (art.optional !== true)
      throw new TemplateRunError(`artifact ${art.name} has no key to append a subPath to`);
  }
  if (art.optional === true) resolved.optional = true;
  return resolved;
}

/** Resolve the `from` artifacts of a list of arguments; optional ones that cannot be found are dropped. */
export function resolveArgumentArtifacts(
  ctx: Ctx,
  artifacts: readonly Artifact[] | undefined,
  scope: ArtifactScope,
  context: EvalContext,
  wrap: (message: string) => string,
): Artifact[] | undefined {
  if (artifacts === undefined) return undefined;
  const out: Artifact[] = [];
  for (const art of artifacts) {
    if (art.from === undefined && art.fromExpression === undefined) {
      out.push(art);
      continue;
    }
    try {
      const resolved = resolveArtifact(ctx, art, scope, context);
      if (resolved !== undefined) out.push(resolved as unknown as Artifact);
    } catch (error) {
      if (art.optional === true) continue;
      throw new TemplateRunError(wrap(error instanceof Error ? error.message : String(error)));
    }
  }
  return out;
}
