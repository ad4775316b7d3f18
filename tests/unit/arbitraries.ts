/**
 * fast-check arbitraries for property tests of the funnel core: valid `voronka/funnel@1` graphs
 * of every node type, contacts, and scenario steps. Written from FUNNEL_FORMAT.md (not from the
 * node registry), so a registry that disagrees with the format shows up as a failure.
 */
import fc from 'fast-check';
import type { Contact } from '../../shared/engine/types.ts';
import type { ScenarioStep } from '../../shared/format/scenario.ts';

/** Event types triggers and waits listen for. */
export const TRIGGER_EVENTS = ['a', 'b', 'c', 'order.paid'] as const;
/** Event types scenario steps deliver: the trigger alphabet, offers' defaults and `exitWhen`. */
export const STEP_EVENTS = [...TRIGGER_EVENTS, 'offer.accepted', 'leadMagnet.claimed', 'unsub'] as const;
export const DURATIONS = ['PT5M', 'PT1H', 'P1D', 'P3D', 'P1M'] as const;
export const SKUS = ['SKU-1', 'SKU-2'] as const;
export const OUTCOMES = ['won', 'lost', 'later'] as const;
export const ZONES = ['Europe/Moscow', 'Asia/Yekaterinburg', 'UTC'] as const;
export const STAGES = ['offer', 'leadMagnet', 'tripwire', 'coreProduct', 'upsell', 'crossSell'] as const;
/** Instants scenarios start at (whole hours in every zone above, evenings for quiet hours). */
export const STARTS = ['2026-03-02T09:00:00+03:00', '2026-03-02T22:00:00+03:00', '2026-03-07T00:00:00Z', '2026-06-30T18:00:00+05:00'] as const;

export interface GenNode {
  id: string;
  type: string;
  data: Record<string, unknown>;
}
export interface GenEdge {
  id: string;
  source: string;
  exit?: string;
  target: string;
}
export interface GenFunnel {
  format: 'voronka/funnel@1';
  id: string;
  name: string;
  settings?: Record<string, unknown>;
  nodes: GenNode[];
  edges: GenEdge[];
}

export interface FunnelOptions {
  /**
   * Let back-edges leave `delay` nodes with `until` / `untilDate` too (not only `for`). Such a
   * delay can take no time (the moment is now, or the date is empty or past), so a loop through
   * it may run at one instant: kept apart so the other properties test what they are about.
   */
  zeroTimeLoops?: boolean | 'until' | 'untilDate';
  /** Generate `settings` (time zone, quiet hours, exitWhen, frequency cap). */
  settings?: boolean;
  /** A split node `ab` with these variants, right after the first trigger. */
  split?: { id: string; weight: number }[];
  /** Funnel id (default: one of a few). */
  id?: string;
  /** Only event triggers without `where` (so the first step can always start a run). */
  plainTriggers?: boolean;
  /** More delays and more back-edges: funnels that loop. */
  loopy?: boolean;
}

const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
/** An object without its undefined fields (funnel JSON has no undefined). */
const compact = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

const duration = fc.constantFrom(...DURATIONS);
const timeOfDay = fc.constantFrom('09:00', '10:00', '21:00', '00:00');

const contactRule = fc.constantFrom<unknown>(
  { '==': [{ var: 'contact.tier' }, 'gold'] },
  { '==': [{ var: 'contact.tier' }, 'silver'] },
  { '==': [{ var: 'contact.timezone' }, 'UTC'] },
  { in: ['vip', { var: 'contact.tags' }] },
  { '==': [{ var: 'event.data.k' }, '1'] },
  { and: [{ '==': [{ var: 'contact.tier' }, 'gold'] }, { '!=': [{ var: 'contact.timezone' }, 'UTC'] }] },
  true,
);
const eventWhere = fc.constantFrom<unknown>({ '==': [{ var: 'event.data.k' }, '1'] }, { '!=': [{ var: 'event.data.k' }, '2'] }, { '==': [{ var: 'contact.tier' }, 'gold'] });

const body = fc.constantFrom(
  'Hi {{contact.firstName}}!',
  'Your tier: {{contact.tier}}. Event {{event.data.k}}.',
  'Open https://example.com/p/{{contact.id}} now',
  'Run {{run.id}} of {{funnel.id}} <b>bold</b>',
);
const subject = fc.constantFrom('Hello {{contact.firstName}}', 'News', 'For you');

export const triggerData = (plain = false): fc.Arbitrary<Record<string, unknown>> =>
  fc
    .record({
      event: fc.constantFrom(...TRIGGER_EVENTS),
      key: opt(fc.constant('data.k')),
      reentry: opt(fc.constantFrom<unknown>('never', 'always', { after: 'P1D' }, { after: 'PT1H' })),
      where: plain ? fc.constant(undefined) : opt(eventWhere),
    })
    .map(compact);

const messageData = fc
  .record({
    channel: fc.constantFrom('email', 'sms'),
    subject: opt(subject),
    body,
    marketing: opt(fc.boolean()),
  })
  .map((m) => compact({ ...m, subject: m.channel === 'email' ? m.subject : undefined }));

const offerData = fc
  .record({
    stage: fc.constantFrom(...STAGES),
    product: fc.record({ sku: fc.constantFrom(...SKUS), name: fc.constantFrom('Checklist', 'Course'), price: opt(fc.constantFrom(0, 990, 4990)), currency: opt(fc.constant('RUB')) }).map(compact),
    message: opt(
      fc
        .record({ channel: fc.constantFrom('email', 'sms'), subject: opt(fc.constant('{{product.name}} for you')), body: fc.constantFrom('Take {{product.name}}, {{contact.firstName}}', 'Offer: https://example.com/o'), marketing: opt(fc.boolean()) })
        .map(compact),
    ),
    convertOn: opt(fc.record({ event: fc.constantFrom(...TRIGGER_EVENTS), where: opt(eventWhere) }).map(compact)),
    window: duration,
  })
  .map(compact);

const delayData = (loopy = false) =>
  fc.oneof(
    { weight: loopy ? 1 : 3, arbitrary: duration.map((d) => ({ for: d })) },
    { weight: loopy ? 2 : 1, arbitrary: fc.record({ at: timeOfDay, days: opt(fc.subarray(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], { minLength: 1 })) }).map((u) => ({ until: compact(u) })) },
    {
      weight: loopy ? 2 : 1,
      arbitrary: fc.record({ attribute: fc.constant('birthday'), offset: opt(fc.constantFrom('P1D', '-P3D', 'PT1H')), at: opt(timeOfDay) }).map((u) => ({ untilDate: compact(u) })),
    },
  );

const waitData = fc.record({ event: fc.constantFrom(...TRIGGER_EVENTS), where: opt(eventWhere), timeout: duration }).map(compact);

const branchData = fc
  .array(fc.record({ label: opt(fc.constantFrom('Gold', 'Other')), when: contactRule }), { maxLength: 3 })
  .map((rules) => ({ rules: rules.map((r, i) => compact({ id: `r${i}`, ...r })) }));

const variants = fc
  .array(fc.oneof(fc.integer({ min: 1, max: 100 }), fc.constantFrom(0.5, 1e-3, 33.3)), { minLength: 1, maxLength: 3 })
  .map((ws) => ws.map((weight, i) => ({ id: 'ABC'[i], weight })));
const splitData = variants.map((v) => ({ variants: v }));

const handoffData = fc
  .record({
    title: fc.constantFrom('Call {{contact.firstName}}', 'Check order'),
    description: opt(fc.constant('Tier {{contact.tier}}')),
    assignee: fc.constantFrom<unknown>({ role: 'manager' }, { user: 'u1' }),
    outcomes: fc.subarray([...OUTCOMES], { minLength: 1 }).map((ids) => ids.map((id) => ({ id, label: id.toUpperCase() }))),
    dueIn: opt(duration),
  })
  .map(compact);

const actionData = fc
  .record({
    set: opt(fc.constantFrom<unknown>({ tier: 'gold' }, { tier: 'silver' }, { note: '{{event.data.k}}' })),
    add: opt(fc.constantFrom<unknown>({ score: 10 }, { score: -5 }, { score: 2.5, visits: 1 })),
    tags: opt(fc.constantFrom<unknown>({ add: ['vip'] }, { remove: ['vip'] }, { add: ['lead'], remove: ['vip'] })),
    webhook: opt(fc.record({ url: fc.constant('https://example.com/hook?c={{contact.id}}'), method: opt(fc.constantFrom('GET', 'POST')), body: opt(fc.constant('{"k":"{{event.data.k}}"}')) }).map(compact)),
  })
  .map((d) => compact(d.set || d.add || d.tags || d.webhook ? d : { ...d, tags: { add: ['lead'] } }));

const goalData = fc.record({ name: fc.constantFrom('purchase', 'signup'), value: opt(fc.constantFrom(0, 990, 12.5)) }).map(compact);
const exitData = fc.record({ reason: opt(fc.constantFrom('done', 'not interested')) }).map(compact);

/** A non-trigger node: every other type of the format (`loopy`: mostly delays, many until / untilDate). */
export const bodyNode = (loopy = false): fc.Arbitrary<{ type: string; data: Record<string, unknown> }> => fc.oneof(
  { weight: loopy ? 8 : 1, arbitrary: delayData(loopy).map((data) => ({ type: 'delay', data: data as Record<string, unknown> })) },
  messageData.map((data) => ({ type: 'message', data })),
  offerData.map((data) => ({ type: 'offer', data })),
  waitData.map((data) => ({ type: 'wait', data })),
  branchData.map((data) => ({ type: 'branch', data })),
  splitData.map((data) => ({ type: 'split', data })),
  handoffData.map((data) => ({ type: 'handoff', data })),
  actionData.map((data) => ({ type: 'action', data })),
  goalData.map((data) => ({ type: 'goal', data })),
  exitData.map((data) => ({ type: 'exit', data })),
);

/** The exits of a node, as the format's node table lists them. */
export function exitsOf(n: { type: string; data: Record<string, any> }): string[] {
  const d = n.data;
  switch (n.type) {
    case 'trigger':
    case 'message':
    case 'action':
    case 'goal':
      return ['next'];
    case 'offer':
      return ['converted', 'timeout'];
    case 'delay':
      return d.untilDate ? ['next', 'missing'] : ['next'];
    case 'wait':
      return ['received', 'timeout'];
    case 'branch':
      return [...d.rules.map((r: { id: string }) => r.id), 'else'];
    case 'split':
      return d.variants.map((v: { id: string }) => v.id);
    case 'handoff':
      return [...d.outcomes.map((o: { id: string }) => o.id), ...(d.dueIn ? ['overdue'] : [])];
    case 'exit':
      return [];
    default:
      throw new Error(`unknown type ${n.type}`);
  }
}

/**
 * May an edge by this exit go back to an earlier node? Only exits that take time (FUNNEL_FORMAT:
 * a loop needs a delay, wait, offer or manager task): a delay's `next` (a `for` delay always;
 * `until` / `untilDate` only with `zeroTimeLoops`), any exit of a wait, an offer or a hand-off.
 * Exits taken when a timer fires go back only from timers of a day or more, so a loop does not
 * fire thousands of times in a month of simulated time and the properties stay fast.
 */
const LONG = new Set(['P1D', 'P3D', 'P1M']);
function timedExit(n: GenNode, exit: string, zeroTimeLoops: FunnelOptions['zeroTimeLoops']): boolean {
  const d = n.data;
  switch (n.type) {
    case 'delay':
      if (exit !== 'next') return false;
      if (d.for !== undefined) return LONG.has(String(d.for));
      // an `untilDate` delay leaves at once when the date is empty or past (as it is on the second
      // pass), so a loop back through it is an instant loop the validator rejects: only generated
      // on purpose (zeroTimeLoops: 'untilDate') to check that it is rejected
      if (d.untilDate !== undefined) return zeroTimeLoops === 'untilDate';
      return zeroTimeLoops === true || (zeroTimeLoops === 'until' && d.until !== undefined);
    case 'wait':
      return exit === 'received' || LONG.has(String(d.timeout));
    case 'offer':
      return exit === 'converted' || LONG.has(String(d.window));
    case 'handoff':
      return exit !== 'overdue' || LONG.has(String(d.dueIn));
    default:
      return false;
  }
}

const settingsArb = fc
  .record({
    timezone: opt(fc.constantFrom(...ZONES)),
    quietHours: opt(fc.constantFrom({ from: '21:00', to: '09:00' }, { from: '13:00', to: '14:00' })),
    exitWhen: opt(fc.constantFrom<unknown>([{ event: 'unsub' }], [{ event: 'unsub', where: { '!=': [{ var: 'event.data.k' }, '2'] } }], [{ event: 'unsub' }, { event: 'c' }])),
    frequencyCap: opt(fc.constantFrom({ max: 2, per: 'P1D' }, { max: 1, per: 'PT1H' })),
  })
  .map(compact);

/**
 * A valid funnel: 1–2 event triggers, then up to 10 nodes of every other type, each reached
 * from an earlier node's free exit (a spanning tree in id order, so every node is reachable);
 * the exits left over stay unconnected, lead forward, or (when they take time) lead back.
 */
export function funnelArb(o: FunnelOptions = {}): fc.Arbitrary<GenFunnel> {
  return fc
    .record({
      id: o.id !== undefined ? fc.constant(o.id) : fc.constantFrom('f1', 'webinar', 'cart'),
      triggers: fc.array(triggerData(o.plainTriggers), { minLength: 1, maxLength: 2 }),
      bodies: fc.array(bodyNode(o.loopy), { minLength: 2, maxLength: 10 }),
      picks: fc.array(fc.nat(), { minLength: 64, maxLength: 64 }),
      settings: o.settings ? opt(settingsArb) : fc.constant(undefined),
    })
    .map(({ id, triggers, bodies, picks, settings }) => build(id, triggers, bodies, picks, settings, o));
}

function build(
  id: string,
  triggers: Record<string, unknown>[],
  bodies: { type: string; data: Record<string, unknown> }[],
  picks: number[],
  settings: Record<string, unknown> | undefined,
  o: FunnelOptions,
): GenFunnel {
  let p = 0;
  const pick = (n: number) => picks[p++ % picks.length] % n;
  // exit nodes last: they have no exits, so the others can still be attached after them
  const ordered = [...(o.split ? [{ type: 'split', data: { variants: o.split } }] : []), ...bodies.filter((b) => b.type !== 'exit'), ...bodies.filter((b) => b.type === 'exit')];
  const nodes: GenNode[] = triggers.map((data, i) => ({ id: `n${i}`, type: 'trigger', data }));
  const edges: GenEdge[] = [];
  const addEdge = (source: GenNode, exit: string, target: GenNode) =>
    edges.push({ id: `e${edges.length}`, source: source.id, ...(exit !== 'next' || pick(2) === 0 ? { exit } : {}), target: target.id });
  const free: { src: GenNode; exit: string }[] = nodes.map((n) => ({ src: n, exit: 'next' }));
  for (const b of ordered) {
    const isSplit = o.split && nodes.length === triggers.length;
    const n: GenNode = { id: isSplit ? 'ab' : `n${nodes.length}`, ...b };
    if (free.length === 0) break;
    const slot = free.splice(isSplit ? 0 : pick(free.length), 1)[0];
    nodes.push(n);
    addEdge(slot.src, slot.exit, n);
    for (const exit of exitsOf(n)) free.push({ src: n, exit });
  }
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  for (const { src, exit } of free) {
    const i = index.get(src.id)!;
    const later = nodes.slice(i + 1).filter((n) => n.type !== 'trigger');
    const earlier = nodes.slice(0, i + 1).filter((n) => n.type !== 'trigger');
    const c = pick(4);
    if (c === 0) continue; // left unconnected on purpose: the run ends there
    if ((c === 3 || (o.loopy && c !== 0)) && timedExit(src, exit, o.zeroTimeLoops) && earlier.length) addEdge(src, exit, earlier[pick(earlier.length)]);
    else if (later.length) addEdge(src, exit, later[pick(later.length)]);
  }
  return { format: 'voronka/funnel@1', id, name: `generated ${id}`, ...(settings && Object.keys(settings).length ? { settings } : {}), nodes, edges };
}

/** A test contact: tier, time zone, consents, sometimes a birthday (for `untilDate`). */
export const contactArb = (id?: fc.Arbitrary<string>): fc.Arbitrary<Contact> =>
  fc
    .record({
      id: id ?? fc.constantFrom('c1', 'c2', 'anna'),
      tier: fc.constantFrom('gold', 'silver'),
      timezone: fc.constantFrom(...ZONES),
      firstName: fc.constantFrom('Anna', '<b>Ivan</b>'),
      birthday: opt(fc.constantFrom('1990-05-10', '2026-03-05', '2030-01-01')),
      email: fc.boolean(),
      sms: fc.boolean(),
      tags: fc.subarray(['vip', 'lead']),
    })
    .map((c) => ({
      id: c.id,
      attributes: compact({ tier: c.tier, timezone: c.timezone, firstName: c.firstName, birthday: c.birthday }),
      consents: { email: c.email, sms: c.sms },
      tags: c.tags,
    }));

/** The event types a funnel listens for (triggers, waits, offers' conversions, exitWhen). */
export function listenedEvents(f: GenFunnel): string[] {
  const out = new Set<string>();
  for (const n of f.nodes) {
    if (n.type === 'trigger' || n.type === 'wait') out.add(String(n.data.event));
    if (n.type === 'offer') {
      const convertOn = n.data.convertOn as { event: string } | undefined;
      out.add(convertOn ? convertOn.event : n.data.stage === 'offer' ? 'offer.accepted' : n.data.stage === 'leadMagnet' ? 'leadMagnet.claimed' : 'order.paid');
    }
  }
  for (const x of (f.settings?.exitWhen as { event: string }[] | undefined) ?? []) out.add(x.event);
  return [...out];
}

/** Written in generated steps for "one of the events the funnel listens for, number n", resolved by `resolveSteps`. */
const OWN = '@own:';

const eventStep = fc
  .record({
    type: fc.oneof({ weight: 3, arbitrary: fc.nat({ max: 30 }).map((n) => `${OWN}${n}`) }, { weight: 1, arbitrary: fc.constantFrom(...STEP_EVENTS) }),
    data: opt(fc.record({ k: opt(fc.constantFrom('1', '1', '2')), sku: opt(fc.constantFrom(...SKUS)), amount: opt(fc.constant(990)) }).map(compact)),
  })
  .map((e) => ({ event: compact(e) }) as ScenarioStep);

/**
 * One scenario step: an event (mostly one the funnel listens for, once `resolveSteps` has named
 * it), an advance of the clock, a task completion (outcomes that exist or not) or a change of
 * attributes.
 */
export const stepArb: fc.Arbitrary<ScenarioStep> = fc.oneof(
  { weight: 4, arbitrary: eventStep },
  { weight: 3, arbitrary: duration.map((advance) => ({ advance }) as ScenarioStep) },
  { weight: 1, arbitrary: fc.constantFrom(...OUTCOMES, 'nope').map((outcome) => ({ task: { outcome } }) as ScenarioStep) },
  { weight: 1, arbitrary: fc.record({ tier: opt(fc.constantFrom('gold', 'silver')), timezone: opt(fc.constantFrom(...ZONES)) }).map((s) => ({ set: compact(s) }) as ScenarioStep) },
);

/** Steps, most of them opening with an event for one of the funnel's triggers. */
export const stepsArb = (maxLength = 12) =>
  fc
    .tuple(fc.oneof({ weight: 4, arbitrary: fc.nat({ max: 1 }) }, { weight: 1, arbitrary: fc.constant(null) }), fc.array(stepArb, { minLength: 1, maxLength, size: 'medium' }))
    .map(([opening, steps]) => [...(opening === null ? [] : [{ event: { type: `@trigger:${opening}`, data: { k: '1' } } } as ScenarioStep]), ...steps]);

/** Names the events of generated steps: `@trigger:n` a trigger's event, `@own:n` one of `events`. */
export function resolveSteps(steps: ScenarioStep[], f: GenFunnel, events = listenedEvents(f)): ScenarioStep[] {
  const triggers = f.nodes.filter((n) => n.type === 'trigger').map((n) => String(n.data.event));
  const name = (t: string) =>
    t.startsWith(OWN) ? events[Number(t.slice(OWN.length)) % events.length] : t.startsWith('@trigger:') ? triggers[Number(t.slice(9)) % triggers.length] : t;
  return steps.map((s) => ('event' in s ? { event: { ...s.event, type: name(s.event.type) } } : s));
}

/** A funnel with a contact, a start instant and steps that mostly speak the funnel's events. */
export const simulationArb = (o: FunnelOptions = {}, maxSteps = 12) =>
  fc
    .record({ f: funnelArb(o), contact: contactArb(), start: fc.constantFrom(...STARTS), steps: stepsArb(maxSteps) })
    .map(({ f, contact, start, steps }) => ({ f, contact, start, steps: resolveSteps(steps, f) }));
