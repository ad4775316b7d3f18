import { z } from 'zod';
import { DEFAULT_CURRENCY, isCurrencyCode } from '../../shared/format/currency.ts';
import { LifecycleRules, isLifecycleSegment, lifecycleOf } from '../../shared/format/lifecycle.ts';
import type { LifecyclePreviewDto } from '../../shared/api/types.ts';
import { segmentStarts } from '../../shared/validate/rules.ts';
import { isValidZone } from '../../shared/format/zones.ts';
import { refreshLifecycle, lifecycleRules } from '../runtime/contactTimers.ts';
import type { Runtime } from '../runtime/Runtime.ts';
import type { Store } from '../store/types.ts';
import { zoneOfCity } from '../../shared/format/zones.ts';

/** A currency as the API takes it: an ISO 4217 code in any case («rub» is RUB); RUR (the rouble before 1998) and words are not currencies. */
export const CurrencyCode = z
  .string({ error: 'must be a currency code such as RUB' })
  .transform((c) => c.trim().toUpperCase())
  .refine(isCurrencyCode, { error: (iss) => `"${String(iss.input)}" is not an ISO 4217 currency code: write RUB, KZT, USD, EUR…${String(iss.input).toUpperCase() === 'RUR' ? ' (RUR is the rouble before 1998: write RUB)' : ''}` });

export const ZONE_EXAMPLES = 'Europe/Moscow or America/New_York';

/** What is wrong with a time zone: a city the pickers know is answered with its zone («Казань» → Europe/Moscow). */
export function notZone(value: unknown): string {
  const zone = typeof value === 'string' ? zoneOfCity(value) : undefined;
  return zone ? `${JSON.stringify(value)} is a city, not a time zone: write ${zone}` : `${JSON.stringify(value)} is not a time zone such as ${ZONE_EXAMPLES}`;
}

/**
 * The workspace's settings: the currency of money nobody named (orders sent without one, the web
 * app's new funnels), the time zone the web app's new funnels write dates and times in (null:
 * the creating user's own), and where the life-cycle matrix draws its lines.
 */
export const WorkspaceSettings = z.strictObject({
  currency: CurrencyCode,
  timezone: z
    .string({ error: `must be a time zone such as ${ZONE_EXAMPLES}` })
    .refine((z) => isValidZone(z), { error: (iss) => notZone(iss.input) })
    .nullable()
    .optional(),
  lifecycle: LifecycleRules.optional(),
});
export type WorkspaceSettings = z.infer<typeof WorkspaceSettings>;
export type SavedWorkspace = WorkspaceSettings & { timezone: string | null; lifecycle: LifecycleRules };

/** The workspace's settings (roubles until an admin chooses another currency; no zone of its own until one is chosen). */
export async function workspaceSettings(store: Store): Promise<SavedWorkspace> {
  const saved = await store.read.getSetting<Partial<WorkspaceSettings>>('workspace');
  return {
    currency: isCurrencyCode(saved?.currency) ? saved.currency : DEFAULT_CURRENCY,
    timezone: typeof saved?.timezone === 'string' && isValidZone(saved.timezone) ? saved.timezone : null,
    lifecycle: await lifecycleRules(store.read),
  };
}

/** The setting that says every buyer's life-cycle segments were worked out (once, on the first start that has them). */
const COMPUTED = 'lifecycle:computed';

/** The workspace's settings, and the life-cycle segments that follow from them. */
export class WorkspaceService {
  constructor(private readonly store: Store, private readonly runtime: Runtime) {}

  read(): Promise<SavedWorkspace> {
    return workspaceSettings(this.store);
  }

  /** Saves the settings; a time zone or matrix not sent stays as it was (a null zone clears it). New lines of the matrix move every buyer at once. */
  async save(s: WorkspaceSettings): Promise<SavedWorkspace> {
    const before = await this.read();
    const next = { ...s, timezone: s.timezone === undefined ? before.timezone : s.timezone, lifecycle: s.lifecycle ?? before.lifecycle };
    await this.store.transaction((tx) => tx.setSetting('workspace', next));
    if (JSON.stringify(next.lifecycle) !== JSON.stringify(before.lifecycle)) await this.refreshLifecycles();
    return this.read();
  }

  /**
   * What new life-cycle lines would do, before they are saved: how many buyers would move, the segments
   * they would enter, and the live funnels starting on those (how many would start each, before re-entry rules).
   */
  async previewLifecycle(rules: LifecycleRules): Promise<LifecyclePreviewDto> {
    const now = this.runtime.clock.now();
    const entered = new Map<string, number>();
    let moved = 0;
    for (let after = ''; ; ) {
      const ids = await this.store.read.buyerIds(after, 500);
      if (!ids.length) break;
      for (const c of await this.store.read.getContacts(ids)) {
        const was = c.segments.filter(isLifecycleSegment);
        const next = lifecycleOf(await this.store.read.paidOrders(c.id), now, rules).segments;
        const fresh = next.filter((s) => !was.includes(s));
        if (fresh.length === 0 && next.length === was.length) continue;
        moved++;
        for (const s of fresh) entered.set(s, (entered.get(s) ?? 0) + 1);
      }
      after = ids[ids.length - 1];
    }
    const funnels: LifecyclePreviewDto['funnels'] = [];
    for (const live of await this.runtime.funnels.liveVersions(this.store.read)) {
      const starts = segmentStarts(live.cf.nodes.values()).filter((s) => entered.has(s));
      // a contact entering two of its segments at once starts it once: the larger count is the closest guess
      if (starts.length) funnels.push({ id: live.funnelId, name: live.cf.funnel.name, contacts: Math.max(...starts.map((s) => entered.get(s)!)) });
    }
    return { moved, entered: [...entered].map(([segment, contacts]) => ({ segment, contacts })), funnels };
  }

  /** Works out every buyer's life-cycle segments once (a workspace from before they existed). */
  async computeLifecyclesOnce(): Promise<void> {
    if ((await this.store.read.getSetting(COMPUTED)) === 1) return;
    await this.refreshLifecycles();
    await this.store.transaction((tx) => tx.setSetting(COMPUTED, 1));
  }

  /** Re-works out every buyer's life-cycle segments, 200 contacts a transaction; returns how many moved (their new segments entered). */
  async refreshLifecycles(): Promise<number> {
    let moved = 0;
    for (let after = ''; ; ) {
      const ids = await this.store.read.buyerIds(after, 200);
      if (!ids.length) break;
      await this.store.transaction(async (tx) => {
        const now = this.runtime.clock.now();
        const rules = await lifecycleRules(tx);
        for (const c of await tx.getContacts(ids)) {
          const next = await refreshLifecycle(tx, c, now, rules);
          if (next === c) continue;
          await this.runtime.saveContact(tx, next, now, c);
          moved++;
        }
      });
      after = ids[ids.length - 1];
    }
    if (moved) this.runtime.onWork();
    return moved;
  }
}
