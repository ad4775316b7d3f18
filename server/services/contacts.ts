import { nodeDef } from '../../shared/nodes/registry.ts';
import { CurrencyCode, notZone, workspaceSettings } from './workspace.ts';
import { isLifecycleSegment, withLifecycle } from '../../shared/format/lifecycle.ts';
import { csvDelimiter } from '../../shared/format/csvText.ts';
import type { ContactWarning, ImportReportDto, ImportRowProblem, PaymentEventDto, SuppressionDto } from '../../shared/api/types.ts';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { HttpError } from '../http/errors.ts';
import { RuntimeInputError, type IngestResult, type OnFresh, type Runtime } from '../runtime/Runtime.ts';
import type { ContactRow, OrderRow, Store } from '../store/types.ts';
import { splitList } from '../../shared/format/list.ts';
import { isValidZone, zoneOfCity } from '../../shared/format/zones.ts';
import { ADDRESS_ATTRIBUTE, isEmailAddress, textFieldError } from '../../shared/format/common.ts';
import { channelAddress, homeCountry } from '../channels/phone.ts';
import { isPhoneLike } from '../../shared/format/phone.ts';
import { MAX_AMOUNT, currencyDecimals, isCurrencyCode, isPaymentType, paidAmount } from '../../shared/format/currency.ts';

/** Columns that hold an address (a phone, a chat id): kept as written, never read as a number. */
const ADDRESS_COLUMNS = new Set(Object.values(ADDRESS_ATTRIBUTE));

export const ContactInput = z
  .strictObject({
    id: z.string({ error: textFieldError('your id for this contact') }).min(1, { error: 'must not be empty' }).max(200),
    attributes: z.record(z.string(), z.unknown()).optional(),
    consents: z.record(z.string(), z.boolean({ error: 'consents are true or false' })).optional(),
    tags: z.array(z.string()).optional(),
    segments: z.array(z.string()).optional(),
  })
  .superRefine((c, ctx) => {
    // an address that cannot be one is refused, as in a CSV import (a message to it could only fail)
    const email = c.attributes?.email;
    if (email !== undefined && email !== null && email !== '' && !(typeof email === 'string' && isEmailAddress(email)))
      ctx.addIssue({ code: 'custom', path: ['attributes', 'email'], message: `${JSON.stringify(email)} is not an email address` });
    const phone = c.attributes?.phone;
    if (phone !== undefined && phone !== null && phone !== '' && !((typeof phone === 'string' || typeof phone === 'number') && isPhoneLike(String(phone))))
      ctx.addIssue({ code: 'custom', path: ['attributes', 'phone'], message: notPhone(JSON.stringify(phone)) });
    // the time zone every date and quiet hour of theirs is read in: a name the engine would silently ignore is refused, as in a CSV import
    const tz = c.attributes?.timezone;
    if (tz !== undefined && tz !== null && tz !== '' && (typeof tz !== 'string' || !isValidZone(tz)))
      ctx.addIssue({ code: 'custom', path: ['attributes', 'timezone'], message: notZone(tz) });
  });
export type ContactInput = z.infer<typeof ContactInput>;

export const OrderInput = z.strictObject({
  id: z.string({ error: (iss) => (iss.input === undefined ? 'is required: your id for this order (a repeat with the same id is recognised)' : 'must be text: your id for this order') }).min(1, { error: 'must not be empty' }).max(200),
  contactId: z.string({ error: textFieldError('the id of the contact who ordered') }).min(1, { error: 'must not be empty' }),
  sku: z.string({ error: 'must be text: the product code' }).min(1, { error: 'must not be empty' }).optional(),
  // as an order.paid event's `data.amount` is read: a number, or text as people write it («3 200», «4 990,50»)
  amount: z
    .union([z.number(), z.string()], { error: (iss) => (iss.input === undefined ? 'is required: what was paid, e.g. 3200 or "3 200"' : notAmount(iss.input)) })
    .describe('What was paid: a number, or text as people write it ("3 200", "4 990,50", "1,234.50"), read as an order.paid event\'s data.amount is')
    .transform((v, ctx) => {
      const n = paidAmount(v);
      if (n !== undefined && n <= MAX_AMOUNT) return n;
      ctx.addIssue({ code: 'custom', message: notAmount(v) });
      return z.NEVER;
    }),
  currency: CurrencyCode.optional(),
  status: z.enum(['paid', 'refunded', 'pending'], { error: 'must be "paid", "refunded" or "pending"' }).optional(),
  at: z.iso.datetime({ offset: true, error: 'must be an ISO timestamp' }).optional(),
  data: z.record(z.string(), z.unknown(), { error: 'must be an object of extra fields' }).optional(),
});

export type ImportReport = ImportReportDto;

/** Why a payment's amount cannot be read, as `/api/orders` and an `order.paid` event's `data.amount` both say it. */
const notAmount = (amount: unknown) =>
  `${JSON.stringify(amount)} is not an amount (a number, not negative, at most 1000000000000, such as 24900, "24 900,50" or "24,900.50")${
    typeof amount === 'string' && /[$€£₽₸¥]|руб|usd|eur|rub|dollar/i.test(amount) ? ' — write it without the currency, which goes in "currency" (e.g. "amount": "12.50", "currency": "USD")' : ''
  }`;

/** The life-cycle segments sent for a contact that it is not in once saved: they are worked out from its paid orders, not set by hand. */
const lifecycleNotSet = (sent: readonly string[] | undefined, saved: ContactRow) => (sent ?? []).filter((s) => isLifecycleSegment(s) && !saved.segments.includes(s));
const lifecycleMessage = (value: string) => `${JSON.stringify(value)} is a life-cycle segment: worked out from the contact's paid orders, never set by hand — left out`;

const notPhone = (shown: string) => `${shown} is not a phone number (7 to 15 digits, e.g. +7 916 555-12-34 or +1 212 555 0123)`;

/**
 * What makes an `order.paid` event's payment unreadable — its `data.amount` (when it has one) or `data.currency` —
 * said as `POST /api/orders` says it. Such an event is refused: taken, it would move a funnel's «paid» wait and count a
 * sale whose order could not be recorded.
 */
export function paymentIssues(data: Record<string, unknown> | undefined): { path: string[]; message: string }[] {
  const out: { path: string[]; message: string }[] = [];
  const amount = data?.amount;
  if (amount !== undefined && amount !== null) {
    const n = paidAmount(amount);
    if (n === undefined || n > MAX_AMOUNT) out.push({ path: ['data', 'amount'], message: `${notAmount(amount)} — an order.paid says what was paid` });
  }
  const currency = data?.currency;
  if (currency !== undefined && currency !== null && !(typeof currency === 'string' && isCurrencyCode(currency.trim().toUpperCase())))
    out.push({ path: ['data', 'currency'], message: `${JSON.stringify(currency)} is not an ISO 4217 currency code such as RUB or USD` });
  return out;
}

/** Contacts (upsert merges attributes), CSV import and orders. */
export class ContactService {
  constructor(private readonly store: Store, private readonly runtime: Runtime) {}

  /**
   * Creates or updates a contact: given attributes and consents are merged into the stored ones
   * (an attribute given as null is removed); tags and segments, when given, replace the old ones.
   */
  async upsert(input: ContactInput): Promise<ContactRow> {
    const before = await this.store.read.getContact(input.id);
    const attributes: Record<string, unknown> = { ...(before?.attributes ?? {}), ...(input.attributes ?? {}) };
    for (const [k, v] of Object.entries(input.attributes ?? {})) if (v === null) delete attributes[k];
    return this.runtime.upsertContact({
      id: input.id,
      attributes,
      consents: { ...(before?.consents ?? {}), ...(input.consents ?? {}) },
      tags: input.tags ?? before?.tags ?? [],
      // the life-cycle segments are worked out from orders: those sent are left out, the contact's kept
      segments: input.segments ? withLifecycle(input.segments, (before?.segments ?? []).filter(isLifecycleSegment)) : (before?.segments ?? []),
    });
  }

  /**
   * `POST /api/contacts`: `upsert`, with a note under `warnings` for each life-cycle segment sent that the contact is
   * not in (they are worked out from paid orders, never set). Not refused: an integration that sends back a contact
   * it read (its life-cycle segments with it) is not broken, and one that meant to set them is told.
   */
  async upsertNoted(input: ContactInput): Promise<ContactRow & { warnings?: ContactWarning[] }> {
    const saved = await this.upsert(input);
    const warnings = lifecycleNotSet(input.segments, saved).map((value) => ({ field: 'segments', code: 'lifecycle-segment' as const, value, message: lifecycleMessage(value) }));
    return warnings.length ? { ...saved, warnings } : saved;
  }

  async get(id: string) {
    const c = await this.store.read.getContact(id);
    if (!c) throw new HttpError(404, `no contact "${id}"`);
    const payments = await this.payments(id);
    const suppressed = await this.suppressed(c);
    return { ...c, orders: await this.store.read.listOrders(id), ...(payments.length ? { payments } : {}), ...(suppressed.length ? { suppressed } : {}) };
  }

  /** The contact's addresses (as they are now) that nothing is sent to: each bounced for good. */
  private async suppressed(c: ContactRow): Promise<SuppressionDto[]> {
    const country = await this.phoneCountry();
    const keys = Object.keys(ADDRESS_ATTRIBUTE).flatMap((channel) => {
      const address = channelAddress(channel, c.attributes, country);
      return address ? [{ channel, address }] : [];
    });
    return this.store.read.suppressions(keys);
  }

  /** The country a phone without its country code is read in: the workspace's, by its time zone (as SMS are sent). */
  private async phoneCountry() {
    return homeCountry((await this.workspace()).timezone);
  }

  /** Lifts the suppression of the contact's address on a channel (the person fixed their mailbox): sent to again. */
  async unsuppress(id: string, channel: string): Promise<void> {
    const c = await this.store.read.getContact(id);
    if (!c) throw new HttpError(404, `no contact "${id}"`);
    const address = channelAddress(channel, c.attributes, await this.phoneCountry());
    const lifted = address ? await this.store.transaction((tx) => tx.unsuppress(channel, address)) : false;
    if (!lifted) throw new HttpError(404, `channel: contact "${id}" has no suppressed ${channel} address`);
  }

  /**
   * The contact's payments that came as events of their own (`subscription.paid` with `data.amount`;
   * a type that says money came in), newest first, since `after` when given; `order.paid` is listed as an order instead.
   */
  async payments(contactId: string, after = -Infinity): Promise<PaymentEventDto[]> {
    return (await this.store.read.contactEvents(contactId, 200)).flatMap((e) => {
      const data = e.data as { amount?: unknown; currency?: unknown };
      const amount = paidAmount(data.amount);
      if (e.at <= after || e.type === 'order.paid' || !isPaymentType(e.type) || amount === undefined) return [];
      const currency = typeof data.currency === 'string' ? data.currency.toUpperCase() : undefined;
      return [{ type: e.type, amount, ...(isCurrencyCode(currency) ? { currency } : {}), at: e.at }];
    });
  }

  /** Forgets a contact (a deletion request): everything stored about them goes; 404 when unknown. */
  async remove(id: string): Promise<void> {
    if (!(await this.runtime.deleteContact(id))) throw new HttpError(404, `no contact "${id}"`);
  }

  /** The customer base in figures (paid orders per currency). */
  async metrics() {
    const { lifecycle: l } = await this.workspace();
    return this.store.read.customerMetrics(this.runtime.clock.now(), { activeDays: l.sleepingAfterDays, lostDays: l.lostAfterDays, repeatFrom: l.repeatFrom });
  }

  /** The contact's events, newest first: 404 for an unknown contact. */
  async events(id: string, limit: number) {
    if (!(await this.store.read.getContact(id))) throw new HttpError(404, `no contact "${id}"`);
    return this.store.read.contactEvents(id, limit);
  }

  /** Attribute names in use (from the 1,000 most recently updated contacts): hints for templates and rules. */
  attributeKeys(): Promise<string[]> {
    return this.store.read.attributeKeys(1000);
  }

  list(search: string | undefined, limit: number, offset: number, tag?: string) {
    return this.store.read.listContacts({ search, tag, limit, offset });
  }

  count(search: string | undefined, tag?: string) {
    return this.store.read.countContacts({ search, tag });
  }

  /**
   * The contacts (those matching `search` and having `tag`, or all) as CSV in the import's own format, so an
   * export imports back as it was: `id`, every attribute seen (sorted), `consent.<channel>`
   * (yes/no), `tags` and `segments` (`;`-separated). Non-text attribute values are written as
   * JSON. UTF-8 with a BOM, so spreadsheet programs read Cyrillic right.
   */
  async exportCsv(search?: string, tag?: string, delimiter: ',' | ';' = ','): Promise<string> {
    const rows: ContactRow[] = [];
    for (let offset = 0; ; offset += 500) {
      const page = await this.store.read.listContacts({ search, tag, limit: 500, offset });
      rows.push(...page);
      if (page.length < 500) break;
    }
    const attrs = [...new Set(rows.flatMap((c) => Object.keys(c.attributes)))].filter((k) => !['id', 'tags', 'segments'].includes(k) && !k.startsWith('consent.')).sort();
    const channels = [...new Set(rows.flatMap((c) => Object.keys(c.consents)))].sort();
    const header = ['id', ...attrs, ...channels.map((ch) => `consent.${ch}`), 'tags', 'segments'];
    const text = (v: unknown) => (v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v));
    const lines = rows.map((c) =>
      [c.id, ...attrs.map((a) => text(c.attributes[a])), ...channels.map((ch) => (c.consents[ch] === undefined ? '' : c.consents[ch] ? 'yes' : 'no')), c.tags.join(';'), c.segments.join(';')].map(csvField).join(delimiter),
    );
    return `\uFEFF${[header.map(csvField).join(delimiter), ...lines].join('\r\n')}\r\n`;
  }

  /**
   * Imports contacts from CSV with a header row: `id` (required), `consent.<channel>` (also
   * written `consent_<channel>`; yes/no/true/false/1/0), `tags` and `segments` (separated by `;`), anything else becomes an
   * attribute (typed by `csvValue`). Each bad row is reported with the line it starts on and its
   * field, and left out; good rows are imported. A row whose fields do not line up with the header,
   * a second row with the same id, and text that cannot be read as CSV (a quote never closed) are
   * bad rows too, never a reason to drop the whole file.
   */
  async importCsv(text: string): Promise<ImportReport> {
    const read = readCsv(text);
    const { rows, unreadable } = read;
    // `consent_email` / `consent-email` (as spreadsheets and other tools write it) is the consent
    // column `consent.email`, not an attribute that would leave every contact without consent
    const header = read.header.map((h) => h.replace(/^consent[_-](\w+)$/i, (_, ch: string) => `consent.${ch.toLowerCase()}`));
    if (header.length && !header.includes('id')) throw new HttpError(400, `the CSV needs an "id" column in its first row (it has: ${header.slice(0, 8).join(', ')}${header.length > 8 ? ', …' : ''})`);
    const report: ImportReport = { imported: 0, created: 0, failed: unreadable.length, errors: [...unreadable] };
    const seen = new Map<string, number>();
    const good: { row: number; input: ContactInput }[] = [];
    for (const { row, cells } of rows) {
      const problems: ImportRowProblem[] = [];
      if (cells.length !== header.length) {
        problems.push({ field: '', code: 'columns', value: String(cells.length), expected: header.length, message: `has ${cells.length} fields where the header has ${header.length}` });
      }
      const rec = Object.fromEntries(header.map((col, i) => [col, cells[i] ?? '']));
      const input: ContactInput = { id: rec.id, attributes: {}, consents: {} };
      if (!rec.id) problems.push({ field: 'id', code: 'empty', message: 'is empty' });
      else if (seen.has(rec.id)) problems.push({ field: 'id', code: 'duplicate', value: rec.id, firstRow: seen.get(rec.id), message: `"${rec.id}" is already in row ${seen.get(rec.id)}` });
      else seen.set(rec.id, row);
      for (const [col, value] of Object.entries(rec)) {
        if (col === 'id' || value === '' || problems.some((p) => p.code === 'columns')) continue;
        if (col.startsWith('consent.')) {
          const v = value.toLowerCase();
          if (['yes', 'true', '1', 'да'].includes(v)) input.consents![col.slice(8)] = true;
          else if (['no', 'false', '0', 'нет'].includes(v)) input.consents![col.slice(8)] = false;
          else problems.push({ field: col, code: 'not-yes-no', value, message: `"${value}" is not yes/no` });
        } else if (col === 'tags' || col === 'segments') input[col] = splitList(value);
        else if (col === 'email' && !isEmailAddress(value)) problems.push({ field: col, code: 'not-email', value, message: `"${value}" is not an email address` });
        else if (col === 'phone' && !isPhoneLike(value)) problems.push({ field: col, code: 'not-phone', value, message: notPhone(JSON.stringify(value)) });
        else if (col === 'timezone' && !isValidZone(value)) {
          const zone = zoneOfCity(value);
          problems.push({ field: col, code: 'not-timezone', value, ...(zone ? { zone } : {}), message: notZone(value) });
        }
        else input.attributes![col] = csvValue(value, col);
      }
      if (problems.length) {
        report.failed++;
        report.errors.push(...problems.map((p) => ({ row, ...p, ...(rec.id ? { id: rec.id } : {}) })));
        continue;
      }
      good.push({ row, input });
    }
    const warnings = [...textInNumberColumns(good), ...unreadableDates(good)];
    const noConsent = new Map<string, number>();
    // channels the file gives addresses for (an email column: email), whose consent its contacts lack
    // — of the channels the workspace's funnels send marketing on (a phone column says nothing of WhatsApp to a clinic that never uses it)
    const used = await this.marketingChannels();
    const reachable = Object.entries(ADDRESS_ATTRIBUTE).filter(([channel, attr]) => channel !== 'webhook' && header.includes(attr) && used.has(channel)).map(([channel]) => channel);
    for (const { row, input } of good) {
      const existed = await this.store.read.getContact(input.id);
      const saved = await this.upsert(input);
      report.imported++;
      for (const value of lifecycleNotSet(input.segments, saved)) warnings.push({ row, id: input.id, field: 'segments', code: 'lifecycle-segment', value, message: lifecycleMessage(value) });
      if (!existed) report.created!++;
      for (const ch of reachable) if (saved.consents[ch] !== true && saved.attributes[ADDRESS_ATTRIBUTE[ch]] != null) noConsent.set(ch, (noConsent.get(ch) ?? 0) + 1);
    }
    if (warnings.length) report.warnings = warnings;
    if (noConsent.size) report.withoutConsent = Object.fromEntries(noConsent);
    return report;
  }

  /** The channels some funnel (its draft) sends a marketing message on: the ones consent matters for. */
  private async marketingChannels(): Promise<Set<string>> {
    const out = new Set<string>();
    for (const f of await this.store.read.listFunnels()) {
      const nodes = (f.draft as { nodes?: { type?: unknown; data?: unknown }[] }).nodes ?? [];
      for (const n of nodes) {
        const def = typeof n.type === 'string' ? nodeDef(n.type) : undefined;
        try {
          for (const m of def?.messages?.(n.data as never) ?? []) if (m.marketing) out.add(m.channel);
        } catch {
          // a draft node whose data is not complete yet sends nothing
        }
      }
    }
    return out;
  }

  /** The workspace's settings (`services/workspace.ts`). */
  workspace(): ReturnType<typeof workspaceSettings> {
    return workspaceSettings(this.store);
  }

  /**
   * Records an order (in the workspace's currency when it names none, with at most that currency's
   * decimals); a paid order also comes in as the event `order.paid` (idempotent by order id), in the
   * same transaction as the order, so a crash between the two can neither keep the order without its
   * event nor the reverse — and the answer says which runs it did not move and why (`ignored`, as for
   * events). A repeat of an order already stored changes nothing (`created: false`); the same id with
   * another contact, amount, currency or product is refused (409), so a corrected resend is not lost unnoticed.
   */
  async addOrder(o: z.infer<typeof OrderInput>): Promise<{ created: boolean; ignored?: IngestResult['ignored'] }> {
    if (!(await this.store.read.getContact(o.contactId))) throw new HttpError(404, `contactId: no contact "${o.contactId}"`);
    const at = o.at ? Date.parse(o.at) : this.runtime.clock.now();
    const row: OrderRow = { id: o.id, contactId: o.contactId, sku: o.sku ?? null, amount: o.amount, currency: o.currency ?? (await this.workspace()).currency, status: o.status ?? 'paid', data: o.data ?? {}, at };
    // checked against the currency it is in (the workspace's when the order names none): 0 decimals for yen
    const decimals = currencyDecimals(row.currency);
    if (Math.abs(Math.round(o.amount * 10 ** decimals) - o.amount * 10 ** decimals) > 1e-6) {
      const message = `${o.amount} has more decimals than ${row.currency} has (${decimals})`;
      throw new HttpError(400, `amount: ${message}`, { issues: [{ field: 'amount', message }] });
    }
    const before = await this.store.read.getOrder(o.id);
    if (before) {
      const differs = (['contactId', 'amount', 'currency', 'sku'] as const).filter((k) => before[k] !== row[k]);
      if (differs.length)
        throw new HttpError(409, `id: order "${o.id}" exists for contact "${before.contactId}" with amount ${before.amount} ${before.currency}${before.sku ? ` (sku ${before.sku})` : ''}; not changed (this one differs in ${differs.join(', ')}) — a new order needs a new id`);
      return { created: false };
    }
    if (row.status !== 'paid') return { created: await this.store.transaction((tx) => tx.insertOrder(row)) };
    // the event is dated when the order was paid (an order history sent later lists each payment on its day)
    // and its data says when (`{{event.data.at | datetime}}` in a thank-you message)
    const event = { id: `order:${o.id}`, type: 'order.paid', contactId: o.contactId, data: { ...row.data, orderId: o.id, sku: o.sku, amount: o.amount, currency: row.currency, at: new Date(at).toISOString() }, ...(o.at ? { at: o.at } : {}) };
    let created = false;
    let result: IngestResult;
    try {
      result = await this.runtime.ingest([event], {
        onFresh: async (tx) => {
          // an order stored under this id meanwhile is not paid twice
          created = await tx.insertOrder(row);
          if (!created) throw new RuntimeInputError(409, `id: order "${o.id}" exists`, 'id');
        },
      });
    } catch (e) {
      if (e instanceof RuntimeInputError && e.status === 409) return { created: false };
      throw e;
    }
    return { created, ...(result.ignored ? { ignored: result.ignored } : {}) };
  }

  /**
   * Called for each new event sent to `POST /api/events`: an `order.paid` with an amount is the
   * contact's paid order too (id: its `data.orderId`, else the event's id; currency: its
   * `data.currency`, else the workspace's), so the contact's page and the customer figures show
   * payments an integration reports as events. An order already stored under that id (one sent to
   * `POST /api/orders` comes in as such an event) is left as it is.
   */
  readonly recordPaidOrder: OnFresh = async (tx, e) => {
    if (e.type !== 'order.paid') return;
    const data = e.data ?? {};
    // an amount or currency that cannot be read was refused at the edge (paymentIssues): here there is one, or none
    const amount = paidAmount(data.amount);
    if (amount === undefined) return;
    const id = typeof data.orderId === 'string' && data.orderId ? data.orderId : typeof data.orderId === 'number' ? String(data.orderId) : `event:${e.id}`;
    const named = typeof data.currency === 'string' ? data.currency.trim().toUpperCase() : undefined;
    const currency = named ?? (await this.workspace()).currency;
    const sku = typeof data.sku === 'string' && data.sku ? data.sku : null;
    await tx.insertOrder({ id, contactId: e.contactId!, sku, amount, currency, status: 'paid', data, at: e.at ? Date.parse(e.at) : this.runtime.clock.now() });
  };
}

/**
 * An attribute cell as the value a rule compares: `true`/`false` (any case, as spreadsheets write
 * them) are booleans, so `contact.vip == true` matches an imported «TRUE»; a cell holding a JSON
 * object or list (what the export writes for such values) is that value again. A number is a
 * number, as the API and the simulator store it — `9000000`, `12 000 000` as Russian Excel groups
 * it, `1,5` — so `budget > 8000000` and `{{contact.budget | money}}` work on imported contacts too;
 * but not a code that would change: one with a leading zero (`007`), more than 15 digits, or any
 * cell of an address column (`phone`, `vkId`…). Everything else stays text.
 */
export function csvValue(cell: string, column = ''): unknown {
  const lower = cell.toLowerCase();
  if (lower === 'true' || lower === 'false') return lower === 'true';
  const number = /^-?(?:0|[1-9]\d{0,2}(?:[ \u00a0\u202f]\d{3})+|[1-9]\d*)(?:[.,]\d+)?$/.test(cell) && !ADDRESS_COLUMNS.has(column) ? Number(cell.replace(/[ \u00a0\u202f]/g, '').replace(',', '.')) : NaN;
  // «1,500» may be one and a half or fifteen hundred: left as written
  if (Number.isFinite(number) && cell.replace(/\D/g, '').length <= 15 && !/,\d{3}$/.test(cell)) return number;
  if (/^[[{]/.test(cell)) {
    try {
      const v: unknown = JSON.parse(cell);
      if (typeof v === 'object' && v !== null) return v;
    } catch {
      // text that merely starts with a bracket
    }
  }
  return cell;
}

/**
 * CSV text as a header and rows of trimmed cells, each with the line of the text it starts on (the
 * header is line 1; blank lines are skipped but counted). Quotes inside an unquoted cell are kept
 * as text; a quote that is never closed makes the lines from it to the end of the text one
 * unreadable stretch, reported with its first and last line.
 */
export function readCsv(text: string): { header: string[]; rows: { row: number; cells: string[] }[]; unreadable: ({ row: number } & ImportRowProblem)[] } {
  const unreadable: ({ row: number } & ImportRowProblem)[] = [];
  // `lines` is where the parser stood after a record (or a stretch it could not read); `raw` is its
  // text, with the blank lines skipped before it and the line breaks after it
  const newlines = (t: string) => t.match(/\n/g)?.length ?? 0;
  const firstLine = (lines: number, raw = '') => {
    const body = raw.replace(/^\n+/, '');
    return lines - newlines(body) + (body.endsWith('\n') ? 1 : 0);
  };
  const lastLine = (first: number, raw = '') => first + newlines(raw.replace(/^\n+/, '').replace(/\n+$/, ''));
  let parsed: { info: { lines: number }; raw: string; record: string[] }[];
  try {
    // one kind of line break (spreadsheets write \r\n): the parser's line count is only exact with \n
    parsed = parse(text.replace(/\r\n?/g, '\n'), {
      // a spreadsheet of a locale with a decimal comma separates its cells by semicolons
      delimiter: csvDelimiter(text),
      info: true,
      raw: true,
      bom: true,
      skip_empty_lines: true,
      relax_quotes: true,
      relax_column_count: true,
      skip_records_with_error: true,
      on_skip: (err, raw) => {
        const row = firstLine(Number((err as { lines?: number } | undefined)?.lines ?? 0), raw);
        const last = lastLine(row, raw);
        const value = last > row ? `${row}–${last}` : String(row);
        unreadable.push({ row, field: '', code: 'unreadable', value, message: `lines ${value} cannot be read as CSV: ${err?.message ?? 'malformed'}` });
        return undefined;
      },
    }) as unknown as typeof parsed;
  } catch (e) {
    throw new HttpError(400, `the CSV cannot be read: ${(e as Error).message}`);
  }
  const [head, ...rest] = parsed.map((p) => ({ row: firstLine(p.info.lines, p.raw), cells: p.record.map((c) => c.trim()) }));
  return { header: head?.cells ?? [], rows: rest, unreadable };
}

/** One CSV field: quoted when it holds a comma, a quote, a line break or edge spaces (RFC 4180). */
/** A CSV cell: quoted when it holds a quote, a line break, either delimiter (tags are joined by `;`) or spaces at its ends. */
export const csvField = (v: string): string => (/[",;\r\n]|^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);


/** A date as spreadsheets write it for people (05/25/2026, 25.05.2026): not one a funnel reads. */
const PEOPLE_DATE = /^\d{1,2}[./-]\d{1,2}[./-](\d{2}|\d{4})$/;

/**
 * Rows imported with a date written for people (`05/25/2026` — a US month first, or a day first?):
 * funnels read dates as ISO (2026-05-25), so a date trigger or a delay until it would never be met;
 * the report says so, and how to write it (the row is still imported).
 */
function unreadableDates(good: { row: number; input: ContactInput }[]): ({ row: number } & ImportRowProblem)[] {
  return good.flatMap(({ row, input }) =>
    Object.entries(input.attributes ?? {})
      .filter(([, v]) => typeof v === 'string' && PEOPLE_DATE.test(v.trim()))
      .map(([col, v]) => ({ row, id: input.id, field: col, code: 'not-date' as const, value: String(v), message: `"${String(v)}" is a date a funnel cannot read (it could be month first or day first): write it as 2026-05-25 (year, month, day), or a date trigger or a delay until it is never met` })),
  );
}

/**
 * Rows imported with text where the column's other rows hold numbers («двадцать» among seat counts):
 * a rule such as `seats ≥ 20` would read it as not met, so the report says so (the row is still imported).
 */
function textInNumberColumns(good: { row: number; input: ContactInput }[]): ({ row: number } & ImportRowProblem)[] {
  const kinds = new Map<string, { numbers: number; texts: number }>();
  for (const { input } of good)
    for (const [col, v] of Object.entries(input.attributes ?? {})) {
      const k = kinds.get(col) ?? { numbers: 0, texts: 0 };
      if (typeof v === 'number') k.numbers++;
      else if (typeof v === 'string') k.texts++;
      kinds.set(col, k);
    }
  const numeric = new Set([...kinds].filter(([, k]) => k.numbers > k.texts).map(([col]) => col));
  const out: ({ row: number } & ImportRowProblem)[] = [];
  for (const { row, input } of good)
    for (const [col, v] of Object.entries(input.attributes ?? {}))
      // (digits kept as text on purpose — «007», «1,500» — are not the case)
      if (numeric.has(col) && typeof v === 'string' && !/^[\d\s.,]+$/.test(v)) out.push({ row, id: input.id, field: col, code: 'not-number', value: v, message: `"${v}" is not a number, while the column's other rows hold numbers: a rule comparing it as a number will not be met` });
  return out;
}
