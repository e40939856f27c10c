import { checkWhenTemplate } from '../../expr/when';
import type { LintContext } from '../context';
import { allTemplates, callSitesOf, type ManifestView } from '../manifest-view';

/** Every step's and task's `when` parses as a govaluate condition, tags standing for any value. */
export function checkConditions(ctx: LintContext, view: ManifestView): void {
  for (const template of allTemplates(view.spec)) {
    for (const site of callSitesOf(template)) {
      if (site.kind === 'hook') continue;
      const when = site.call.when;
      if (when === undefined) continue;
      const result = checkWhenTemplate(when);
      if (result.ok) continue;
      ctx.reportInValue(
        view.loaded,
        'error',
        result.error.code,
        `invalid \`when\`: ${result.error.message}`,
        {
          parent: site.call,
          key: 'when',
          value: when,
          offset: result.error.offset,
          length: Math.max(1, result.error.length),
        },
      );
    }
  }
}
