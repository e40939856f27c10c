import { didYouMean } from '../../diagnostics/suggest';
import type { Arguments } from '../../spec/model/parameters';
import type { Invocation, LifecycleHook, Template } from '../../spec/model/template';
import type { LintContext } from '../context';
import { allTemplates, callSitesOf, type ManifestView } from '../manifest-view';
import { specOf } from '../registry';
import { resolveCall } from '../resolve-call';

/** Steps, tasks and hooks call templates that exist, pass what those declare, and miss nothing required. */
export function checkInvocations(ctx: LintContext, view: ManifestView): void {
  for (const template of allTemplates(view.spec)) {
    for (const site of callSitesOf(template)) {
      const call: LifecycleHook & Partial<Invocation> = site.call;
      const target = resolveCall(view, ctx.registry, call);
      const what = site.kind === 'hook' ? `hook \`${site.hookName}\`` : `${site.kind} \`${site.call.name}\``;
      switch (target.status) {
        case 'none':
          ctx.report(
            view.loaded,
            'error',
            'SLIPWAY_LINT_NO_TEMPLATE',
            `${what} must name a \`template\`, a \`templateRef\` or an \`inline\` template`,
            {
              parent: call,
            },
          );
          break;
        case 'several':
          ctx.report(
            view.loaded,
            'error',
            'SLIPWAY_LINT_NO_TEMPLATE',
            `${what} names more than one of \`template\`, \`templateRef\` and \`inline\``,
            {
              parent: call,
            },
          );
          break;
        case 'missing-local':
          ctx.report(
            view.loaded,
            'error',
            'SLIPWAY_LINT_UNKNOWN_TEMPLATE',
            `${what} calls template \`${target.name}\`, which this ${view.loaded.manifest.kind} does not define`,
            { parent: call, key: 'template' },
            didYouMean(target.name, view.localTemplateNames()),
          );
          break;
        case 'missing-ref':
          reportMissingRef(ctx, view, call, what, target.resolution);
          break;
        case 'found':
          checkArguments(ctx, view, what, call, target.template);
          break;
        case 'dynamic':
          break;
      }
    }
  }
  checkEntrypointArguments(ctx, view);
}

function reportMissingRef(
  ctx: LintContext,
  view: ManifestView,
  call: LifecycleHook,
  what: string,
  resolution: ReturnType<LintContext['registry']['resolveRef']>,
): void {
  const ref = call.templateRef!;
  if (resolution.status === 'no-manifest') {
    const kind = resolution.clusterScope ? 'ClusterWorkflowTemplate' : 'WorkflowTemplate';
    ctx.report(
      view.loaded,
      'error',
      'SLIPWAY_LINT_UNRESOLVED_TEMPLATE_REF',
      `${what} uses templateRef \`${resolution.name}/${ref.template ?? ''}\`, but no ${kind} named \`${resolution.name}\` is among the files given; lint the files together or add it`,
      { parent: ref, key: 'name' },
      didYouMean(resolution.name, ctx.registry.manifestNames(resolution.clusterScope)),
    );
  } else if (resolution.status === 'no-template') {
    const names = (specOf(resolution.owner)?.templates ?? []).flatMap((t) => (t.name ? [t.name] : []));
    ctx.report(
      view.loaded,
      'error',
      'SLIPWAY_LINT_UNRESOLVED_TEMPLATE_REF',
      `${what} uses templateRef \`${ref.name ?? ''}/${resolution.template}\`, but ${resolution.owner.manifest.kind} \`${ref.name ?? ''}\` has no template \`${resolution.template}\``,
      { parent: ref, key: 'template' },
      didYouMean(resolution.template, names),
    );
  }
}

/** Arguments passed that the template does not declare, and required inputs not passed (Argo #1574, #4326). */
function checkArguments(
  ctx: LintContext,
  view: ManifestView,
  what: string,
  call: { arguments?: Arguments },
  target: Template,
): void {
  const declaredParams = new Map((target.inputs?.parameters ?? []).map((p) => [p.name, p]));
  const declaredArtifacts = new Map((target.inputs?.artifacts ?? []).map((a) => [a.name, a]));
  const targetName = target.name ? `\`${target.name}\`` : 'the inline template';
  const passedParams = new Set<string>();
  for (const param of call.arguments?.parameters ?? []) {
    passedParams.add(param.name);
    if (!declaredParams.has(param.name)) {
      ctx.report(
        view.loaded,
        'warning',
        'SLIPWAY_LINT_UNDECLARED_ARGUMENT',
        `${what} passes parameter \`${param.name}\`, but template ${targetName} declares no such input; the value is dropped`,
        { parent: param, key: 'name' },
        didYouMean(param.name, declaredParams.keys()),
      );
    }
  }
  const passedArtifacts = new Set<string>();
  for (const artifact of call.arguments?.artifacts ?? []) {
    passedArtifacts.add(artifact.name);
    if (!declaredArtifacts.has(artifact.name)) {
      ctx.report(
        view.loaded,
        'warning',
        'SLIPWAY_LINT_UNDECLARED_ARGUMENT',
        `${what} passes artifact \`${artifact.name}\`, but template ${targetName} declares no such input; it is dropped`,
        { parent: artifact, key: 'name' },
        didYouMean(artifact.name, declaredArtifacts.keys()),
      );
    }
  }
  for (const [name, param] of declaredParams) {
    if (passedParams.has(name) || param.value !== undefined || param.default !== undefined || param.valueFrom)
      continue;
    ctx.report(
      view.loaded,
      'error',
      'SLIPWAY_LINT_MISSING_ARGUMENT',
      `${what} does not pass parameter \`${name}\`, which template ${targetName} requires (no value or default)`,
      { parent: call.arguments ?? call },
    );
  }
  for (const [name, artifact] of declaredArtifacts) {
    if (passedArtifacts.has(name) || artifact.optional || hasLocation(artifact)) continue;
    ctx.report(
      view.loaded,
      'error',
      'SLIPWAY_LINT_MISSING_ARGUMENT',
      `${what} does not pass artifact \`${name}\`, which template ${targetName} requires (not optional, no source)`,
      { parent: call.arguments ?? call },
    );
  }
}

function hasLocation(artifact: object): boolean {
  return ['s3', 'gcs', 'git', 'http', 'artifactory', 'hdfs', 'oss', 'azure', 'raw', 'plugin', 'from'].some(
    (key) => key in artifact,
  );
}

/** The entrypoint's inputs are filled from `spec.arguments` by name. */
function checkEntrypointArguments(ctx: LintContext, view: ManifestView): void {
  const { spec, loaded } = view;
  if (loaded.manifest.kind !== 'Workflow' || !spec.entrypoint) return;
  const entry = view.localTemplate(spec.entrypoint);
  if (!entry) return;
  const supplied = new Set([
    ...(spec.arguments?.parameters ?? []).map((p) => p.name),
    ...(view.referencedSpec?.arguments?.parameters ?? []).map((p) => p.name),
  ]);
  for (const param of entry.inputs?.parameters ?? []) {
    if (
      supplied.has(param.name) ||
      param.value !== undefined ||
      param.default !== undefined ||
      param.valueFrom
    )
      continue;
    ctx.report(
      loaded,
      'error',
      'SLIPWAY_LINT_MISSING_ARGUMENT',
      `entrypoint \`${spec.entrypoint}\` requires parameter \`${param.name}\`: declare it under \`spec.arguments.parameters\` or give it a default`,
      { parent: param, key: 'name' },
    );
  }
}
