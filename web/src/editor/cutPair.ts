/** A text cut to `n` characters, with «…» where it was cut. */
export const cut = (s: string, n = 48): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * A text before and after a change, each cut to about `n` characters so that the change shows: when
 * both are long and differ only past the cut («…ждут вас в корзин…» twice), each is shown from a
 * little before the first character that differs.
 */
export function cutPair(before: string, after: string, n = 48): [string, string] {
  let p = 0;
  while (p < before.length && p < after.length && before[p] === after[p]) p++;
  if (p < n - 12 || (before.length <= n && after.length <= n)) return [cut(before, n), cut(after, n)];
  const from = Math.max(0, p - 12);
  const window = (s: string) => `…${s.length - from > n - 1 ? `${s.slice(from, from + n - 2)}…` : s.slice(from)}`;
  return [window(before), window(after)];
}
