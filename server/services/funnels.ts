import { createHash } from 'node:crypto';
import { compileFunnel } from '../../shared/compiler/compileFunnel.ts';
import { DEFAULT_CURRENCY, isCurrencyCode } from '../../shared/format/currency.ts';
import { Scenario } from '../../shared/format/scenario.ts';
import type { Funnel } from '../../shared/format/funnel.ts';
import { runScenario } from '../../shared/simulator/runScenario.ts';
import type { Lang } from '../../shared/validate/i18n.ts';
import { hasErrors, type Issue } from '../../shared/validate/issues.ts';
import { validateFunnel } from '../../shared/validate/validateFunnel.ts';
import { segmentStarts } from '../../shared/validate/rules.ts';
import type { AudienceDto } from '../../shared/api/types.ts';
import type { WorkspaceFacts } from '../../shared/nodes/types.ts';
import { HttpError } from '../http/errors.ts';
import type { Runtime } from '../runtime/Runtime.ts';
import type { FunnelRow, Store, VersionRow } from '../store/types.ts';

export interface FunnelView extends FunnelRow {
  issues: Issue[];
  /** The draft differs from the last published version (false before the first publish). */
  draftChanged: boolean;
}

/** What a view adds to a funnel row, worked out once per saved draft and published version. */
interface Derived {
  key: string;
  issues: Issue[];
  draftChanged: boolean;
}
const DERIVED_KEPT = 500;

/** Drafts, versions, publishing, pausing: the life cycle of a funnel. */
/** Why a publish is refused, in the language the issues and scenario failures are given in (`lang`). */
const REFUSED = {
  en: { errors: 'the funnel has errors; fix them before publishing', scenarios: 'saved scenarios fail; fix the funnel or the scenarios' },
  ru: { errors: 'в воронке есть ошибки: исправьте их перед публикацией', scenarios: 'сохранённые сценарии не проходят: исправьте воронку или сценарии' },
};

export class FunnelService {
  /** Issues and "changed since published" per funnel (validating a 500-node draft takes ~50 ms: not on every read). */
  private readonly derived = new Map<string, Derived>();

  constructor(private readonly store: Store, private readonly runtime: Runtime) {}

  /** The row with its draft's issues and whether it differs from the published version. */
  private async view(f: FunnelRow, known?: WorkspaceFacts): Promise<FunnelView> {
    // by content: on the QA clock, saves at one virtual moment share their updatedAt
    const text = JSON.stringify(f.draft);
    const workspace = known ?? (await this.workspaceFacts());
    const key = `${f.version ?? 0}:${createHash('sha1').update(text).update(JSON.stringify(workspace)).digest('base64')}`;
    let d = this.derived.get(f.id);
    if (d?.key !== key) {
      const published = f.version ? await this.store.read.getVersion(f.id, f.version) : null;
      d = { key, issues: validateFunnel(f.draft, { workspace }).issues, draftChanged: !!published && JSON.stringify(published.definition) !== text };
      this.derived.delete(f.id);
      this.derived.set(f.id, d);
      if (this.derived.size > DERIVED_KEPT) this.derived.delete(this.derived.keys().next().value!);
    }
    return { ...f, issues: d.issues, draftChanged: d.draftChanged };
  }

  /** The workspace's users, as validation checks a hand-off's assignee against them. */
  private async workspaceFacts(): Promise<WorkspaceFacts> {
    return {
      users: (await this.store.read.listUsers()).map((u) => ({ id: u.id, role: u.role, teams: u.teams, email: u.email })),
      attributes: await this.store.read.attributeKeys(1000),
    };
  }

  private now() {
    return this.runtime.clock.now();
  }

  async list(): Promise<FunnelView[]> {
    // the users read once for the whole list, not once per funnel
    const workspace = await this.workspaceFacts();
    return Promise.all((await this.store.read.listFunnels()).map((f) => this.view(f, workspace)));
  }

  async get(id: string): Promise<FunnelView> {
    const f = await this.store.read.getFunnel(id);
    if (!f) throw new HttpError(404, `no funnel "${id}"`);
    return this.view(f);
  }

  /**
   * Creates a draft. Node-level problems are allowed in a draft (they come back as issues). A funnel that names no
   * currency is in the workspace's (a script's funnel in a dollar workspace counts in dollars, as the web app's do).
   */
  async create(given: Funnel): Promise<FunnelView> {
    const now = this.now();
    return this.view(
      await this.store.transaction(async (tx) => {
        if (await tx.getFunnel(given.id)) throw new HttpError(409, `id: a funnel "${given.id}" already exists`);
        const currency = (await tx.getSetting<{ currency?: unknown }>('workspace'))?.currency;
        const draft = given.settings?.currency || !isCurrencyCode(currency) || currency === DEFAULT_CURRENCY ? given : { ...given, settings: { ...given.settings, currency } };
        const row: FunnelRow = { id: draft.id, name: draft.name, draft, status: 'draft', version: null, pausedAt: null, scenarios: [], createdAt: now, updatedAt: now };
        await tx.insertFunnel(row);
        return row;
      }),
    );
  }

  /** Saves the draft (a live funnel keeps running its published version). */
  async saveDraft(id: string, draft: Funnel, scenarios?: unknown[]): Promise<FunnelView> {
    if (draft.id !== id) throw new HttpError(400, `id: the body's id "${draft.id}" differs from the URL's "${id}"`);
    return this.view(
      await this.store.transaction(async (tx) => {
        const f = await tx.getFunnel(id);
        if (!f) throw new HttpError(404, `no funnel "${id}"`);
        const patch = { draft, name: draft.name, updatedAt: this.now(), ...(scenarios ? { scenarios } : {}) };
        await tx.updateFunnel(id, patch);
        return { ...f, ...patch };
      }),
    );
  }

  async remove(id: string): Promise<void> {
    await this.store.transaction(async (tx) => {
      if (!(await tx.getFunnel(id))) throw new HttpError(404, `no funnel "${id}"`);
      if ((await tx.listRuns({ funnelId: id, status: 'waiting', limit: 1 })).length)
        throw new HttpError(409, `funnel "${id}" has contacts in it: pause it and exit the runs before deleting`);
      await tx.deleteFunnel(id);
    });
    this.runtime.funnels.invalidateLive();
  }

  /**
   * Who is already in the segments the draft starts on (its «Вход в сегмент» triggers): entering
   * starts the funnel, so they would not start it — unless let in when it is published.
   */
  async audience(id: string): Promise<AudienceDto> {
    const f = await this.store.read.getFunnel(id);
    if (!f) throw new HttpError(404, `no funnel "${id}"`);
    const segments = segmentStarts(validateFunnel(f.draft).nodes.values());
    return { segments: await Promise.all(segments.map(async (segment) => ({ segment, contacts: await this.store.read.countContacts({ segment }) }))) };
  }

  /**
   * Lets the contacts already in the segments a live funnel starts on into it (see `Runtime.enrolMembers`), a page at a
   * time: how many started, of how many members (the others are in it already, or its re-entry rule keeps them out).
   */
  private async enrolMembers(id: string, segments: string[]): Promise<{ enrolled: number; members: number }> {
    const out = { enrolled: 0, members: 0 };
    for (const segment of segments) {
      // the members as they are now, 500 to a transaction (a contact changed by their start does not move the pages)
      const ids = await this.store.read.listContactIds({ segment });
      out.members += ids.length;
      for (let i = 0; i < ids.length; i += 500) out.enrolled += await this.runtime.enrolMembers(id, segment, ids.slice(i, i + 500));
    }
    return out;
  }

  /**
   * Publishes the draft as a new immutable version, when it is valid and every saved scenario
   * passes; otherwise 422 with the issues and the failing scenarios. Running contacts stay on
   * the version they started with.
   */
  async publish(id: string, note: string | undefined, by: string, lang: Lang = 'en', opts: { enrolMembers?: boolean } = {}): Promise<VersionRow & { enrolled?: number; members?: number }> {
    const f = await this.store.read.getFunnel(id);
    if (!f) throw new HttpError(404, `no funnel "${id}"`);
    // the issues and scenario failures of a refusal are worded in `lang`
    const compiled = compileFunnel(f.draft, { lang, workspace: await this.workspaceFacts() });
    const issues = compiled.ok ? compiled.compiled.issues : compiled.issues;
    const failing: { name: string; failures: string[] }[] = [];
    if (compiled.ok)
      for (const raw of f.scenarios) {
        const s = Scenario.safeParse(raw);
        if (!s.success) {
          failing.push({ name: String((raw as { name?: unknown })?.name ?? 'unnamed'), failures: s.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
          continue;
        }
        const { trace } = runScenario(compiled.compiled, s.data, { lang, locale: lang === 'ru' ? 'ru-RU' : 'en-US' });
        if (!trace.ok) failing.push({ name: s.data.name, failures: trace.failures });
      }
    if (hasErrors(issues) || failing.length)
      throw new HttpError(422, REFUSED[lang === 'ru' ? 'ru' : 'en'][hasErrors(issues) ? 'errors' : 'scenarios'], { issues, scenarios: failing });
    const now = this.now();
    const version = await this.store.transaction(async (tx) => {
      const versions = await tx.listVersions(id);
      const v: VersionRow = { funnelId: id, version: (versions[0]?.version ?? 0) + 1, definition: f.draft, note: note ?? null, publishedBy: by, publishedAt: now };
      await tx.insertVersion(v);
      const cur = await tx.getFunnel(id);
      await tx.updateFunnel(id, { version: v.version, status: cur?.status === 'paused' ? 'paused' : 'live', updatedAt: now });
      return v;
    });
    this.runtime.funnels.invalidateLive();
    await this.planDates(id);
    if (!opts.enrolMembers || !compiled.ok) return version;
    return { ...version, ...(await this.enrolMembers(id, segmentStarts(compiled.compiled.nodes.values()))) };
  }

  /** A funnel with date triggers needs each contact's next moment planned. */
  private async planDates(id: string) {
    const f = await this.store.read.getFunnel(id);
    if (f?.status !== 'live' || !JSON.stringify(f.draft).includes('"date"')) return;
    const now = this.now();
    for (let offset = 0; ; offset += 500) {
      const page = await this.store.read.listContacts({ limit: 500, offset });
      if (page.length === 0) break;
      await this.store.transaction(async (tx) => {
        for (const c of page) await this.runtime.planDateTriggers(tx, c, now);
      });
    }
    this.runtime.onWork();
  }

  /** Stops new entries and holds the funnel's timers (its clock stops). */
  async pause(id: string): Promise<FunnelView> {
    const now = this.now();
    const f = await this.store.transaction(async (tx) => {
      const f = await tx.getFunnel(id);
      if (!f) throw new HttpError(404, `no funnel "${id}"`);
      if (f.status !== 'live') throw new HttpError(409, `funnel "${id}" is ${f.status}, not live`);
      await tx.updateFunnel(id, { status: 'paused', pausedAt: now }); // «изменена» stays the last edit: a pause is no edit
      return { ...f, status: 'paused' as const, pausedAt: now };
    });
    this.runtime.funnels.invalidateLive();
    return this.view(f);
  }

  /**
   * Resumes a paused funnel. Policy: the funnel's clock was stopped, so every timer of its runs
   * due after the pause began is shifted by the pause's length — nothing that fell due while
   * paused is burst out at once; each run keeps the time it had left. So are its messages held back
   * to after the pause began (a paused funnel sends nothing) and its open tasks' time limits.
   */
  async resume(id: string): Promise<FunnelView & { shiftedTimers: number; shiftedMessages: number; shiftedTasks: number }> {
    const now = this.now();
    const r = await this.store.transaction(async (tx) => {
      const f = await tx.getFunnel(id);
      if (!f) throw new HttpError(404, `no funnel "${id}"`);
      if (f.status !== 'paused') throw new HttpError(409, `funnel "${id}" is ${f.status}, not paused`);
      const shifted = await tx.shiftClock(id, f.pausedAt ?? now, now - (f.pausedAt ?? now));
      await tx.updateFunnel(id, { status: 'live', pausedAt: null });
      return { ...(await this.view({ ...f, status: 'live', pausedAt: null })), shiftedTimers: shifted.timers, shiftedMessages: shifted.messages, shiftedTasks: shifted.tasks };
    });
    this.runtime.funnels.invalidateLive();
    this.runtime.onWork();
    return r;
  }

  async versions(id: string): Promise<VersionRow[]> {
    await this.get(id);
    return this.store.read.listVersions(id);
  }
}
