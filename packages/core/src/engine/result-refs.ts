// Which steps or tasks a template reads `outputs.result` of (Argo's hasOutputResultRef): only their pods keep
// their standard output as `outputs.result`.
import type { Template } from '../spec/model';

/** Names whose `outputs.result` the template references (`steps.x.outputs.result`, `tasks['x'].outputs.result`). */
export function resultRefsOf(template: Template, prefix: 'steps' | 'tasks'): string[] {
  const json = JSON.stringify(template);
  const names = new Set<string>();
  for (const match of json.matchAll(
    new RegExp(`${prefix}\\.([^.\\s"'\\]\\[{}]+)\\.outputs\\.result`, 'gu'),
  )) {
    names.add(match[1] as string);
  }
  for (const match of json.matchAll(
    new RegExp(`${prefix}\\[\\\\?['"]([^'"\\\\]+)\\\\?['"]\\]\\.outputs.result`, 'gu'),
  )) {
    names.add(match[1] as string);
  }
  return [...names];
}
