// govaluate turns a quoted string into a date when one of fourteen Go time layouts parses it, and from then
// on the literal is its Unix time in seconds. This is a matcher for exactly those layouts, following the
// leniencies of Go's time.Parse (runs of spaces, one- or two-digit hours, unrequested fractional seconds).
// Argo parses in the controller's local zone; Slipway assumes UTC, as in Argo's own container images.

type Element =
  | 'weekday'
  | 'month-name'
  | 'day-under'
  | 'day'
  | 'month'
  | 'year'
  | 'hour'
  | 'hour12'
  | 'minute'
  | 'second'
  | 'fraction'
  | 'pm'
  | 'zone-name'
  | 'offset'
  | 'offset-colon'
  | 'iso-offset'
  | 'iso-offset-colon'
  | { literal: string };

const DATE: Element[] = ['year', { literal: '-' }, 'month', { literal: '-' }, 'day'];
const HM: Element[] = ['hour', { literal: ':' }, 'minute'];
const HMS: Element[] = [...HM, { literal: ':' }, 'second'];
const T: Element = { literal: 'T' };
const SP: Element = { literal: ' ' };

// Same order as govaluate's tryParseTime; the first layout that parses wins.
const LAYOUTS: Element[][] = [
  ['weekday', SP, 'month-name', SP, 'day-under', SP, ...HMS, SP, 'year'],
  ['weekday', SP, 'month-name', SP, 'day-under', SP, ...HMS, SP, 'zone-name', SP, 'year'],
  ['weekday', SP, 'month-name', SP, 'day', SP, ...HMS, SP, 'offset', SP, 'year'],
  ['hour12', { literal: ':' }, 'minute', 'pm'],
  [...DATE, T, ...HMS, 'iso-offset-colon'],
  [...DATE, T, ...HMS, 'fraction', 'iso-offset-colon'],
  [...DATE],
  [...DATE, SP, ...HM],
  [...DATE, SP, ...HMS],
  [...DATE, SP, ...HMS, 'offset-colon'],
  [...DATE, T, 'hour', 'iso-offset'],
  [...DATE, T, ...HM, 'iso-offset'],
  [...DATE, T, ...HMS, 'iso-offset'],
  [...DATE, T, ...HMS, 'fraction', 'iso-offset'],
];

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  offset: number;
  pm: boolean | undefined;
}

const isDigit = (text: string, i: number): boolean => {
  const c = text.charCodeAt(i);
  return c >= 48 && c <= 57;
};

/** Go's getnum: one or two leading digits (exactly two when `fixed`). Returns [value, next index]. */
function getNumber(text: string, i: number, fixed: boolean): [number, number] | undefined {
  if (!isDigit(text, i)) return undefined;
  if (!isDigit(text, i + 1)) return fixed ? undefined : [Number(text[i]), i + 1];
  return [Number(text.slice(i, i + 2)), i + 2];
}

function numericOffset(text: string, i: number, colon: boolean): [number, number] | undefined {
  const sign = text[i];
  if (sign !== '+' && sign !== '-') return undefined;
  const hours = getNumber(text, i + 1, true);
  if (!hours) return undefined;
  let j = hours[1];
  if (colon) {
    if (text[j] !== ':') return undefined;
    j++;
  }
  const minutes = getNumber(text, j, true);
  if (!minutes || hours[0] > 24 || minutes[0] > 60) return undefined;
  const seconds = (hours[0] * 60 + minutes[0]) * 60;
  return [sign === '-' ? -seconds : seconds, minutes[1]];
}

/** Go's parseTimeZone for abbreviations such as UTC, PST, CEST or GMT+3; unknown ones mean offset 0. */
function zoneName(text: string, i: number): [number, number] | undefined {
  if (text.startsWith('UTC', i)) return [0, i + 3];
  if (text.startsWith('ChST', i) || text.startsWith('MeST', i)) return [0, i + 4];
  if (text.startsWith('GMT', i)) {
    const match = /^[+-]\d{1,2}/.exec(text.slice(i + 3));
    if (!match) return [0, i + 3];
    const hours = Number(match[0]);
    return hours >= -23 && hours <= 23 ? [hours * 3600, i + 3 + match[0].length] : [0, i + 3];
  }
  let upper = 0;
  while (upper < 6 && /[A-Z]/.test(text[i + upper] ?? '')) upper++;
  if (upper === 3) return [0, i + 3];
  if (upper === 4 && (text[i + 3] === 'T' || text.startsWith('WITA', i))) return [0, i + 4];
  if (upper === 5 && text[i + 4] === 'T') return [0, i + 5];
  return undefined;
}

function nameIndex(text: string, i: number, names: readonly string[]): number {
  return names.indexOf(text.slice(i, i + 3).toLowerCase());
}

function skipFraction(text: string, i: number): number {
  if ((text[i] === '.' || text[i] === ',') && isDigit(text, i + 1)) {
    let j = i + 1;
    while (isDigit(text, j)) j++;
    return j;
  }
  return i;
}

/** Matches one layout element at `i`; returns the next index or undefined when it does not match. */
function matchElement(element: Element, next: Element | undefined, text: string, i: number, f: Fields) {
  if (typeof element === 'object') {
    if (element.literal === ' ') {
      // A layout space matches any run of spaces, and nothing at the end of the value.
      if (i < text.length && text[i] !== ' ') return undefined;
      while (text[i] === ' ') i++;
      return i;
    }
    return text[i] === element.literal ? i + 1 : undefined;
  }
  let n: [number, number] | undefined;
  switch (element) {
    case 'weekday':
      return nameIndex(text, i, DAY_NAMES) >= 0 ? i + 3 : undefined;
    case 'month-name': {
      const index = nameIndex(text, i, MONTH_NAMES);
      if (index < 0) return undefined;
      f.month = index + 1;
      return i + 3;
    }
    case 'year':
      if (!/^\d{4}/.test(text.slice(i))) return undefined;
      f.year = Number(text.slice(i, i + 4));
      return i + 4;
    case 'month':
      n = getNumber(text, i, true);
      if (!n || n[0] < 1 || n[0] > 12) return undefined;
      f.month = n[0];
      return n[1];
    case 'day-under':
    case 'day':
      n = getNumber(text, element === 'day' ? i : text[i] === ' ' ? i + 1 : i, element === 'day');
      if (!n) return undefined;
      f.day = n[0];
      return n[1];
    case 'hour':
    case 'hour12':
      n = getNumber(text, i, false);
      if (!n || n[0] > (element === 'hour' ? 23 : 12)) return undefined;
      f.hour = n[0];
      return n[1];
    case 'minute':
    case 'second':
      n = getNumber(text, i, true);
      if (!n || n[0] > 59) return undefined;
      if (element === 'minute') f.minute = n[0];
      else f.second = n[0];
      // Go accepts fractional seconds after `05` even when the layout asks for none.
      return element === 'second' && next !== 'fraction' ? skipFraction(text, n[1]) : n[1];
    case 'fraction':
      return skipFraction(text, i);
    case 'pm': {
      const marker = text.slice(i, i + 2);
      if (marker !== 'AM' && marker !== 'PM') return undefined;
      f.pm = marker === 'PM';
      return i + 2;
    }
    case 'zone-name':
      n = zoneName(text, i);
      break;
    case 'offset':
    case 'offset-colon':
      n = numericOffset(text, i, element === 'offset-colon');
      break;
    case 'iso-offset':
    case 'iso-offset-colon':
      if (text[i] === 'Z') return i + 1;
      n = numericOffset(text, i, element === 'iso-offset-colon');
      break;
  }
  if (!n) return undefined;
  f.offset = n[0];
  return n[1];
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Days from 1970-01-01 to a proleptic Gregorian date; JavaScript's Date would remap years 0-99. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function parseLayout(layout: readonly Element[], text: string): number | undefined {
  const f: Fields = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0, offset: 0, pm: undefined };
  let i = 0;
  for (let k = 0; k < layout.length; k++) {
    const element = layout[k] as Element;
    const next = matchElement(element, layout[k + 1], text, i, f);
    if (next === undefined) return undefined;
    i = next;
  }
  if (i !== text.length) return undefined;
  if (f.day < 1 || f.day > daysInMonth(f.year, f.month)) return undefined;
  let hour = f.hour;
  if (f.pm === true && hour < 12) hour += 12;
  if (f.pm === false && hour === 12) hour = 0;
  const days = daysFromCivil(f.year, f.month, f.day);
  return days * 86400 + hour * 3600 + f.minute * 60 + f.second - f.offset;
}

/** The Unix time (seconds) govaluate gives a quoted literal that parses as a date, or undefined. */
export function parseGovaluateTime(text: string): number | undefined {
  for (const layout of LAYOUTS) {
    const seconds = parseLayout(layout, text);
    if (seconds !== undefined) return seconds;
  }
  return undefined;
}
