import { LIFECYCLE_PREFIX, LIFECYCLE_SEGMENTS, type LifecycleRules } from '../../../shared/format/lifecycle.ts';
import '../i18n/messages/segments.ts';

type T = (key: string, vars?: Record<string, string | number>) => string;

/** The rule a life-cycle segment follows, in words, with the workspace's lines («последняя оплата 90–180 дн. назад, оплаченных заказов: 2–3»). */
export function segmentRule(t: T, id: string, l: LifecycleRules): string {
  const part = (p: string) =>
    p === 'active' ? t('segment.rule.active', { a: l.sleepingAfterDays })
    : p === 'sleeping' ? t('segment.rule.sleeping', { a: l.sleepingAfterDays, b: l.lostAfterDays })
    : p === 'lost' ? t('segment.rule.lost', { b: l.lostAfterDays })
    : p === 'single' ? t('segment.rule.single')
    : p === 'repeat' ? (l.loyalFrom - 1 > l.repeatFrom ? t('segment.rule.repeat', { r: l.repeatFrom, m: l.loyalFrom - 1 }) : t('segment.rule.repeatOne', { r: l.repeatFrom }))
    : t('segment.rule.loyal', { l: l.loyalFrom });
  return id.slice(LIFECYCLE_PREFIX.length).split('-').map(part).join(', ');
}

/** A segment as people read it: a life-cycle one by its name («Спящие»), any other by its id. */
export function segmentName(t: T, id: string): string {
  return LIFECYCLE_SEGMENTS.includes(id) ? t(`segment.${id}`) : id;
}

/** The life-cycle segments for a picker: the nine cells first (what win-back chains start on), then the columns and rows. */
export function lifecycleChoices(t: T, l: LifecycleRules): { value: string; label: string }[] {
  const isCell = (s: string) => s.includes('-');
  const ids = [...LIFECYCLE_SEGMENTS.filter(isCell), ...LIFECYCLE_SEGMENTS.filter((s) => !isCell(s))];
  return ids.map((id) => ({ value: id, label: `${t(`segment.${id}`)} — ${segmentRule(t, id, l)}` }));
}
