import { distance } from 'fastest-levenshtein';

/** Every result a `depends` operand may name, as `task.Result`. */
export const TASK_RESULTS = [
  'Succeeded',
  'Failed',
  'Errored',
  'Skipped',
  'Omitted',
  'Daemoned',
  'AnySucceeded',
  'AllFailed',
] as const;

/** One of the task results of TASK_RESULTS. */
export type TaskResult = (typeof TASK_RESULTS)[number];

/** The results computed from a looped task's children rather than from its own phase. */
export const AGGREGATE_RESULTS: readonly TaskResult[] = ['AnySucceeded', 'AllFailed'];

/** Whether `word` is exactly (case included) a task result. */
export function isTaskResult(word: string): word is TaskResult {
  return (TASK_RESULTS as readonly string[]).includes(word);
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/** The task result a misspelt `word` most likely meant (`Succeded`, `succeeded`, `Fail`), if any. */
export function suggestTaskResult(word: string): TaskResult | undefined {
  const lower = word.toLowerCase();
  const candidates = TASK_RESULTS.map((result) => {
    const target = result.toLowerCase();
    return { result, distance: distance(lower, target), prefix: commonPrefix(lower, target) };
  });
  const exact = candidates.find((c) => c.distance === 0);
  if (exact) return exact.result;
  const nearest = [...candidates].sort((a, b) => a.distance - b.distance || b.prefix - a.prefix)[0];
  if (nearest && nearest.distance <= 2) return nearest.result;
  // Abbreviations and other spellings of the same stem: Fail, Error, Skip, Success.
  const stem = [...candidates].sort((a, b) => b.prefix - a.prefix || a.distance - b.distance);
  const best = stem[0];
  if (best && best.prefix >= 3 && best.prefix > (stem[1]?.prefix ?? 0)) return best.result;
  return nearest && nearest.distance <= 3 ? nearest.result : undefined;
}
