import { didYouMean } from '../../diagnostics/suggest';
import { TEMPLATE_TYPES } from '../../spec/model/template';
import type { LintContext } from '../context';
import { allTemplates, type ManifestView, templateTypes } from '../manifest-view';

const TEMPLATE_NAME = /^[a-zA-Z0-9][-a-zA-Z0-9]*$/;

/** Entrypoint, workflowTemplateRef, onExit and hooks resolve; template names are unique; one type per template. */
export function checkStructure(ctx: LintContext, view: ManifestView): void {
  const { loaded, spec } = view;
  const kind = loaded.manifest.kind;
  checkWorkflowTemplateRef(ctx, view);
  const needsEntrypoint = kind === 'Workflow' || kind === 'CronWorkflow';
  if (spec.entrypoint === undefined) {
    // An entrypoint that was written but is not a string has had its own type error already.
    const written = ctx.sourceMap.get(spec, 'entrypoint') !== undefined;
    if (needsEntrypoint && !spec.workflowTemplateRef && !written) {
      ctx.report(
        loaded,
        'error',
        'SLIPWAY_LINT_NO_ENTRYPOINT',
        '`spec.entrypoint` is required: name the template to start with',
        {
          parent: spec,
        },
      );
    }
  } else if (
    !spec.entrypoint.includes('{{') &&
    !view.localTemplate(spec.entrypoint) &&
    !spec.workflowTemplateRef
  ) {
    ctx.report(
      loaded,
      'error',
      'SLIPWAY_LINT_UNKNOWN_ENTRYPOINT',
      `entrypoint \`${spec.entrypoint}\` is not a template of this ${kind}`,
      { parent: spec, key: 'entrypoint' },
      didYouMean(spec.entrypoint, view.localTemplateNames()),
    );
  }
  if (spec.onExit !== undefined && !view.localTemplate(spec.onExit) && !spec.workflowTemplateRef) {
    ctx.report(
      loaded,
      'error',
      'SLIPWAY_LINT_UNKNOWN_TEMPLATE',
      `onExit template \`${spec.onExit}\` is not a template of this ${kind}`,
      { parent: spec, key: 'onExit' },
      didYouMean(spec.onExit, view.localTemplateNames()),
    );
  }
  checkTemplateNames(ctx, view);
  for (const template of allTemplates(spec)) {
    const types = templateTypes(template);
    const label = template.name ? `template \`${template.name}\`` : 'this template';
    if (types.length === 0) {
      ctx.report(
        loaded,
        'error',
        'SLIPWAY_LINT_TEMPLATE_TYPE',
        `${label} has no type: give it one of ${TEMPLATE_TYPES.join(', ')}`,
        { parent: template, key: 'name' },
      );
    } else if (types.length > 1) {
      ctx.report(
        loaded,
        'error',
        'SLIPWAY_LINT_TEMPLATE_TYPE',
        `${label} has several types (${types.join(', ')}); a template has exactly one`,
        { parent: template, key: types[1], keyOnly: true },
      );
    }
  }
  checkDeprecated(ctx, view);
}

function checkWorkflowTemplateRef(ctx: LintContext, view: ManifestView): void {
  const ref = view.spec.workflowTemplateRef;
  if (!ref || view.referencedSpec) return;
  const scope = ref.clusterScope ? 'ClusterWorkflowTemplate' : 'WorkflowTemplate';
  ctx.report(
    view.loaded,
    'error',
    'SLIPWAY_LINT_UNRESOLVED_TEMPLATE_REF',
    `workflowTemplateRef names ${scope} \`${ref.name ?? ''}\`, which is not among the files given; lint it together with this file`,
    { parent: ref, key: 'name' },
    didYouMean(ref.name ?? '', ctx.registry.manifestNames(ref.clusterScope === true)),
  );
}

function checkTemplateNames(ctx: LintContext, view: ManifestView): void {
  const seen = new Set<string>();
  for (const template of view.spec.templates ?? []) {
    const name = template.name;
    if (name === undefined || name === '') {
      ctx.report(view.loaded, 'error', 'SLIPWAY_LINT_TEMPLATE_NAME', 'every template needs a `name`', {
        parent: template,
      });
      continue;
    }
    if (seen.has(name)) {
      ctx.report(
        view.loaded,
        'error',
        'SLIPWAY_LINT_DUPLICATE_TEMPLATE',
        `template name \`${name}\` is used twice`,
        {
          parent: template,
          key: 'name',
        },
      );
    }
    seen.add(name);
    if (!TEMPLATE_NAME.test(name) || name.length > 128) {
      ctx.report(
        view.loaded,
        'error',
        'SLIPWAY_LINT_TEMPLATE_NAME',
        `template name \`${name}\` must be letters, digits and '-', start with a letter or digit, at most 128 characters`,
        { parent: template, key: 'name' },
      );
    }
  }
}

function checkDeprecated(ctx: LintContext, view: ManifestView): void {
  const { loaded, spec } = view;
  const sync = [spec.synchronization, ...allTemplates(spec).map((t) => t.synchronization)];
  for (const s of sync) {
    if (s?.mutex) {
      ctx.report(
        loaded,
        'warning',
        'SLIPWAY_LINT_DEPRECATED',
        '`synchronization.mutex` is deprecated since Argo 3.6: use `mutexes: [...]`',
        {
          parent: s,
          key: 'mutex',
          keyOnly: true,
        },
      );
    }
    if (s?.semaphore) {
      ctx.report(
        loaded,
        'warning',
        'SLIPWAY_LINT_DEPRECATED',
        '`synchronization.semaphore` is deprecated since Argo 3.6: use `semaphores: [...]`',
        { parent: s, key: 'semaphore', keyOnly: true },
      );
    }
  }
  const manifest = loaded.manifest;
  if (manifest.kind === 'CronWorkflow') {
    const cron = manifest.spec;
    if (cron.schedule !== undefined) {
      ctx.report(
        loaded,
        'warning',
        'SLIPWAY_LINT_DEPRECATED',
        '`schedule` is deprecated since Argo 3.6: use `schedules: [...]`',
        {
          parent: cron,
          key: 'schedule',
          keyOnly: true,
        },
      );
    }
    if (cron.schedule === undefined && (cron.schedules?.length ?? 0) === 0) {
      ctx.report(
        loaded,
        'error',
        'SLIPWAY_LINT_NO_SCHEDULE',
        'a CronWorkflow needs at least one entry in `schedules`',
        {
          parent: cron,
        },
      );
    }
  }
}
