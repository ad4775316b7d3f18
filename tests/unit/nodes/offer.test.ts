import { describe, expect, it } from 'vitest';
import { NOT_SENT } from '../../../shared/engine/types.ts';
import { DAY, T0, compiled, contact, edge, funnel, next, node, path, sim, start, stateOf, trigger } from '../helpers.ts';

const product = { sku: 'TRIP-1', name: 'Mini course <2026>', price: 990, currency: 'RUB' };
const offerFunnel = (data: Record<string, unknown>, triggerData: Record<string, unknown> = { event: 'go' }) =>
  funnel(
    [trigger(triggerData), node('o', 'offer', { product, window: 'P3D', ...data }), node('won', 'goal', { name: 'won' }), node('late', 'exit')],
    [edge('start', 'next', 'o'), edge('o', 'converted', 'won'), edge('o', 'timeout', 'late')],
  );

describe('offer: compile', () => {
  it('a tripwire listens for order.paid with data.sku == the product sku (in any letter case), keyed, converts, and has a window timer', () => {
    const cf = compiled(offerFunnel({ stage: 'tripwire', message: { channel: 'email', subject: 'S', body: 'Buy {{product.name}}' } }));
    const st = stateOf(cf, 'o');
    expect(st.entry).toEqual([
      { type: 'enter', params: { node: 'o' } },
      { type: 'send', params: { node: 'o', channel: 'email', subject: 'S', body: 'Buy {{product.name}}', marketing: true, product } },
    ]);
    expect(Object.keys(st.on)).toEqual(['order.paid']);
    expect(st.on['order.paid']).toEqual([
      {
        target: 'won',
        guard: { type: 'eventWhere', params: { where: { '==': [{ lower: { var: 'event.data.sku' } }, { lower: 'TRIP-1' }] }, keyed: true } },
        actions: [
          { type: 'leave', params: { node: 'o', exit: 'converted' } },
          { type: 'convert', params: { node: 'o', stage: 'tripwire', price: 990 } },
        ],
      },
    ]);
    expect(st.after).toEqual({ t_o: { target: 'late', actions: [{ type: 'leave', params: { node: 'o', exit: 'timeout' } }] } });
    expect(cf.timerNode.get('t_o')).toBe('o');
  });

  it('default convertOn per stage: offer → offer.accepted, leadMagnet → leadMagnet.claimed, others → order.paid', () => {
    const events = (stage: string) => Object.keys(stateOf(compiled(offerFunnel({ stage })), 'o').on);
    expect(events('offer')).toEqual(['offer.accepted']);
    expect(events('leadMagnet')).toEqual(['leadMagnet.claimed']);
    for (const stage of ['tripwire', 'coreProduct', 'upsell', 'crossSell']) expect(events(stage)).toEqual(['order.paid']);
    expect(stateOf(compiled(offerFunnel({ stage: 'offer' })), 'o').on['offer.accepted'][0].guard).toEqual({ type: 'eventWhere', params: { keyed: true } });
  });

  it('an explicit convertOn replaces the default', () => {
    const where = { '>=': [{ var: 'event.data.amount' }, 100] };
    const st = stateOf(compiled(offerFunnel({ stage: 'tripwire', convertOn: { event: 'deal.won', where } })), 'o');
    expect(Object.keys(st.on)).toEqual(['deal.won']);
    expect(st.on['deal.won'][0].guard.params.where).toEqual(where);
  });

  it('without a message the entry only journals', () => {
    expect(stateOf(compiled(offerFunnel({ stage: 'offer' })), 'o').entry).toEqual([{ type: 'enter', params: { node: 'o' } }]);
  });

  it('an unconnected exit ends the run', () => {
    const cf = compiled(funnel([trigger(), node('o', 'offer', { stage: 'offer', product, window: 'P1D' })], [edge('start', 'next', 'o')]));
    expect(stateOf(cf, 'o').on['offer.accepted'][0].target).toBe('@completed');
    expect(stateOf(cf, 'o').after.t_o.target).toBe('@completed');
  });
});

describe('offer: runtime', () => {
  it('a payment for the product\'s sku in another letter case (or with spaces around it) converts; another product\'s does not', () => {
    for (const [sku, converts] of [['trip-1', true], [' Trip-1 ', true], ['TRIP-1', true], ['TRIP-2', false], [undefined, false]] as const) {
      const s = sim(offerFunnel({ stage: 'tripwire' }));
      s.event({ type: 'go' });
      s.event({ type: 'order.paid', data: sku === undefined ? { amount: 990 } : { sku, amount: 990 } });
      expect(path(s).includes('won'), String(sku)).toBe(converts);
    }
  });

  it('on entry sends its message with {{product.name}} (HTML-escaped in email) and schedules the window', () => {
    const cf = compiled(offerFunnel({ stage: 'tripwire', message: { channel: 'email', subject: '{{product.name}}', body: '{{contact.firstName}}, take {{product.name}} for {{product.price}} ({{product.priceText}})' } }));
    const r = start(cf);
    expect(r.at).toBe('o');
    const send = r.effects.find((e) => e.kind === 'send');
    // priceText: the price with its currency, as a Russian reader writes it
    expect(send).toMatchObject({ node: 'o', channel: 'email', subject: 'Mini course <2026>', body: 'Anna, take Mini course &lt;2026&gt; for 990 (990\u00a0₽)', at: T0 });
    const sched = r.effects.find((e) => e.kind === 'schedule');
    expect(sched).toMatchObject({ node: 'o', dueAt: T0 + 3 * DAY, event: { type: 'xstate.after.t_o.funnel.o' } });
  });

  it('a product without its own currency is priced in the funnel\'s currency (settings.currency), with its own it keeps it', () => {
    const inTenge = (p: Record<string, unknown>) =>
      funnel(
        [trigger({ event: 'go' }), node('o', 'offer', { stage: 'tripwire', product: { sku: 'K-1', name: 'Курс', ...p }, window: 'P3D', message: { channel: 'sms', body: '{{product.priceText}}' } })],
        [edge('start', 'next', 'o')],
        { currency: 'KZT' },
      );
    const priced = (f: unknown) => (start(compiled(f)).effects.find((e) => e.kind === 'send') as { body: string }).body;
    expect(priced(inTenge({ price: 45000 }))).toBe('45\u00a0000\u00a0₸');
    expect(priced(inTenge({ price: 45000, currency: 'USD' }))).toBe('45\u00a0000\u00a0$');
  });

  it('converts inside the window: converted exit, goal effect with the stage name and the paid amount', () => {
    const cf = compiled(offerFunnel({ stage: 'tripwire' }));
    const r = start(cf);
    const paid = next(cf, r.snapshot, { type: 'order.paid', data: { sku: 'TRIP-1', amount: 1290 } }, contact(), T0 + 2 * DAY);
    expect(paid.changed).toBe(true);
    expect(paid.journal).toContainEqual({ at: T0 + 2 * DAY, kind: 'left', node: 'o', exit: 'converted', cause: 'order.paid' });
    expect(paid.effects).toContainEqual({ kind: 'goal', node: 'o', name: 'tripwire', value: 1290 });
    expect(paid.effects).toContainEqual({ kind: 'cancel', timerId: 'xstate.after.t_o.funnel.o' });
    expect(paid.status).toBe('completed');
    expect(paid.journal.filter((j) => j.kind === 'entered').map((j) => j.node)).toEqual(['won']);
  });

  it('revenue falls back to the product price when the event has no amount', () => {
    const cf = compiled(offerFunnel({ stage: 'tripwire' }));
    const paid = next(cf, start(cf).snapshot, { type: 'order.paid', data: { sku: 'TRIP-1' } });
    expect(paid.effects).toContainEqual({ kind: 'goal', node: 'o', name: 'tripwire', value: 990 });
  });

  it('no amount and no price: a goal without value', () => {
    const f = funnel([trigger(), node('o', 'offer', { stage: 'offer', product: { sku: 'W', name: 'Webinar' }, window: 'P1D' })], [edge('start', 'next', 'o')]);
    const cf = compiled(f);
    const r = next(cf, start(cf).snapshot, { type: 'offer.accepted' });
    expect(r.effects.filter((e) => e.kind === 'goal')).toEqual([{ kind: 'goal', node: 'o', name: 'offer' }]);
  });

  it('an order.paid for a different sku does NOT convert (nor one without sku)', () => {
    const cf = compiled(offerFunnel({ stage: 'coreProduct' }));
    const r = start(cf);
    for (const data of [{ sku: 'OTHER-9', amount: 5000 }, {}]) {
      const x = next(cf, r.snapshot, { type: 'order.paid', data });
      expect(x.changed).toBe(false);
      expect(x.at).toBe('o');
      expect(x.effects).toEqual([]);
    }
  });

  it('the stage defaults in the simulator: offer.accepted and leadMagnet.claimed convert their stages, other events do not', () => {
    for (const [stage, good, bad] of [
      ['offer', 'offer.accepted', 'leadMagnet.claimed'],
      ['leadMagnet', 'leadMagnet.claimed', 'offer.accepted'],
    ]) {
      const s = sim(offerFunnel({ stage }));
      s.event({ type: 'go' });
      s.event({ type: bad });
      expect(s.current!.at).toBe('o');
      s.event({ type: good });
      expect(s.current!.status).toBe('completed');
      expect(path(s)).toEqual(['start', 'o', 'won']);
      expect(s.goals.map((g) => g.name)).toEqual([stage, 'won']);
    }
  });

  it('times out when the window passes, by the timeout exit; a late conversion does nothing', () => {
    const s = sim(offerFunnel({ stage: 'tripwire' }));
    s.event({ type: 'go' });
    s.advance('P3D');
    expect(path(s)).toEqual(['start', 'o', 'late']);
    expect(s.log.find((j) => j.kind === 'left' && j.node === 'o')).toMatchObject({ exit: 'timeout', cause: 'timer', at: T0 + 3 * DAY });
    expect(s.current!.status).toBe('completed');
    s.event({ type: 'order.paid', data: { sku: 'TRIP-1' } });
    expect(s.goals).toEqual([]);
  });

  it('converts one minute before the window closes', () => {
    const s = sim(offerFunnel({ stage: 'tripwire' }));
    s.event({ type: 'go' });
    s.advance('PT71H59M');
    s.event({ type: 'order.paid', data: { sku: 'TRIP-1' } });
    expect(path(s)).toEqual(['start', 'o', 'won']);
    expect(s.goals[0]).toMatchObject({ node: 'o', name: 'tripwire', value: 990 });
    s.advance('P10D');
    expect(path(s)).toEqual(['start', 'o', 'won']);
  });

  it('the stage\'s revenue is the amount paid (a number, or text as people write it), else the price; a payment in another currency is said apart', () => {
    const paid = (data: Record<string, unknown>) => {
      const s = sim(offerFunnel({ stage: 'tripwire' }));
      s.event({ type: 'go' });
      s.event({ type: 'order.paid', data: { sku: 'TRIP-1', ...data } });
      return s.goals[0];
    };
    expect(paid({ amount: 1497 })).toMatchObject({ value: 1497 });
    expect(paid({ amount: '1,497.00' })).toMatchObject({ value: 1497 });
    expect(paid({ amount: '1 497' })).toMatchObject({ value: 1497 });
    expect(paid({})).toMatchObject({ value: 990 });
    expect(paid({ amount: 'lots' })).toMatchObject({ value: 990 });
    expect(paid({ amount: 20, currency: 'usd' })).toMatchObject({ foreign: { amount: 20, currency: 'USD' } });
    expect(paid({ amount: 20, currency: 'usd' }).value).toBeUndefined();
  });

  it('an explicit convertOn with where: only a matching event converts', () => {
    const cf = compiled(offerFunnel({ stage: 'upsell', convertOn: { event: 'deal.won', where: { '>=': [{ var: 'event.data.amount' }, 100] } } }));
    const r = start(cf);
    expect(next(cf, r.snapshot, { type: 'deal.won', data: { amount: 50 } }).changed).toBe(false);
    expect(next(cf, r.snapshot, { type: 'order.paid', data: { sku: 'TRIP-1' } }).changed).toBe(false);
    const ok = next(cf, r.snapshot, { type: 'deal.won', data: { amount: 150 } });
    expect(ok.effects).toContainEqual({ kind: 'goal', node: 'o', name: 'upsell', value: 150 });
  });

  it('with a correlation key, only the event with the run’s key converts', () => {
    const cf = compiled(offerFunnel({ stage: 'tripwire' }, { event: 'go', key: 'data.cartId' }));
    const r = start(cf, { type: 'go', data: { cartId: 'A' } });
    expect(next(cf, r.snapshot, { type: 'order.paid', data: { sku: 'TRIP-1', cartId: 'B' } }).changed).toBe(false);
    expect(next(cf, r.snapshot, { type: 'order.paid', data: { sku: 'TRIP-1', cartId: 'A' } }).changed).toBe(true);
  });
});

describe('offer: a pitch held back is withdrawn once the contact buys', () => {
  const night = T0 - 12 * 3_600_000; // 21:00 the evening before, Moscow: quiet hours until 09:00
  const f = () => ({
    ...offerFunnel({ stage: 'tripwire', message: { channel: 'email', subject: 'Buy', body: 'Buy {{product.name}}' } }),
    settings: { timezone: 'Europe/Moscow', quietHours: { from: '21:00', to: '09:00' } },
  });

  it('the engine says so on conversion: a withdraw effect for the stage', () => {
    const cf = compiled(f());
    const r = start(cf, { type: 'go' }, contact({}, { consents: { email: true } }), night);
    expect(r.effects.find((e) => e.kind === 'send')).toMatchObject({ node: 'o', at: T0 });
    const paid = next(cf, r.snapshot, { type: 'order.paid', data: { sku: 'TRIP-1' } }, contact({}, { consents: { email: true } }), night + 60_000);
    expect(paid.effects).toContainEqual({ kind: 'withdraw', node: 'o', reason: 'converted' });
  });

  it('in the simulator the morning comes and no pitch goes out; without the purchase it does', () => {
    const bought = sim(f(), contact({}, { consents: { email: true } }), night);
    bought.event({ type: 'go' });
    bought.event({ type: 'order.paid', data: { sku: 'TRIP-1' } });
    bought.advance('P1D');
    expect(bought.messages).toEqual([]);
    const waiting = sim(f(), contact({}, { consents: { email: true } }), night);
    waiting.event({ type: 'go' });
    waiting.advance('PT13H');
    expect(waiting.messages.map((m) => [m.node, m.at])).toEqual([['o', T0]]);
  });

  it("the simulator's timeline says the held-back pitch was not sent and why, at the time it was due", async () => {
    const { timelineItems } = await import('../../../web/src/simulator/timeline.ts');
    const { deliveryReason } = await import('../../../web/src/lists/deliveryReason.ts');
    const bought = sim(f(), contact({}, { consents: { email: true } }), night);
    bought.event({ type: 'go' });
    bought.event({ type: 'order.paid', data: { sku: 'TRIP-1' } });
    expect(bought.withdrawn.map((m) => [m.node, m.at, m.reason])).toEqual([['o', T0, NOT_SENT.converted]]);
    const held = timelineItems(bought).find((i) => i.kind === 'postponed');
    expect(held).toMatchObject({ node: 'o', until: T0, notSent: NOT_SENT.converted });
    expect(deliveryReason(held!.notSent!, 'ru')).toBe('контакт купил на этом этапе раньше');
    expect(deliveryReason(held!.notSent!, 'en')).toBe('the contact bought at this stage first');
    // an exited run takes its held-back messages with it, said so too
    const left = sim({ ...f(), settings: { ...f().settings, exitWhen: [{ event: 'unsubscribed' }] } }, contact({}, { consents: { email: true } }), night);
    left.event({ type: 'go' });
    left.event({ type: 'unsubscribed' });
    expect(timelineItems(left).find((i) => i.kind === 'postponed')?.notSent).toBe(NOT_SENT.exited);
  });
});

describe('offer: validation', () => {
  it("an offer's email without a subject is warned about, as a message's is", async () => {
    const { validateFunnel } = await import('../../../shared/validate/validateFunnel.ts');
    const issues = validateFunnel(offerFunnel({ stage: 'tripwire', message: { channel: 'email', body: 'Buy' } })).issues;
    expect(issues.filter((i) => i.code === 'email-subject').map((i) => [i.nodeId, i.field, i.severity])).toEqual([['o', 'message.subject', 'warning']]);
  });
});

describe('offer: its product in the funnel\'s other messages ({{stages.<stage>.…}})', () => {
  const tripwire = { stage: 'tripwire', product: { sku: 'TRIP-1', name: 'Мини-курс', price: 990 }, window: 'P3D' };
  const withReminder = (body: string, nodes: ReturnType<typeof node>[] = [node('trip', 'offer', tripwire)]) =>
    funnel([trigger(), node('remind', 'message', { channel: 'sms', body }), ...nodes], [edge('start', 'next', 'remind'), ...(nodes.length ? [edge('remind', 'next', nodes[0].id)] : [])]);

  it('a plain message names a stage\'s product and its price, before the stage is even reached', () => {
    const s = sim(withReminder('Скоро: {{stages.tripwire.name}} за {{stages.tripwire.priceText}} (артикул {{stages.tripwire.sku}})'));
    s.event({ type: 'go' });
    expect(s.messages[0].body.replace(/[\u00a0\u202f]/g, ' ')).toBe('Скоро: Мини-курс за 990 ₽ (артикул TRIP-1)');
  });

  it('validation: a stage the funnel has is fine; another is an error naming the ones it has; without stages it says the stages give them', async () => {
    const { validateFunnel } = await import('../../../shared/validate/validateFunnel.ts');
    const codes = (f: unknown) => validateFunnel(f).issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.nodeId, i.message]);
    expect(codes(withReminder('{{stages.tripwire.name}}'))).toEqual([]);
    const wrong = codes(withReminder('{{stages.coreProduct.name}}'));
    expect(wrong).toEqual([['unknown-variable', 'remind', expect.stringContaining('the funnel has no stages "coreProduct"; it has tripwire')]]);
    const none = codes(withReminder('{{stages.tripwire.name}}', []));
    expect(none).toEqual([['unknown-variable', 'remind', expect.stringContaining('{{stages.tripwire.name}}: the stages.… variables come from stages ("Funnel stage" nodes), and the funnel has none yet.')]]);
    const ru = validateFunnel(withReminder('{{stages.coreProduct.priceText}}', []), { lang: 'ru' }).issues.map((i) => i.message);
    expect(ru).toEqual([expect.stringContaining('{{stages.coreProduct.priceText}}: переменные stages.… берутся из этапов («Этап воронки»), а в воронке их ещё нет.')]);
    // a root nothing gives is still unknown
    expect(codes(withReminder('{{stagez.tripwire.name}}', []))).toEqual([['unknown-variable', 'remind', expect.stringContaining('the variable {{stagez.tripwire.name}} is unknown')]]);
  });
});

describe('offer: a goal right after its sale', () => {
  const sale = (goal: Record<string, unknown>) =>
    funnel(
      [trigger(), node('trip', 'offer', { stage: 'tripwire', product: { sku: 'T-1', name: 'Мини-курс', price: 990 }, window: 'P3D' }), node('won', 'goal', goal)],
      [edge('start', 'next', 'trip'), edge('trip', 'converted', 'won')],
    );
  it('with a value of its own is a warning on the goal (the sale would count twice in revenue); without one, nothing', async () => {
    const { validateFunnel } = await import('../../../shared/validate/validateFunnel.ts');
    const twice = validateFunnel(sale({ name: 'bought', value: 3500 }), { lang: 'ru' }).issues.filter((i) => i.code === 'sale-value-twice');
    expect(twice).toEqual([expect.objectContaining({ severity: 'warning', nodeId: 'won', field: 'value' })]);
    expect(twice[0].message).toContain('прибавится к выручке воронки ещё раз');
    // the amount as money, in the funnel's currency
    expect(twice[0].message.replace(/[\u00a0\u202f]/g, ' ')).toContain('ценность цели (3 500 ₽)');
    expect(validateFunnel(sale({ name: 'bought' })).issues.filter((i) => i.code === 'sale-value-twice')).toEqual([]);
    // a value read from the purchase event is the very amount the stage recorded
    const read = validateFunnel(sale({ name: 'bought', valueFrom: 'lastEvent.data.amount' })).issues.filter((i) => i.code === 'sale-value-twice');
    expect(read).toEqual([expect.objectContaining({ severity: 'warning', nodeId: 'won', field: 'valueFrom' })]);
    expect(read[0].message).toContain('(from lastEvent.data.amount)');
  });

  it('a goal reading the latest event further on is the same money while no step between takes another event', async () => {
    const { validateFunnel } = await import('../../../shared/validate/validateFunnel.ts');
    const chain = (between: { type: string; data: Record<string, unknown> }, goal: Record<string, unknown>) =>
      funnel(
        [trigger(), node('trip', 'offer', { stage: 'tripwire', product: { sku: 'T-1', name: 'Мини-курс', price: 990 }, window: 'P3D' }), node('mid', between.type, between.data), node('won', 'goal', goal)],
        [edge('start', 'next', 'trip'), edge('trip', 'converted', 'mid'), edge('mid', between.type === 'wait' ? 'received' : 'next', 'won')],
      );
    const twice = (f: unknown) => validateFunnel(f).issues.filter((i) => i.code === 'sale-value-twice');
    const thanks = { type: 'message', data: { channel: 'email', subject: 'Спасибо', body: 'Спасибо за покупку', marketing: false } };
    expect(twice(chain(thanks, { name: 'bought', valueFrom: 'lastEvent.data.amount' }))).toEqual([expect.objectContaining({ nodeId: 'won', field: 'valueFrom', message: expect.stringContaining('comes after the sale') })]);
    // a wait takes an event of its own: the latest event is then another payment
    expect(twice(chain({ type: 'wait', data: { event: 'order.paid', timeout: 'P1D' } }, { name: 'bought', valueFrom: 'lastEvent.data.amount' }))).toEqual([]);
    // a fixed value further on may be money of its own: only right after the sale is it a warning
    expect(twice(chain(thanks, { name: 'bought', value: 500 }))).toEqual([]);
  });
});
