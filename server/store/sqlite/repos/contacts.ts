import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db.ts';
import { stmt } from '../prepared.ts';
import { contacts, orders } from '../schema.ts';
import type { ContactFilter, ContactRow, OrderRow, Tx } from '../../types.ts';
import type { PendingCounts } from './steps.ts';

function readContact(db: Db, id: string): ContactRow | null {
  const r = stmt(db.$client, 'SELECT * FROM contacts WHERE id = ?').get(id) as Record<string, any> | undefined;
  return r
    ? { id: r.id, attributes: JSON.parse(r.attributes), consents: JSON.parse(r.consents), tags: JSON.parse(r.tags), segments: JSON.parse(r.segments), createdAt: r.created_at, updatedAt: r.updated_at }
    : null;
}

const DAY = 86_400_000;

/** The contacts list's filters, the same for a page and its count. */
const contactFilter = ({ search, tag, segment }: ContactFilter) =>
  and(
    search ? sql`voronka_matches(${contacts.id} || ' ' || ${contacts.attributes}, ${search})` : undefined,
    tag ? sql`EXISTS (SELECT 1 FROM json_each(${contacts.tags}) WHERE json_each.value = ${tag})` : undefined,
    segment ? sql`EXISTS (SELECT 1 FROM json_each(${contacts.segments}) WHERE json_each.value = ${segment})` : undefined,
  );

export const contactQueries = (db: Db, counts: PendingCounts): Pick<Tx, 'getContact' | 'getContacts' | 'upsertContact' | 'listContacts' | 'countContacts' | 'listContactIds' | 'attributeKeys' | 'insertOrder' | 'getOrder' | 'listOrders' | 'paidOrders' | 'buyerIds' | 'customerMetrics' | 'deleteContact'> => ({
  async deleteContact(id) {
    // runs waiting somewhere stop counting there
    for (const r of stmt(db.$client, "SELECT funnel_id, node FROM runs WHERE contact_id = ? AND status = 'waiting'").all(id) as { funnel_id: string; node: string | null }[]) counts.moved(r.funnel_id, r.node, null);
    stmt(db.$client, 'DELETE FROM timers WHERE run_id IN (SELECT id FROM runs WHERE contact_id = ?)').run(id);
    stmt(db.$client, 'DELETE FROM journal WHERE run_id IN (SELECT id FROM runs WHERE contact_id = ?)').run(id);
    for (const table of ['runs', 'outbox', 'tasks', 'events', 'orders']) stmt(db.$client, `DELETE FROM ${table} WHERE contact_id = ?`).run(id);
    stmt(db.$client, "UPDATE goals SET contact_id = '' WHERE contact_id = ?").run(id);
    return stmt(db.$client, 'DELETE FROM contacts WHERE id = ?').run(id).changes > 0;
  },
  async customerMetrics(now, lines = { activeDays: 90, lostDays: 180, repeatFrom: 2 }) {
    const contacts = (stmt(db.$client, 'SELECT count(*) AS n FROM contacts').get() as { n: number }).n;
    // one row per buyer and currency, then the figures per currency
    const currencies = stmt(
      db.$client,
      `SELECT currency, count(*) AS buyers, sum(n) AS orders, sum(total) AS revenue,
              sum(n >= ?) AS repeaters, sum(last >= ?) AS active, sum(last < ?) AS churned
       FROM (SELECT contact_id, currency, count(*) AS n, sum(amount) AS total, max(at) AS last
             FROM orders WHERE status = 'paid' GROUP BY contact_id, currency)
       GROUP BY currency ORDER BY revenue DESC`,
    ).all(lines.repeatFrom, now - lines.activeDays * DAY, now - lines.lostDays * DAY) as { currency: string; buyers: number; orders: number; revenue: number; repeaters: number; active: number; churned: number }[];
    const cells = stmt(db.$client, "SELECT j.value AS segment, count(*) AS n FROM contacts c, json_each(c.segments) j WHERE j.value LIKE 'lifecycle:%' GROUP BY j.value").all() as { segment: string; n: number }[];
    return {
      contacts,
      lifecycle: Object.fromEntries(cells.map((c) => [c.segment, c.n])),
      currencies: currencies.map((c) => ({
        currency: c.currency,
        buyers: c.buyers,
        orders: c.orders,
        revenue: c.revenue,
        averageCheck: c.orders ? c.revenue / c.orders : 0,
        repeatShare: c.buyers ? c.repeaters / c.buyers : 0,
        frequency: c.buyers ? c.orders / c.buyers : 0,
        activeBuyers: c.active,
        churnedBuyers: c.churned,
      })),
    };
  },
  async getContact(id) {
    return readContact(db, id);
  },
  async getContacts(ids) {
    return ids.map((id) => readContact(db, id)).filter((c): c is ContactRow => c !== null);
  },
  async upsertContact(c) {
    const { id, createdAt, ...rest } = c;
    db.insert(contacts).values(c).onConflictDoUpdate({ target: contacts.id, set: rest }).run();
    void id;
    void createdAt;
  },
  async listContacts({ limit, offset, ...filter }) {
    return db.select().from(contacts).where(contactFilter(filter)).orderBy(desc(contacts.updatedAt), asc(contacts.id)).limit(limit).offset(offset).all() as ContactRow[];
  },
  async listContactIds(filter) {
    return db.select({ id: contacts.id }).from(contacts).where(contactFilter(filter)).orderBy(asc(contacts.id)).all().map((r) => r.id);
  },
  async countContacts(filter) {
    return db.select({ n: count() }).from(contacts).where(contactFilter(filter)).get()!.n;
  },
  async attributeKeys(sample) {
    const rows = stmt(db.$client, 'SELECT DISTINCT j.key AS key FROM (SELECT attributes FROM contacts ORDER BY updated_at DESC LIMIT ?) c, json_each(c.attributes) j ORDER BY j.key').all(sample) as { key: string }[];
    return rows.map((r) => r.key);
  },
  async insertOrder(o) {
    return db.insert(orders).values(o).onConflictDoNothing().run().changes > 0;
  },
  async getOrder(id) {
    return (db.select().from(orders).where(eq(orders.id, id)).get() as OrderRow | undefined) ?? null;
  },
  async listOrders(contactId) {
    return db.select().from(orders).where(and(eq(orders.contactId, contactId))).orderBy(desc(orders.at)).all() as OrderRow[];
  },
  async paidOrders(contactId) {
    const r = stmt(db.$client, "SELECT count(*) AS count, max(at) AS lastAt FROM orders WHERE contact_id = ? AND status = 'paid'").get(contactId) as { count: number; lastAt: number | null };
    return { count: r.count, lastAt: r.lastAt };
  },
  async buyerIds(after, limit) {
    return (stmt(db.$client, "SELECT DISTINCT contact_id AS id FROM orders WHERE status = 'paid' AND contact_id > ? ORDER BY contact_id LIMIT ?").all(after, limit) as { id: string }[]).map((r) => r.id);
  },
});
