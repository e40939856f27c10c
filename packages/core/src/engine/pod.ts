// Leaf nodes run by the executor (container, script, containerSet, data, http): the run-pod action with its
// deadline, then the node's phase and outputs from the pod's exit, as Argo's pod reconciliation sets them.
import type { Template } from '../spec/model';
import { parseArgoDuration, rfc3339 } from './clock';
import type { Ctx } from './context';
import type { PodExit, RunPodAction } from './contract';
import { podNameOf } from './ids';
import { finish, progress, report, startTimer } from './lifecycle';
import type { ExecRequest, NodeOutputsStatus } from './model';
import { addChild, initNode, isFulfilled, setPhase } from './nodes';
import { LENIENT, substituteString } from './substitute';
import { publishGlobalOutputs } from './template-outputs';
import { MapVariables } from './variables';

/** Argo's getStepOrDAGTaskName: the step or task name inside a node name (`.fanout(0:1)(0)` → `fanout`). */
function stepOrTaskName(nodeName: string): string {
  let name = nodeName;
  let opener = '';
  for (let i = name.length - 1; i >= 0; i--) {
    const ch = name[i] as string;
    if (ch === opener) opener = '';
    else if (opener !== '') continue;
    else if (ch === ')') opener = '(';
    else if (ch === ']') opener = '[';
    else {
      name = name.slice(0, i + 1);
      break;
    }
  }
  const dot = name.lastIndexOf('.');
  return dot >= 0 ? name.slice(dot + 1) : name;
}

function keepsResult(ctx: Ctx, req: ExecRequest, kind: string): boolean {
  if (kind === 'data' || kind === 'http') return true;
  if (req.boundaryId === '') return false;
  const boundary = ctx.state.exec[req.boundaryId];
  const refs = boundary?.steps?.resultRefs ?? boundary?.dag?.resultRefs ?? [];
  return refs.includes(stepOrTaskName(req.nodeName));
}

function intOrString(value: number | string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/** The pod's deadline: the earliest of the workflow's, the template's activeDeadlineSeconds and timeout, maxDuration. */
function podDeadline(ctx: Ctx, template: Template, onExit: boolean, executionDeadline: number | undefined) {
  const candidates: number[] = [];
  if (!onExit && ctx.state.run.deadline !== undefined) candidates.push(ctx.state.run.deadline);
  const ads = intOrString(template.activeDeadlineSeconds);
  if (ads !== undefined) candidates.push(ctx.now + ads * 1000);
  if (template.timeout !== undefined && template.timeout !== '') {
    const timeout = parseArgoDuration(template.timeout);
    if (timeout !== undefined) candidates.push(ctx.now + timeout);
  }
  if (executionDeadline !== undefined) candidates.push(executionDeadline);
  return candidates.length === 0 ? undefined : Math.min(...candidates);
}

function inputArtifacts(template: Template): RunPodAction['inputArtifacts'] {
  return (template.inputs?.artifacts ?? []).map((art) => {
    const raw = art as typeof art & { key?: string };
    const out: RunPodAction['inputArtifacts'][number] = { name: art.name, path: art.path ?? '' };
    const mutable = out as { -readonly [K in keyof typeof out]: (typeof out)[K] };
    if (raw.key !== undefined) mutable.key = raw.key;
    if (art.git !== undefined)
      mutable.git = {
        repo: art.git.repo,
        ...(art.git.revision === undefined ? {} : { revision: art.git.revision }),
      };
    if (art.raw !== undefined) mutable.raw = art.raw.data;
    const http = art.http as { url?: string } | undefined;
    if (http?.url !== undefined) mutable.http = { url: http.url };
    if (art.optional === true) mutable.optional = true;
    return out;
  });
}

// Kubernetes' rule for object names (a DNS-1123 subdomain). Locally a claim is a directory named after it, so
// the rule also keeps a claim inside the volumes directory.
const CLAIM_NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

function volumes(ctx: Ctx): RunPodAction['volumes'] | { readonly error: string } {
  const spec = ctx.state.spec;
  // Argo substitutes the workflow's parameters in its volumes (the second seed names its claim after a parameter).
  const globals = new MapVariables(ctx.state.globals);
  const resolve = (text: string) => substituteString(text, globals, LENIENT, ctx);
  const out: { name: string; hostPath: string; readOnly?: boolean }[] = [];
  for (const claim of spec.volumeClaimTemplates ?? []) {
    const name = (claim as { metadata?: { name?: string } }).metadata?.name;
    // Argo names the claim made from a volumeClaimTemplate `<workflow>-<name>`: one per workflow run.
    if (name !== undefined) out.push({ name, hostPath: `pvc/${ctx.state.meta.name}-${name}` });
  }
  for (const volume of spec.volumes ?? []) {
    const v = volume as {
      name: string;
      hostPath?: { path?: string };
      persistentVolumeClaim?: { claimName?: string; readOnly?: boolean };
    };
    if (v.hostPath?.path !== undefined) out.push({ name: v.name, hostPath: resolve(v.hostPath.path) });
    else if (v.persistentVolumeClaim?.claimName !== undefined) {
      const claimName = resolve(v.persistentVolumeClaim.claimName);
      if (!CLAIM_NAME.test(claimName))
        return {
          error: `volume ${JSON.stringify(v.name)}: claimName ${JSON.stringify(claimName)} is not a valid PersistentVolumeClaim name (lowercase letters, digits, '-' and '.')`,
        };
      out.push({
        name: v.name,
        hostPath: `pvc/${claimName}`,
        ...(v.persistentVolumeClaim.readOnly === true ? { readOnly: true } : {}),
      });
    }
  }
  return out;
}

/**
 * Argo gives every pod the workflow's `volumes`. Claims and host paths travel as `RunPodAction.volumes`;
 * emptyDirs, ConfigMaps and Secrets are made for each pod, so they join the template's own volumes (which win
 * on a name clash).
 */
function withWorkflowPodVolumes(ctx: Ctx, template: Template): Template {
  const own = new Set((template.volumes ?? []).map((v) => v.name));
  const perPod = (ctx.state.spec.volumes ?? []).filter(
    (v) =>
      (v.emptyDir !== undefined || v.configMap !== undefined || v.secret !== undefined) && !own.has(v.name),
  );
  if (perPod.length === 0) return template;
  return { ...template, volumes: [...(template.volumes ?? []), ...perPod] };
}

/** Start a leaf node's pod (the node exists, Pending). */
export function launchPod(
  ctx: Ctx,
  id: string,
  req: ExecRequest,
  template: Template,
  kind: string,
  executionDeadline: number | undefined,
): void {
  const node = ctx.node(id);
  const exec = ctx.exec(id);
  const onExit = req.onExit;
  const podName = podNameOf(ctx.wf, node.name, req.holder.templateRef?.template ?? req.holder.template ?? '');
  const deadline = podDeadline(ctx, template, onExit, executionDeadline);
  exec.pod = {
    podName,
    outputs: template.outputs,
    keepResult: keepsResult(ctx, req, kind),
    onExit,
    daemon: template.daemon === true,
    containerSet: kind === 'containerSet',
    ...(deadline === undefined ? {} : { deadline }),
  };
  if (kind === 'containerSet') {
    for (const container of template.containerSet?.containers ?? []) {
      initNode(ctx, {
        name: `${node.name}.${container.name}`,
        type: 'Container',
        phase: 'Pending',
        boundaryId: id,
        parent: id,
        role: { k: 'container' },
        holder: req.holder,
        scope: req.scope,
      });
    }
    for (const container of template.containerSet?.containers ?? []) {
      const child = ctx.id(`${node.name}.${container.name}`);
      const deps = container.dependencies ?? [];
      if (deps.length === 0) addChild(ctx, id, child);
      for (const dep of deps) addChild(ctx, ctx.id(`${node.name}.${dep}`), child);
    }
  }
  const shutdown = ctx.state.run.shutdown;
  if (shutdown === 'Terminate' || (shutdown === 'Stop' && !onExit)) {
    failContainers(ctx, id, `workflow shutdown with strategy: ${shutdown}`);
    finish(ctx, id, 'Failed', `workflow shutdown with strategy: ${shutdown}`);
    return;
  }
  if (!onExit && ctx.state.run.deadlinePassed) {
    failContainers(ctx, id, 'Step exceeded its deadline');
    finish(ctx, id, 'Failed', 'Step exceeded its deadline');
    return;
  }
  const podVolumes = volumes(ctx);
  if ('error' in podVolumes) {
    failContainers(ctx, id, podVolumes.error);
    finish(ctx, id, 'Error', podVolumes.error);
    return;
  }
  ctx.state.counters.livePods[id] = true;
  const action: RunPodAction = {
    type: 'run-pod',
    workflowName: ctx.wf,
    nodeId: id,
    podName,
    template: withWorkflowPodVolumes(ctx, template),
    inputArtifacts: inputArtifacts(template),
    volumes: podVolumes,
    ...((template.serviceAccountName ?? ctx.state.spec.serviceAccountName)
      ? { serviceAccountName: template.serviceAccountName ?? ctx.state.spec.serviceAccountName }
      : {}),
    ...((template.podSpecPatch ?? ctx.state.spec.podSpecPatch)
      ? { podSpecPatch: template.podSpecPatch ?? ctx.state.spec.podSpecPatch }
      : {}),
    ...(deadline === undefined ? {} : { deadline }),
  };
  ctx.emit(action);
  // The workflow's own deadline has its timer (and message); pods only need one for an earlier deadline.
  const workflowDeadline = onExit ? undefined : ctx.state.run.deadline;
  if (deadline !== undefined && (workflowDeadline === undefined || deadline < workflowDeadline)) {
    startTimer(ctx, 'deadline', id, deadline);
  }
}

function failContainers(ctx: Ctx, id: string, message: string): void {
  for (const child of Object.values(ctx.state.status.nodes[id]?.children ?? [])) {
    failContainerTree(ctx, child, message);
  }
}

function failContainerTree(ctx: Ctx, id: string, message: string): void {
  const node = ctx.maybeNode(id);
  if (node === undefined || node.type !== 'Container' || isFulfilled(node)) return;
  setPhase(ctx, id, 'Failed', message);
  for (const child of node.children ?? []) failContainerTree(ctx, child, message);
}

/** The executor started the pod. */
export function podStarted(ctx: Ctx, id: string, podIP: string | undefined): void {
  const node = ctx.maybeNode(id);
  const exec = ctx.state.exec[id];
  if (node === undefined || exec?.pod === undefined || isFulfilled(node)) return;
  if (podIP !== undefined && podIP !== '') node.podIP = podIP;
  if (node.phase === 'Pending') {
    if (node.message !== undefined) delete node.message;
    progress(ctx, id, 'Running');
    for (const child of node.children ?? []) {
      const container = ctx.maybeNode(child);
      if (container?.type === 'Container' && container.phase === 'Pending') setPhase(ctx, child, 'Running');
    }
  }
  if (exec.pod.daemon && node.daemoned !== true) {
    node.daemoned = true;
    const boundary = node.boundaryID === undefined ? undefined : ctx.state.exec[node.boundaryID];
    if (boundary !== undefined) boundary.daemons = [...(boundary.daemons ?? []), id];
    report(ctx, id, true);
  }
}

function outputsOf(exit: PodExit, exec: NonNullable<ReturnType<Ctx['exec']>['pod']>) {
  const outputs: NodeOutputsStatus = {};
  let missing: string | undefined;
  const declared = exec.outputs;
  if (declared?.parameters !== undefined && declared.parameters.length > 0) {
    outputs.parameters = [];
    for (const param of declared.parameters) {
      const found = exit.parameters?.find((p) => p.name === param.name);
      if (found?.value !== undefined) outputs.parameters.push({ ...param, value: found.value });
      else if (param.valueFrom?.default !== undefined)
        outputs.parameters.push({ ...param, value: param.valueFrom.default });
      else if (param.value !== undefined) outputs.parameters.push({ ...param });
      else {
        outputs.parameters.push({ ...param });
        missing ??= `failed to save outputs: open ${param.valueFrom?.path ?? param.name}: no such file or directory`;
      }
    }
  }
  const produced = exit.artifacts ?? [];
  if ((declared?.artifacts?.length ?? 0) > 0 || produced.length > 0) {
    outputs.artifacts = [];
    for (const art of declared?.artifacts ?? []) {
      const found = produced.find((a) => a.name === art.name);
      if (found !== undefined) {
        outputs.artifacts.push({
          ...found,
          ...(art.path === undefined ? {} : { path: art.path }),
          ...(art.globalName === undefined ? {} : { globalName: art.globalName }),
        });
      } else if (art.optional !== true) {
        missing ??= `failed to save outputs: ${art.path ?? art.name}: no such file or directory`;
      }
    }
    for (const art of produced) {
      if (!declared?.artifacts?.some((a) => a.name === art.name)) outputs.artifacts.push({ ...art });
    }
    if (outputs.artifacts.length === 0) delete outputs.artifacts;
  }
  if (exec.keepResult && exit.result !== undefined) outputs.result = exit.result;
  if (exit.exitCode !== undefined) outputs.exitCode = String(exit.exitCode);
  return { outputs, missing };
}

/** The pod ended: set the node's phase, message and outputs as Argo's assessNodeStatus would. */
export function podExited(ctx: Ctx, exit: PodExit): void {
  const id = exit.nodeId;
  const node = ctx.maybeNode(id);
  const exec = ctx.state.exec[id]?.pod;
  if (node === undefined || exec === undefined) return;
  if (isFulfilledPhaseOf(node) && node.daemoned !== true) return;
  const { outputs, missing } = outputsOf(exit, exec);
  let phase: 'Succeeded' | 'Failed' | 'Error';
  let message: string | undefined;
  if (exit.error !== undefined) {
    phase = 'Error';
    message = exit.error;
  } else if (exit.deadlineExceeded === true) {
    phase = 'Failed';
    message = 'Pod was active on the node longer than the specified deadline';
  } else if (exit.exitCode === undefined) {
    phase = 'Error';
    message = 'pod ended without an exit code';
  } else if (exit.exitCode !== 0) {
    phase = 'Failed';
    const failing = exit.containers?.find((c) => c.exitCode !== undefined && c.exitCode !== 0);
    message = `${failing?.name ?? 'main'}: Error (exit code ${failing?.exitCode ?? exit.exitCode})`;
  } else if (missing !== undefined) {
    phase = 'Error';
    message = missing;
  } else if (exec.daemon) {
    phase = 'Failed';
  } else {
    phase = 'Succeeded';
  }
  if (Object.keys(outputs).length > 0) node.outputs = outputs;
  for (const container of exit.containers ?? []) settleContainer(ctx, node.name, container, phase);
  for (const child of node.children ?? []) settleRemainingContainers(ctx, child, phase, message);
  publishGlobalOutputs(ctx, node.outputs);
  finish(ctx, id, phase, message);
  node.finishedAt = rfc3339(Math.max(exit.finishedAt, Date.parse(node.startedAt ?? '') || 0));
}

function isFulfilledPhaseOf(node: { phase: string }): boolean {
  return ['Succeeded', 'Failed', 'Error', 'Skipped', 'Omitted'].includes(node.phase);
}

function settleContainer(
  ctx: Ctx,
  podNodeName: string,
  container: NonNullable<PodExit['containers']>[number],
  podPhase: string,
): void {
  const id = ctx.id(`${podNodeName}.${container.name}`);
  const node = ctx.maybeNode(id);
  if (node === undefined || isFulfilled(node)) return;
  if (container.exitCode === 0) setPhase(ctx, id, 'Succeeded');
  else if (container.exitCode === undefined) {
    setPhase(ctx, id, 'Failed', podPhase === 'Succeeded' ? undefined : 'Pod Failed whilst container running');
  } else {
    const message = `${container.name}: Error (exit code ${container.exitCode})${container.message === undefined ? '' : `: ${container.message}`}`;
    setPhase(ctx, id, container.exitCode === 64 ? 'Error' : 'Failed', message);
  }
}

function settleRemainingContainers(
  ctx: Ctx,
  id: string,
  podPhase: string,
  message: string | undefined,
): void {
  const node = ctx.maybeNode(id);
  if (node === undefined || node.type !== 'Container') return;
  if (!isFulfilled(node)) {
    setPhase(
      ctx,
      id,
      podPhase === 'Succeeded' ? 'Succeeded' : podPhase === 'Error' ? 'Error' : 'Failed',
      message,
    );
  }
  for (const child of node.children ?? []) settleRemainingContainers(ctx, child, podPhase, message);
}

/** Stop a running pod and fail its node with `message` (deadline, shutdown). */
export function killPod(ctx: Ctx, id: string, message: string, reason: string): void {
  const node = ctx.maybeNode(id);
  if (node === undefined || isFulfilledPhaseOf(node)) return;
  ctx.emit({ type: 'kill-pod', nodeId: id, reason });
  failContainers(ctx, id, message);
  delete node.daemoned;
  finish(ctx, id, 'Failed', message);
}

/** Stop the daemons of a boundary that completed (Argo's killDaemonedChildren: they end Succeeded). */
export function killDaemons(ctx: Ctx, boundaryId: string): void {
  const exec = ctx.state.exec[boundaryId];
  for (const id of exec?.daemons ?? []) {
    const node = ctx.maybeNode(id);
    if (node === undefined || node.daemoned !== true || isFulfilledPhaseOf(node)) continue;
    if (node.type === 'Pod') {
      ctx.emit({ type: 'kill-pod', nodeId: id, reason: 'daemon no longer needed: its template completed' });
    }
    delete node.daemoned;
    setPhase(ctx, id, 'Succeeded');
    delete ctx.state.counters.livePods[id];
  }
  if (exec !== undefined) delete exec.daemons;
}
