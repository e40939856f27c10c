import type { LifecycleHook, Template, TemplateRef } from '../spec/model/template';
import type { ManifestView } from './manifest-view';
import type { TemplateRefResolution, TemplateRegistry } from './registry';

/** What a call site's `template`, `templateRef` or `inline` leads to. */
export type CallTarget =
  | { readonly status: 'found'; readonly template: Template }
  | { readonly status: 'dynamic' }
  | { readonly status: 'missing-local'; readonly name: string }
  | { readonly status: 'missing-ref'; readonly ref: TemplateRef; readonly resolution: TemplateRefResolution }
  | { readonly status: 'none' }
  | { readonly status: 'several' };

/** Resolves where a step, task or hook goes, without reporting anything. */
export function resolveCall(
  view: ManifestView,
  registry: TemplateRegistry,
  call: LifecycleHook & { inline?: Template },
): CallTarget {
  const given = [call.template, call.templateRef, call.inline].filter((x) => x !== undefined).length;
  if (given === 0) return { status: 'none' };
  if (given > 1) return { status: 'several' };
  if (call.inline) return { status: 'found', template: call.inline };
  if (call.template !== undefined) {
    if (call.template.includes('{{')) return { status: 'dynamic' };
    const template = view.localTemplate(call.template);
    return template ? { status: 'found', template } : { status: 'missing-local', name: call.template };
  }
  const ref = call.templateRef!;
  if ((ref.name ?? '').includes('{{') || (ref.template ?? '').includes('{{')) return { status: 'dynamic' };
  const resolution = registry.resolveRef(ref);
  if (resolution.status === 'found') return { status: 'found', template: resolution.resolved.template };
  return { status: 'missing-ref', ref, resolution };
}
