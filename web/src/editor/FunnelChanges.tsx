import type { Funnel, FunnelNode } from '../../../shared/format/funnel.ts';
import { diffFunnels, diffIsEmpty, type EdgeLink } from '../../../shared/format/funnelDiff.ts';
import { nodeDef } from '../../../shared/nodes/registry.ts';
import { settingName } from '../../../shared/validate/fieldLabels.ts';
import { useT } from '../i18n/i18n.ts';
import { exitLabel } from './exitLabel.ts';

/** How many names a line lists before «и ещё N». */
const SHOWN = 8;

/**
 * What a funnel's newer definition changes against an older one, in words: nodes added, removed
 * and changed (with which settings), connections drawn and removed, the funnel's settings and
 * name. The publish dialog shows the draft against the live version; the versions list, each
 * version against the one before it.
 */
export function FunnelChanges({ before, after, since, testid = 'changes' }: { before: Funnel; after: Funnel; since: number; testid?: string }) {
  const { t, lang } = useT();
  const d = diffFunnels(before, after);
  const byId = new Map([...before.nodes, ...after.nodes].map((n) => [n.id, n]));
  const q = (s: string) => (lang === 'ru' ? `«${s}»` : `“${s}”`);
  const name = (n: FunnelNode | undefined, id: string) => {
    if (n?.label?.trim()) return `${q(n.label.trim())} (${id})`;
    const def = n && nodeDef(n.type);
    return def ? `${def.label[lang]} (${id})` : id;
  };
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
        {d.moved > 0 && ` ${t('changes.movedOnly', { n: d.moved })}`}
      </p>
    );
  return (
    <ul className="ed-changes" data-testid={testid}>
      {d.renamed && <li data-testid="change-renamed">{t('changes.renamed', { from: q(before.name), to: q(after.name) })}</li>}
      {d.added.length > 0 && <li data-testid="change-added">+ {t('changes.added', { n: d.added.length })}: {list(d.added.map((n) => name(n, n.id)))}</li>}
      {d.removed.length > 0 && <li data-testid="change-removed">− {t('changes.removed', { n: d.removed.length })}: {list(d.removed.map((n) => name(n, n.id)))}</li>}
      {d.changed.slice(0, SHOWN).map((c) => (
        <li key={c.node.id} data-testid={`change-node-${c.node.id}`}>
          ✎ {name(c.node, c.node.id)}: {c.fields.map((f) => settingName(f, lang)).join(', ')}
        </li>
      ))}
      {d.changed.length > SHOWN && <li>✎ {t('changes.moreChanged', { n: d.changed.length - SHOWN })}</li>}
      {d.linked.length > 0 && <li data-testid="change-linked">+ {t('changes.linked', { n: d.linked.length })}: {list(d.linked.map(link))}</li>}
      {d.unlinked.length > 0 && <li data-testid="change-unlinked">− {t('changes.unlinked', { n: d.unlinked.length })}: {list(d.unlinked.map(link))}</li>}
      {d.settings.length > 0 && <li data-testid="change-settings">⚙ {t('changes.settings')}: {d.settings.map((k) => settingName(k, lang)).join(', ')}</li>}
      {d.moved > 0 && <li className="ed-muted">{t('changes.moved', { n: d.moved })}</li>}
    </ul>
  );
}
