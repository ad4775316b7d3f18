import { useMemo } from 'react';
import { uiLocale, useT } from '../i18n/i18n.ts';

type Vars = Record<string, string | number>;

/** Messages without placeholders already looked up, by language and key. */
const texts = new Map<string, string>();
/** Number formats already built, by language (money: shared/format/currency.ts keeps its own). */
const formats = new Map<string, Intl.NumberFormat>();

const locale = uiLocale;

/**
 * `useT()` for canvas components, which hundreds of nodes call on every render: the same
 * functions, but a message without placeholders is looked up once per language and number
 * formats are built once, and the object is the same until the language changes.
 */
export function useCanvasT() {
  const base = useT();
  const { lang } = base;
  // `base`'s functions depend on nothing but the language
  return useMemo(
    () => ({
      ...base,
      t(key: string, vars?: Vars): string {
        if (vars) return base.t(key, vars);
        const k = `${lang}\u0000${key}`;
        const known = texts.get(k);
        if (known !== undefined) return known;
        const text = base.t(key);
        // a missing key is not remembered (its messages may be registered later)
        if (text !== key) texts.set(k, text);
        return text;
      },
      number(n: number): string {
        const k = `${lang}\u0000#`;
        let f = formats.get(k);
        if (!f) {
          f = new Intl.NumberFormat(locale(lang));
          formats.set(k, f);
        }
        return f.format(n);
      },
    }),
    [lang],
  );
}
