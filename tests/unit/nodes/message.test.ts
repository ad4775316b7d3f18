import { describe, expect, it } from 'vitest';
import { notSentCount } from '../../../shared/engine/types.ts';
import { DAY, HOUR, T0, compiled, contact, edge, funnel, next, node, path, sim, start, stateOf, trigger } from '../helpers.ts';

const hold = node('w', 'wait', { event: 'never.happens', timeout: 'P7D' });
/** trigger → message(s) → a wait that holds the run. */
const chain = (msgs: ReturnType<typeof node>[], settings?: Record<string, unknown>) =>
  funnel(
    [trigger(), ...msgs, hold],
    [edge('start', 'next', msgs[0].id), ...msgs.map((m, i) => edge(m.id, 'next', msgs[i + 1]?.id ?? 'w'))],
    settings,
  );
const email = (id: string, extra: Record<string, unknown> = {}) => node(id, 'message', { channel: 'email', subject: 'Hello', body: 'Hi {{contact.firstName}}', ...extra });
const MSK = 'Europe/Moscow';

describe('message: compile', () => {
  it('enters with a send action carrying channel, subject, body and marketing (default true), then goes on by next', () => {
    const cf = compiled(chain([email('m')]));
    const st = stateOf(cf, 'm');
    expect(st.entry).toEqual([
      { type: 'enter', params: { node: 'm' } },
      { type: 'send', params: { node: 'm', channel: 'email', subject: 'Hello', body: 'Hi {{contact.firstName}}', marketing: true } },
    ]);
    expect(st.always).toEqual([{ target: 'w', actions: [{ type: 'leave', params: { node: 'm', exit: 'next' } }] }]);
    expect(st.on).toBeUndefined();
    expect(st.after).toBeUndefined();
  });

  it('marketing: false is compiled into the send action; a message with no edge ends the run', () => {
    const cf = compiled(funnel([trigger(), node('m', 'message', { channel: 'sms', body: 'code 1234', marketing: false })], [edge('start', 'next', 'm')]));
    const st = stateOf(cf, 'm');
    expect(st.entry[1].params).toMatchObject({ channel: 'sms', marketing: false });
    expect(st.always[0].target).toBe('@completed');
  });
});

describe('message: runtime', () => {
  it('sends at once with the template rendered and goes on', () => {
    const r = start(compiled(chain([email('m', { subject: '{{contact.firstName}}, hello' })])));
    expect(r.at).toBe('w');
    const sends = r.effects.filter((e) => e.kind === 'send');
    expect(sends).toEqual([{ kind: 'send', id: 'r1:m:1', node: 'm', channel: 'email', subject: 'Anna, hello', body: 'Hi Anna', marketing: true, at: T0 }]);
    expect(r.journal).toContainEqual({ at: T0, kind: 'sent', node: 'm', reason: 'email' });
  });

  it('a webhook message written as JSON stays JSON whatever the values hold; one written as text is left as is', () => {
    const name = 'Q"uote \\ and\nline';
    const json = start(compiled(chain([node('m', 'message', { channel: 'webhook', body: '{"hello":"{{contact.firstName}}","x":"{{event.data.x}}"}', marketing: false })])), { type: 'go', data: { x: 'a"b' } }, contact({ firstName: name }));
    const sent = json.effects.find((e) => e.kind === 'send') as { body: string };
    expect(JSON.parse(sent.body)).toEqual({ hello: name, x: 'a"b' });
    const text = start(compiled(chain([node('m', 'message', { channel: 'webhook', body: 'Hi {{contact.firstName}}', marketing: false })])), { type: 'go' }, contact({ firstName: 'ООО "Ромашка"' }));
    expect(text.effects.find((e) => e.kind === 'send')).toMatchObject({ body: 'Hi ООО "Ромашка"' });
  });

  it('{{event.data.x}} is the event that STARTED the run, not a later one', () => {
    const f = funnel(
      [trigger(), node('w1', 'wait', { event: 'ping', timeout: 'P1D' }), node('m', 'message', { channel: 'sms', body: 'x={{event.data.x}} t={{event.type}}' })],
      [edge('start', 'next', 'w1'), edge('w1', 'received', 'm')],
    );
    const s = sim(f);
    s.event({ type: 'go', data: { x: 'from-start' } });
    s.event({ type: 'ping', data: { x: 'from-ping' } });
    expect(s.messages.map((m) => m.body)).toEqual(['x=from-start t=go']);
  });

  it('dates from event data are written for the reader in the contact\'s time zone; default stands in for an empty value', () => {
    const body = '{{event.data.at | datetime}} | {{event.data.at | date}} | {{event.data.at | time}} | {{event.data.at | datetime:en}} | {{event.data.day | date}} | {{event.data.ms | time}} | {{event.data.bad | date}} | {{contact.nickname | default:друг}} | {{contact.firstName | default:друг}}';
    const f = funnel([trigger(), node('m', 'message', { channel: 'sms', body })], [edge('start', 'next', 'm')]);
    const data = { at: '2026-11-24T16:00:00Z', day: '2026-11-24', ms: Date.parse('2026-11-24T16:30:00Z'), bad: '' };
    const inMoscow = sim(f, contact({ timezone: MSK }));
    inMoscow.event({ type: 'go', data });
    expect(inMoscow.messages[0].body).toBe('24 ноября 2026 г. в 19:00 | 24 ноября 2026 г. | 19:00 | 24 November 2026 at 19:00 | 24 ноября 2026 г. | 19:30 |  | друг | Anna');
    // a value that is not a date is not printed raw: the message is not sent (withheld, as written, with why)
    const unreadable = sim(f, contact({ timezone: MSK }));
    unreadable.event({ type: 'go', data: { ...data, bad: 'soon' } });
    expect(unreadable.messages).toEqual([]);
    expect(unreadable.withdrawn.map((m) => m.reason)).toEqual(['unreadable: event.data.bad "soon" is not a date']);
    // the same run for a contact in Novosibirsk: the time is hers; a calendar date stays that day
    const inNovosibirsk = sim(f, contact({ timezone: 'Asia/Novosibirsk' }));
    inNovosibirsk.event({ type: 'go', data });
    expect(inNovosibirsk.messages[0].body.split(' | ').slice(0, 5)).toEqual(['24 ноября 2026 г. в 23:00', '24 ноября 2026 г.', '23:00', '24 November 2026 at 23:00', '24 ноября 2026 г.']);
  });

  it('money writes an amount with the funnel\'s currency (or the one named), kopecks only when there are any; a message with a value that is no amount is not sent', () => {
    const body = '{{event.data.amount | money}} | {{event.data.cents | money}} | {{event.data.text | money}} | {{event.data.amount | money:usd}} | {{event.data.none | money | default:—}}';
    const data = { amount: 24900, cents: 24900.5, text: '1500', bad: 'много' };
    const rub = sim(funnel([trigger(), node('m', 'message', { channel: 'sms', body })], [edge('start', 'next', 'm')]), contact());
    rub.event({ type: 'go', data });
    const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
    expect(nbsp(rub.messages[0].body)).toBe('24 900 ₽ | 24 900,50 ₽ | 1 500 ₽ | 24 900 $ | —');
    // «много» is no amount: the message would say «итого много» — not sent
    const bad = sim(funnel([trigger(), node('m', 'message', { channel: 'sms', body: 'Итого {{event.data.bad | money}}' })], [edge('start', 'next', 'm')]), contact());
    bad.event({ type: 'go', data });
    expect(bad.messages).toEqual([]);
    expect(bad.withdrawn).toMatchObject([{ body: 'Итого много', reason: 'unreadable: event.data.bad "много" is not an amount' }]);
    // a funnel that sells in euros writes its amounts in euros
    const f = funnel([trigger(), node('m', 'message', { channel: 'sms', body: '{{event.data.amount | money}}' })], [edge('start', 'next', 'm')]);
    const eur = sim({ ...f, settings: { ...f.settings, currency: 'EUR' } }, contact());
    eur.event({ type: 'go', data });
    expect(nbsp(eur.messages[0].body)).toBe('24 900 €');
  });

  it('a missing variable renders as empty text', () => {
    const r = start(compiled(chain([node('m', 'message', { channel: 'sms', body: '[{{contact.nickname}}][{{event.data.none}}]' })])));
    expect(r.effects.find((e) => e.kind === 'send')).toMatchObject({ body: '[][]' });
  });

  it('escapes HTML in values of email bodies only (not the template, not the subject, not an sms)', () => {
    const evil = '<b>Tom & "Jerry"</b>';
    const f = chain([
      email('m1', { subject: 'Hi {{contact.firstName}}', body: '<p>Hi {{contact.firstName}}</p>' }),
      node('m2', 'message', { channel: 'sms', body: 'Hi {{contact.firstName}}' }),
    ]);
    const r = start(compiled(f), { type: 'go' }, contact({ firstName: evil }));
    const [m1, m2] = r.effects.filter((e) => e.kind === 'send') as { body: string; subject?: string }[];
    expect(m1.body).toBe('<p>Hi &lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;</p>');
    expect(m1.subject).toBe(`Hi ${evil}`);
    expect(m2.body).toBe(`Hi ${evil}`);
  });

  describe('consent', () => {
    it('a marketing message without consent for its channel is skipped and journaled; the run goes on', () => {
      const s = sim(chain([node('m', 'message', { channel: 'telegram', body: 'hi' }), email('m2')]), contact({}, { consents: { email: true, telegram: false } }));
      s.event({ type: 'go' });
      expect(s.messages.map((m) => m.node)).toEqual(['m2']);
      expect(s.pending).toEqual([]);
      const skipped = s.log.filter((j) => j.kind === 'skipped');
      expect(skipped).toHaveLength(1);
      expect(skipped[0]).toMatchObject({ node: 'm', at: T0 });
      expect(skipped[0].reason).toContain('telegram');
      expect(path(s)).toEqual(['start', 'm', 'm2', 'w']);
      expect(s.current!.at).toBe('w');
    });

    it('no consents at all: skipped, no send effect — a withhold effect with the message as written', () => {
      const r = start(compiled(chain([email('m')])), { type: 'go' }, contact({}, { consents: {} }));
      expect(r.effects.filter((e) => e.kind === 'send')).toEqual([]);
      expect(r.effects.filter((e) => e.kind === 'withhold')).toEqual([{ kind: 'withhold', id: expect.stringMatching(/:m:\d+$/), node: 'm', channel: 'email', subject: expect.any(String), body: expect.any(String), reason: 'no consent for email', marketing: true }]);
      expect(r.journal.map((j) => j.kind)).toContain('skipped');
      expect(r.at).toBe('w');
    });

    it('neither consent nor an address: the address is named, what to fix first (audit 34 L1), and counted as such', () => {
      const r = start(compiled(chain([email('m')])), { type: 'go' }, { id: 'c1', attributes: { firstName: 'Светлана' }, consents: {} });
      const held = r.effects.find((e) => e.kind === 'withhold') as { reason: string };
      expect(held.reason).toBe('the contact has no email address');
      expect(notSentCount(held.reason)).toBe('noAddress');
      expect(notSentCount('no consent for email')).toBe('skipped');
    });

    it('marketing: false ignores consent and quiet hours', () => {
      const late = Date.parse('2026-03-02T23:00:00+03:00');
      const f = chain([node('m', 'message', { channel: 'sms', body: 'code', marketing: false })], { timezone: MSK, quietHours: { from: '21:00', to: '09:00' } });
      const s = sim(f, contact({}, { consents: {} }), late);
      s.event({ type: 'go' });
      expect(s.messages).toHaveLength(1);
      expect(s.messages[0]).toMatchObject({ node: 'm', at: late, marketing: false });
      expect(s.log.some((j) => j.kind === 'skipped' || j.kind === 'postponed')).toBe(false);
    });
  });

  describe('quiet hours', () => {
    const quiet = (from: string, to: string) => chain([email('m')], { timezone: MSK, quietHours: { from, to } });

    it('a window that wraps midnight postpones to its end; the run goes on at once', () => {
      const late = Date.parse('2026-03-02T23:00:00+03:00');
      const s = sim(quiet('21:00', '09:00'), contact(), late);
      s.event({ type: 'go' });
      expect(s.current!.at).toBe('w');
      expect(s.log.find((j) => j.node === 'w' && j.kind === 'entered')!.at).toBe(late);
      expect(s.messages).toEqual([]);
      expect(s.pending).toHaveLength(1);
      expect(s.pending[0].at).toBe(Date.parse('2026-03-03T09:00:00+03:00'));
      expect(s.log.some((j) => j.kind === 'postponed' && j.node === 'm')).toBe(true);
      s.advance('PT9H59M');
      expect(s.messages).toEqual([]);
      s.advance('PT1M');
      expect(s.messages.map((m) => m.at)).toEqual([Date.parse('2026-03-03T09:00:00+03:00')]);
    });

    it('after midnight inside a wrapping window: to the same morning', () => {
      const r = start(compiled(quiet('21:00', '09:00')), { type: 'go' }, contact(), Date.parse('2026-03-03T02:00:00+03:00'));
      expect(r.effects.find((e) => e.kind === 'send')).toMatchObject({ at: Date.parse('2026-03-03T09:00:00+03:00') });
    });

    it('a window inside one day', () => {
      const cf = compiled(quiet('13:00', '15:00'));
      expect(start(cf, { type: 'go' }, contact(), Date.parse('2026-03-02T14:10:00+03:00')).effects.find((e) => e.kind === 'send')).toMatchObject({ at: Date.parse('2026-03-02T15:00:00+03:00') });
      expect(start(cf, { type: 'go' }, contact(), Date.parse('2026-03-02T15:00:00+03:00')).effects.find((e) => e.kind === 'send')).toMatchObject({ at: Date.parse('2026-03-02T15:00:00+03:00') });
      expect(start(cf, { type: 'go' }, contact(), Date.parse('2026-03-02T12:59:00+03:00')).effects.find((e) => e.kind === 'send')).toMatchObject({ at: Date.parse('2026-03-02T12:59:00+03:00') });
    });

    it('outside the window the message goes at once', () => {
      const r = start(compiled(quiet('21:00', '09:00')));
      expect(r.effects.find((e) => e.kind === 'send')).toMatchObject({ at: T0 });
      expect(r.journal.some((j) => j.kind === 'postponed')).toBe(false);
    });

    it("quiet hours are in the contact's own time zone", () => {
      const early = Date.parse('2026-03-02T07:30:00+03:00'); // 09:30 in Yekaterinburg
      const cf = compiled(quiet('21:00', '09:00'));
      const ekb = start(cf, { type: 'go' }, contact({ timezone: 'Asia/Yekaterinburg' }), early);
      expect(ekb.effects.find((e) => e.kind === 'send')).toMatchObject({ at: early });
      const msk = start(cf, { type: 'go' }, contact(), early);
      expect(msk.effects.find((e) => e.kind === 'send')).toMatchObject({ at: Date.parse('2026-03-02T09:00:00+03:00') });
    });
  });

  describe('frequency cap', () => {
    const cap = { timezone: MSK, frequencyCap: { max: 2, per: 'P1D' } };

    it('max 2 per P1D: the third message in a day is postponed a day; the run goes on at once', () => {
      const s = sim(chain([email('m1'), email('m2'), email('m3')], cap));
      s.event({ type: 'go' });
      expect(s.current!.at).toBe('w');
      expect(s.messages.map((m) => [m.node, m.at])).toEqual([['m1', T0], ['m2', T0]]);
      expect(s.pending.map((m) => [m.node, m.at])).toEqual([['m3', T0 + DAY]]);
      s.advance('P1D');
      expect(s.messages.map((m) => [m.node, m.at])).toEqual([['m1', T0], ['m2', T0], ['m3', T0 + DAY]]);
    });

    it('the window rolls: a message waits only until the oldest send drops out', () => {
      const f = funnel(
        [trigger(), email('m1'), node('d1', 'delay', { for: 'PT12H' }), email('m2'), node('d2', 'delay', { for: 'PT1H' }), email('m3'), hold],
        [edge('start', 'next', 'm1'), edge('m1', 'next', 'd1'), edge('d1', 'next', 'm2'), edge('m2', 'next', 'd2'), edge('d2', 'next', 'm3'), edge('m3', 'next', 'w')],
        cap,
      );
      const s = sim(f);
      s.event({ type: 'go' });
      s.advance('P2D');
      expect(s.messages.map((m) => [m.node, m.at])).toEqual([['m1', T0], ['m2', T0 + 12 * HOUR], ['m3', T0 + DAY]]);
    });

    it('a message moved by the cap into quiet hours goes out when they end', () => {
      // max 1 per 12h: the second would go at 21:00, which is quiet until 09:00
      const s = sim(chain([email('m1'), email('m2')], { timezone: MSK, quietHours: { from: '21:00', to: '09:00' }, frequencyCap: { max: 1, per: 'PT12H' } }));
      s.event({ type: 'go' });
      expect(s.pending.map((m) => m.at)).toEqual([Date.parse('2026-03-03T09:00:00+03:00')]);
    });

    it('non-marketing messages do not count against the cap', () => {
      const s = sim(chain([node('m0', 'message', { channel: 'sms', body: 'code', marketing: false }), email('m1'), email('m2')], cap));
      s.event({ type: 'go' });
      expect(s.messages.map((m) => m.at)).toEqual([T0, T0, T0]);
    });

    it('the cap counts this funnel’s messages from the contact’s other runs too', () => {
      const f = funnel([trigger({ event: 'go', reentry: 'always' }), email('m')], [edge('start', 'next', 'm')], { timezone: MSK, frequencyCap: { max: 1, per: 'P1D' } });
      const s = sim(f);
      s.event({ type: 'go' });
      s.advance('PT1H');
      s.event({ type: 'go' });
      expect(s.runs).toHaveLength(2);
      expect(s.messages.map((m) => m.at)).toEqual([T0]);
      expect(s.pending.map((m) => m.at)).toEqual([T0 + DAY]);
    });

    it('a postponed message is reported by step with its later time', () => {
      const cf = compiled(chain([email('m1'), email('m2'), email('m3')], cap));
      const r = start(cf);
      expect(r.effects.filter((e) => e.kind === 'send').map((e) => (e as { at: number }).at)).toEqual([T0, T0, T0 + DAY]);
      expect(r.journal.filter((j) => j.kind === 'postponed').map((j) => j.node)).toEqual(['m3']);
      const later = next(cf, r.snapshot, { type: 'unrelated' });
      expect(later.changed).toBe(false);
    });
  });
});
