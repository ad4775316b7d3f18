import { and, desc, eq, like, or } from 'drizzle-orm';
import type { Db } from '../db.ts';
import { stmt } from '../prepared.ts';
import { contacts, orders } from '../schema.ts';
import type { ContactRow, OrderRow, Tx } from '../../types.ts';

function readContact(db: Db, id: string): ContactRow | null {
  const r = stmt(db.$client, 'SELECT * FROM contacts WHERE id = ?').get(id) as Record<string, any> | undefined;
  return r
    ? { id: r.id, attributes: JSON.parse(r.attributes), consents: JSON.parse(r.consents), tags: JSON.parse(r.tags), segments: JSON.parse(r.segments), createdAt: r.created_at, updatedAt: r.updated_at }
    : null;
}

export const contactQueries = (db: Db): Pick<Tx, 'getContact' | 'getContacts' | 'upsertContact' | 'listContacts' | 'insertOrder' | 'listOrders'> => ({
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
  async listContacts({ search, limit, offset }) {
    const q = db.select().from(contacts);
    const where = search ? or(like(contacts.id, `%${search}%`), like(contacts.attributes, `%${search}%`)) : undefined;
    return (where ? q.where(where) : q).orderBy(desc(contacts.updatedAt)).limit(limit).offset(offset).all() as ContactRow[];
  },
  async insertOrder(o) {
    return db.insert(orders).values(o).onConflictDoNothing().run().changes > 0;
  },
  async listOrders(contactId) {
    return db.select().from(orders).where(and(eq(orders.contactId, contactId))).orderBy(desc(orders.at)).all() as OrderRow[];
  },
});
