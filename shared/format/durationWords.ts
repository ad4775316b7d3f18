/**
 * Durations typed in words, Russian or English («3 дня», "1 day 12 hours", «полчаса»), as ISO 8601:
 * the editor's duration fields, the simulator's «advance by…» and the QA clock's API take them alike.
 */

const PART = /(\d+(?:[.,]\d+)?)\s*([a-zа-яё]+)\.?[\s,]*/giy;
/** Words for a half: «полчаса», «полтора дня», «полгода». */
const HALVES: [RegExp, string][] = [
  [/(?<![а-яё])пол\s*-?\s*часа(?![а-яё])/g, '30 минут'],
  [/(?<![а-яё])полтора\s+часа(?![а-яё])/g, '1 час 30 минут'],
  [/(?<![а-яё])пол\s*-?\s*дня(?![а-яё])/g, '12 часов'],
  [/(?<![а-яё])полтора\s+(дня|суток)(?![а-яё])/g, '1 день 12 часов'],
  [/(?<![а-яё])пол\s*-?\s*года(?![а-яё])/g, '6 месяцев'],
];
/** What a fraction of a unit is in the next smaller one (months and years have no fixed length: no fractions). */
const SMALLER: Partial<Record<keyof Parts, [keyof Parts, number]>> = { weeks: ['days', 7], days: ['hours', 24], hours: ['minutes', 60], minutes: ['seconds', 60] };
const UNIT_CODES: [RegExp, keyof Parts][] = [
  [/^(m|min|mins|minutes?|м|мин|минут[аы]?)$/, 'minutes'],
  [/^(h|hr|hours?|ч|час(а|ов)?)$/, 'hours'],
  [/^(s|sec|secs|seconds?|с|сек|секунд[аы]?)$/, 'seconds'],
  [/^(d|days?|д|дн|дн(я|ей)|день)$/, 'days'],
  [/^(w|weeks?|н|нед|недел[ьия]|недель)$/, 'weeks'],
  [/^(mo|months?|мес|месяц(а|ев)?)$/, 'months'],
  [/^(y|years?|г|год(а)?|лет)$/, 'years'],
];
type Parts = Record<'years' | 'months' | 'weeks' | 'days' | 'hours' | 'minutes' | 'seconds', number>;

/**
 * Turns shorthand a marketer may type into ISO: «3д», "3 days", «2 ч», "30m" → `P3D`, `PT2H`, `PT30M`;
 * several parts as the field shows them, «1 день 2 часа», "1h 30m" → `P1DT2H`, `PT1H30M`; with a
 * minus (an offset before a date), "-1h" → `-PT1H`. Returns the text unchanged when it is not shorthand.
 */
export function toIsoDuration(text: string): string {
  const lower = HALVES.reduce((t, [re, to]) => t.replace(re, to), text.toLowerCase());
  const m = /^\s*(-?)\s*(.*?)\s*$/s.exec(lower)!;
  const [, minus, rest] = m;
  if (!/^\d/.test(rest)) return text;
  const parts: Parts = { years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0 };
  PART.lastIndex = 0;
  let at = 0;
  for (let p; (p = PART.exec(rest)); at = PART.lastIndex) {
    const unit = UNIT_CODES.find(([re]) => re.test(p[2]))?.[1];
    if (!unit) return text;
    // «1,5 часа» is 1 hour 30 minutes: a fraction goes down to the smaller units, whole
    let n = Number(p[1].replace(',', '.'));
    for (let u: keyof Parts | undefined = unit; ; ) {
      const whole = Math.trunc(n + 1e-9);
      parts[u] += whole;
      if (Math.abs(n - whole) < 1e-9) break;
      const smaller: [keyof Parts, number] | undefined = SMALLER[u];
      if (!smaller) return text;
      [u, n] = [smaller[0], (n - whole) * smaller[1]];
    }
  }
  if (at !== rest.length) return text;
  // ISO does not mix weeks with other parts: «1 неделя 2 дня» is 9 days
  if (parts.weeks && (parts.years || parts.months || parts.days || parts.hours || parts.minutes || parts.seconds)) [parts.days, parts.weeks] = [parts.days + 7 * parts.weeks, 0];
  const date = `${parts.years ? `${parts.years}Y` : ''}${parts.months ? `${parts.months}M` : ''}${parts.weeks ? `${parts.weeks}W` : ''}${parts.days ? `${parts.days}D` : ''}`;
  const time = `${parts.hours ? `${parts.hours}H` : ''}${parts.minutes ? `${parts.minutes}M` : ''}${parts.seconds ? `${parts.seconds}S` : ''}`;
  if (!date && !time) return `${minus}PT0M`;
  return `${minus}P${date}${time ? `T${time}` : ''}`;
}

