import { InvalidReferenceError, parseImageReference } from '@slipway/oci';
import type { Container } from '../../spec/model/k8s';
import type { Template } from '../../spec/model/template';
import type { LintContext } from '../context';
import { allTemplates, type ManifestView } from '../manifest-view';
import { walkStrings } from '../string-walk';

/** The mistakes that YAML and Argo accept silently: folded scripts, stray quotes, floating image tags. */
export function checkTraps(ctx: LintContext, view: ManifestView): void {
  for (const template of allTemplates(view.spec)) {
    checkFoldedScript(ctx, view, template);
    for (const container of containersOf(template)) checkImage(ctx, view, container);
  }
  checkStrayQuotes(ctx, view);
}

function checkFoldedScript(ctx: LintContext, view: ManifestView, template: Template): void {
  const script = template.script;
  if (!script) return;
  const source = ctx.sourceMap.get(script, 'source');
  if (source?.style !== 'folded') return;
  const text = ctx.load.texts.get(source.range.file);
  const lines = text ? blockLines(text, source.range.start.line) : [];
  if (lines.length < 2) return;
  const commands = lines.map((line) => line.split(/\s+/).slice(0, 2).join(' '));
  ctx.report(
    view.loaded,
    'warning',
    'SLIPWAY_LINT_FOLDED_SCRIPT',
    `script \`source\` of template \`${template.name ?? ''}\` is a folded block (\`>\`): its ${lines.length} lines are joined with spaces into ONE shell command (\`${commands[0]} … ${commands[1]} …\`)`,
    { parent: script, key: 'source' },
    'use a literal block (`|`) so each line runs as its own command',
  );
}

/** The non-empty content lines of the block scalar whose header is on `headerLine`: those indented deeper. */
function blockLines(text: string, headerLine: number): string[] {
  const all = text.split('\n');
  const header = all[headerLine - 1] ?? '';
  const keyIndent = header.length - header.trimStart().length;
  const lines: string[] = [];
  for (const line of all.slice(headerLine)) {
    const content = line.trim();
    if (content !== '' && line.length - line.trimStart().length <= keyIndent) break;
    if (content !== '' && !content.startsWith('#')) lines.push(content);
  }
  return lines;
}

function containersOf(template: Template): Container[] {
  return [
    ...(template.container ? [template.container] : []),
    ...(template.script ? [template.script] : []),
    ...(template.containerSet?.containers ?? []),
    ...(template.sidecars ?? []),
    ...(template.initContainers ?? []),
  ];
}

function checkImage(ctx: LintContext, view: ManifestView, container: Container): void {
  const image = container.image;
  if (image === undefined || image.includes('{{')) return;
  try {
    const ref = parseImageReference(image);
    if (ref.digest) return;
    if (ref.tag === undefined || ref.tag === 'latest') {
      const why = ref.tag === undefined ? 'has no tag, so it means `latest`' : 'uses the `latest` tag';
      ctx.report(
        view.loaded,
        'warning',
        'SLIPWAY_LINT_IMAGE_TAG',
        `image \`${image}\` ${why}, which changes under you: runs are not repeatable`,
        { parent: container, key: 'image' },
        'pin a version tag or a digest (`@sha256:…`)',
      );
    }
  } catch (error) {
    if (!(error instanceof InvalidReferenceError)) throw error;
    ctx.report(view.loaded, 'error', error.code, error.message, { parent: container, key: 'image' });
  }
}

function checkStrayQuotes(ctx: LintContext, view: ManifestView): void {
  walkStrings(view.spec, (parent, key, text) => {
    const last = text.at(-1);
    if (last !== '"' && last !== "'") return;
    if (ctx.sourceMap.get(parent, key)?.style !== 'plain') return;
    const count = [...text].filter((c) => c === last).length;
    if (count % 2 === 0) return;
    ctx.report(
      view.loaded,
      'warning',
      'SLIPWAY_LINT_STRAY_QUOTE',
      `the value \`${text}\` ends with a ${last === '"' ? 'double' : 'single'} quote that has no opening quote: it is part of the value`,
      { parent, key },
      `write \`${text.slice(0, -1)}\` or quote the whole value`,
    );
  });
}
