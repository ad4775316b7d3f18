import { randomUUID } from 'node:crypto';
import { funnelLocale, type Funnel } from '../../shared/format/funnel.ts';
import { senderContact, testMessages } from '../../shared/engine/testMessage.ts';
import { ADDRESS_ATTRIBUTE } from '../channels/types.ts';
import { HttpError } from '../http/errors.ts';
import type { Clock } from '../runtime/clock.ts';
import type { Dispatcher } from '../runtime/Dispatcher.ts';
import type { ContactRow, OutboxRow, Store, UserRow } from '../store/types.ts';

/** Who a test goes to: a contact whose data fills the templates, and/or an address of the channel. */
export interface TestSendInput {
  contactId?: string;
  to?: string;
  /** The data of the run's start event, for the message's {{event.data.…}} (none by default). */
  eventData?: Record<string, unknown>;
}

const NO_ADDRESS: Record<string, string> = {
  email: 'an email address',
  sms: 'a phone number',
  telegram: 'a Telegram chat id',
  vk: 'a VK user id',
  whatsapp: 'a phone number',
  webhook: 'a webhook URL',
  viber: 'a Viber subscriber id',
};

/**
 * Test sends from the editor: a node's message from the saved draft, filled in with a contact's
 * data (or the sender's own name and address), goes out at once through the configured channel,
 * or to the dev outbox when none is set up. It is kept in the outbox like any message (run
 * `test`), so the Messages page shows it; its unsubscribe link records nothing.
 */
export class TestSendService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly dispatcher: Dispatcher,
    private readonly unsubscribeUrl: (contactId: string, channel: string) => string,
  ) {}

  async send(funnelId: string, nodeId: string, input: TestSendInput, sender: UserRow): Promise<OutboxRow[]> {
    const f = await this.store.read.getFunnel(funnelId);
    if (!f) throw new HttpError(404, `no funnel "${funnelId}"`);
    let contact: ContactRow;
    if (input.contactId !== undefined) {
      const c = await this.store.read.getContact(input.contactId);
      if (!c) throw new HttpError(404, `contactId: no contact "${input.contactId}"`);
      contact = c;
    } else contact = { ...senderContact(sender.name, sender.email), consents: {}, tags: [], segments: [], createdAt: 0, updatedAt: 0 };
    const now = this.clock.now();
    const r = testMessages(f.draft as Funnel, nodeId, contact, now, input.eventData);
    if (!r.ok) {
      if (r.code === 'no-node') throw new HttpError(404, `node: no node "${nodeId}" in the draft of "${funnelId}"`);
      if (r.code === 'invalid') throw new HttpError(422, `node: the settings of "${nodeId}" have problems: fix them before a test send`);
      throw new HttpError(422, `node: "${nodeId}" sends no message`);
    }
    // every message's recipient first: nothing goes out when one has no address
    const to = input.to?.trim();
    const addressed = r.messages.map((m) => {
      const attr = ADDRESS_ATTRIBUTE[m.channel];
      if (!attr) return { m, recipient: contact };
      const address = to || contact.attributes[attr];
      if (address === undefined || address === null || String(address).trim() === '')
        throw new HttpError(422, `to: give ${NO_ADDRESS[m.channel] ?? 'an address'} to send the test to (the contact has no ${attr})`);
      return { m, attr, recipient: { ...contact, attributes: { ...contact.attributes, [attr]: address } } };
    });
    const rows: OutboxRow[] = [];
    for (const { m, attr, recipient } of addressed) {
      const row: OutboxRow = {
        id: `test:${randomUUID()}`,
        runId: 'test',
        funnelId,
        contactId: contact.id,
        node: nodeId,
        channel: m.channel,
        marketing: m.marketing,
        payload: { ...(m.subject !== undefined ? { subject: m.subject } : {}), body: m.body, test: true, ...(m.channel === 'email' ? { locale: funnelLocale(f.draft) } : {}), ...(attr ? { to: String(recipient.attributes[attr]) } : {}) },
        dueAt: now,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: now,
        lastError: null,
        reply: null,
        sentAt: null,
        createdAt: now,
      };
      // an empty contact id in the unsubscribe link: following it records nothing
      rows.push({ ...row, ...(await this.dispatcher.sendTest(row, recipient, this.unsubscribeUrl('', m.channel))) });
    }
    await this.store.transaction(async (tx) => tx.insertOutbox(rows));
    return rows;
  }
}
