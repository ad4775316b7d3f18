import { funnelCurrency, type Funnel, type FunnelNode } from '../../../shared/format/funnel.ts';
import { cut, cutPair } from './cutPair.ts';
import { diffFunnels, diffIsEmpty, type EdgeLink, type ValueChange } from '../../../shared/format/funnelDiff.ts';
import { nodeName, quoted } from '../../../shared/nodes/nodeName.ts';
import { settingName } from '../../../shared/validate/fieldLabels.ts';
import { clockTime, uiLocale, useT } from '../i18n/i18n.ts';
import { exitLabel } from './exitLabel.ts';
import { humanDuration, humanOffset } from './humanize.ts';
import { needsLayout } from './layout.ts';
import { ruleText } from './ruleText.ts';

/** How many names a line lists before «и ещё N». */
const SHOWN = 8;
/** How many changed values a node lists. */
const VALUES = 4;
const MONEY = new Set(['price', 'value', 'amount']);

/**
 * One changed value in words: where it is («Продукт · Цена», «Результаты #2 · Название») and what
 * it was and is now («2 990 ₽ → 3 490 ₽», «2 дня → 1 день»).
 */
function useValueWords(after: Funnel): (v: ValueChange, node?: FunnelNode) => string {
  const { t, lang, money, maybe } = useT();
  const q = (s: string) => quoted(s, lang);
  const name = (key: string) => settingName(key, lang);
  return (v, node) => {
    const parts = v.path.split('.');
    const last = [...parts].reverse().find((p) => !/^\d+$/.test(p)) ?? parts[0];
    const index = parts.find((p) => /^\d+$/.test(p));
    const where = parts.length === 1 ? name(parts[0]) : `${name(parts[0])}${index !== undefined ? ` #${Number(index) + 1}` : ''}${last !== parts[0] ? ` · ${name(last)}` : ''}`;
    const shown = (x: unknown): string => {
      // how messages write amounts and dates: the language by name, Russian when none is set
      if (v.path === 'locale') return typeof x === 'string' && x ? maybe(`settings.locale.${x}`, x) : t('settings.locale.default');
      if (x === undefined || x === null || x === '') return '—';
      if (typeof x === 'boolean') return x ? t('changes.yes') : t('changes.no');
      if (typeof x === 'number') {
        if (!MONEY.has(last)) return x.toLocaleString(lang === 'ru' ? 'ru-RU' : 'en-US');
        const own = parts[0] === 'product' ? ((node?.data?.product as { currency?: string } | undefined)?.currency ?? undefined) : undefined;
        return money(x, own ?? funnelCurrency(after));
      }
      if (typeof x === 'string') return (/^-?P/.test(x) && humanDuration(x, lang)) || q(cut(x));
      // a contact's date (a date trigger, a delay or wait until it): in the canvas's words, not as JSON
      const spec = x as { attribute?: unknown; offset?: unknown; at?: unknown; every?: unknown };
      if (typeof x === 'object' && typeof spec.attribute === 'string')
        return [spec.attribute, typeof spec.offset === 'string' ? (humanOffset(spec.offset, lang) ?? spec.offset) : '', typeof spec.at === 'string' ? clockTime(spec.at, uiLocale(lang)) : '', spec.every === 'year' ? t('trigger.everyYear') : ''].filter(Boolean).join(' · ');
      const named = x as { label?: unknown; name?: unknown };
      if (typeof x === 'object' && (typeof named.label === 'string' || typeof named.name === 'string')) return q(cut(String(named.label ?? named.name)));
      if (last === 'where') return cut(ruleText(x, { lang, and: lang === 'ru' ? ' и ' : ' and ', or: lang === 'ru' ? ' или ' : ' or ' }), 60);
      return cut(JSON.stringify(x));
    };
    // two long texts that differ only past the cut are shown around the difference
    if (typeof v.before === 'string' && typeof v.after === 'string' && !/^-?P/.test(v.before) && v.path !== 'locale') {
      const [b, a] = cutPair(v.before, v.after);
      return `${where}: ${q(b)} → ${q(a)}`;
    }
    return `${where}: ${shown(v.before)} → ${shown(v.after)}`;
  };
}

/**
 * What a funnel's newer definition changes against an older one, in words: nodes added, removed
 * and changed (with which settings), connections drawn and removed, the funnel's settings and
 * name. The publish dialog shows the draft against the live version; the versions list, each
 * version against the one before it.
 */
export function FunnelChanges({ before, after, since, testid = 'changes' }: { before: Funnel; after: Funnel; since: number; testid?: string }) {
  const { t, lang } = useT();
  const valueWords = useValueWords(after);
  const d = diffFunnels(before, after);
  // an older definition whose nodes overlapped (written through the API or by hand) was laid out on
  // opening: its nodes moved, but not by anyone's hand, so the count would mislead
  const moved = d.moved > 0 && (needsLayout(before) ? t('changes.laidOut') : t('changes.moved', { n: d.moved }));
  const byId = new Map([...before.nodes, ...after.nodes].map((n) => [n.id, n]));
  const q = (s: string) => quoted(s, lang);
  // a node by the name it was given, else by its kind and its own words (a stage's product, a message's subject)
  const name = (n: FunnelNode | undefined, id: string) => nodeName(n, id, lang);
  const list = (names: string[]) => (names.length > SHOWN ? `${names.slice(0, SHOWN).join(', ')} ${t('changes.more', { n: names.length - SHOWN })}` : names.join(', '));
  const link = (e: EdgeLink) => {
    const src = byId.get(e.source);
    const exit = e.exit && src ? ` · ${exitLabel(src.type, src.data, e.exit, t, lang)}` : e.exit ? ` · ${e.exit}` : '';
    return `${name(src, e.source)}${exit} → ${name(byId.get(e.target), e.target)}`;
  };
  if (diffIsEmpty(d))
    return (
      <p className="ed-muted" data-testid={`${testid}-none`}>
        {t('changes.none', { n: since })}
        {moved && ` ${t('changes.only', { what: moved })}`}
      </p>
    );
  return (
    <ul className="ed-changes" data-testid={testid}>
      {d.renamed && <li data-testid="change-renamed">{t('changes.renamed', { from: q(before.name), to: q(after.name) })}</li>}
      {d.added.length > 0 && <li data-testid="change-added">+ {t('changes.added', { n: d.added.length })}: {list(d.added.map((n) => name(n, n.id)))}</li>}
      {d.removed.length > 0 && <li data-testid="change-removed">− {t('changes.removed', { n: d.removed.length })}: {list(d.removed.map((n) => name(n, n.id)))}</li>}
      {d.changed.slice(0, SHOWN).map((c) => (
        <li key={c.node.id} data-testid={`change-node-${c.node.id}`}>
          <span data-testid="change-fields">
            ✎ {name(c.node, c.node.id)}: {c.fields.map((f) => settingName(f, lang)).join(', ')}
          </span>
          <ul className="ed-change-values">
            {c.values.slice(0, VALUES).map((v) => (
              <li key={v.path} data-testid={`change-value-${v.path}`}>
                {valueWords(v, c.node)}
              </li>
            ))}
            {c.values.length > VALUES && <li>{t('changes.more', { n: c.values.length - VALUES })}</li>}
          </ul>
        </li>
      ))}
      {d.changed.length > SHOWN && <li>✎ {t('changes.moreChanged', { n: d.changed.length - SHOWN })}</li>}
      {d.linked.length > 0 && <li data-testid="change-linked">+ {t('changes.linked', { n: d.linked.length })}: {list(d.linked.map(link))}</li>}
      {d.unlinked.length > 0 && <li data-testid="change-unlinked">− {t('changes.unlinked', { n: d.unlinked.length })}: {list(d.unlinked.map(link))}</li>}
      {d.settings.length > 0 && (
        <li data-testid="change-settings">
          ⚙ {t('changes.settings')}: {d.settings.map((k) => settingName(k, lang)).join(', ')}
          <ul className="ed-change-values">
            {d.settingValues.slice(0, VALUES).map((v) => (
              <li key={v.path} data-testid={`change-setting-${v.path}`}>
                {valueWords(v)}
              </li>
            ))}
            {d.settingValues.length > VALUES && <li>{t('changes.more', { n: d.settingValues.length - VALUES })}</li>}
          </ul>
        </li>
      )}
      {moved && (
        <li className="ed-muted" data-testid="change-moved">
          {moved.charAt(0).toUpperCase() + moved.slice(1)}
        </li>
      )}
    </ul>
  );
}
