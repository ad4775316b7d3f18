/**
 * A number as people type it: `24 900,50` (Russian: spaces between thousands, a decimal comma),
 * `24900.50`, `24,900.50`, `24.900,50`. Null when it is not one number — never a silent
 * misreading such as dropping the comma of `24 900,50` and getting 2 490 050.
 *
 * @example parseDecimal('24 900,50') // 24900.5
 */
export function parseDecimal(text: string): number | null {
  const t = text.trim().replace(/[\s\u00a0\u202f']/g, '');
  if (!/^[-+]?(\d|[.,]\d)/.test(t) || !/^[-+]?[\d.,]+$/.test(t)) return null;
  const lastDot = t.lastIndexOf('.');
  const lastComma = t.lastIndexOf(',');
  let normal: string;
  if (lastDot >= 0 && lastComma >= 0) {
    // both: the later one is the decimal mark, the other groups thousands (by threes)
    const [dec, group] = lastDot > lastComma ? ['.', ','] : [',', '.'];
    const [whole, frac] = [t.slice(0, t.lastIndexOf(dec)), t.slice(t.lastIndexOf(dec) + 1)];
    if (!/^[-+]?\d{1,3}(\d{3})*$/.test(whole.split(group).join('')) || !whole.split(group).slice(1).every((g) => g.length === 3) || frac.includes(group)) return null;
    normal = `${whole.split(group).join('')}.${frac}`;
  } else {
    const mark = lastDot >= 0 ? '.' : ',';
    const parts = t.split(mark);
    // one mark is the decimal one; the same mark more than once groups thousands (1.000.000)
    if (parts.length > 2) normal = parts.slice(1).every((g) => g.length === 3) ? parts.join('') : '';
    else normal = parts.join('.');
  }
  const n = Number(normal);
  return normal !== '' && Number.isFinite(n) ? n : null;
}
