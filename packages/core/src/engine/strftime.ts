// `workflow.creationTimestamp.<char>`: the strftime characters Argo supports (util/strftime), in UTC.
import { formatGoLayout } from '../expr/expr-lang/time';

/** The characters of Argo's util/strftime and the Go layout each stands for. */
const STRFTIME_LAYOUTS: Readonly<Record<string, string>> = {
  B: 'January',
  b: 'Jan',
  m: '01',
  A: 'Monday',
  a: 'Mon',
  d: '02',
  H: '15',
  I: '03',
  M: '04',
  S: '05',
  Y: '2006',
  y: '06',
  p: 'PM',
  Z: 'MST',
  z: '-0700',
  L: '.000',
};

/** `workflow.creationTimestamp.<char>` for every supported character. */
export function strftimeVariables(ms: number): Record<string, string> {
  const date = new Date(Math.floor(ms / 1000) * 1000);
  const out: Record<string, string> = {};
  for (const [char, layout] of Object.entries(STRFTIME_LAYOUTS)) {
    out[char] = formatGoLayout(date, layout);
  }
  return out;
}
