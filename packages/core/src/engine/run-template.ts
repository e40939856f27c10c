// Starting the node of a template by its type (Argo's switch at the end of executeTemplate).
import type { Template } from '../spec/model';
import type { Ctx } from './context';
import { startDag } from './dag';
import { errorNode, type LaunchResult, nodeBase } from './execute';
import { finish } from './lifecycle';
import type { ExecRequest } from './model';
import { initNode, setPhase } from './nodes';
import { launchPod } from './pod';
import { startSteps } from './steps';
import { startSuspend } from './suspend';
import { nodeTypeOf, templateType } from './templates';

/** Create (or reuse, after waiting for a lock) the node and start it; `executionDeadline` comes from retries. */
export function startRun(
  ctx: Ctx,
  req: ExecRequest,
  template: Template,
  executionDeadline: number | undefined,
): LaunchResult {
  const type = templateType(template);
  if (type === undefined) {
    const message = `Template '${template.name ?? ''}' missing specification`;
    return { node: errorNode(ctx, req, message), error: message };
  }
  const id = ctx.id(req.nodeName);
  const nodeType = nodeTypeOf(type);
  const existing = ctx.maybeNode(id);
  const initial = type === 'steps' || type === 'dag' ? 'Running' : 'Pending';
  if (existing === undefined) initNode(ctx, nodeBase(req, nodeType, initial, template));
  else if (initial === 'Running') setPhase(ctx, id, 'Running');
  const exec = ctx.exec(id);
  if (req.onExit) exec.onExit = true;
  switch (type) {
    case 'resource':
      finish(ctx, id, 'Error', 'resource templates need Kubernetes; run this workflow on a cluster');
      return { node: id };
    case 'plugin':
      finish(
        ctx,
        id,
        'Error',
        'executor plugin templates need the Argo agent; run this workflow on a cluster',
      );
      return { node: id };
    case 'suspend': {
      const problem = startSuspend(ctx, id, req, template);
      if (problem !== undefined) {
        setPhase(ctx, id, 'Error', problem);
        return { node: id, error: problem };
      }
      return { node: id };
    }
    case 'steps':
      startSteps(ctx, id, req, template);
      return { node: id };
    case 'dag':
      startDag(ctx, id, req, template);
      return { node: id };
    default:
      launchPod(ctx, id, req, template, type, executionDeadline);
      return { node: id };
  }
}
