import type { Lang, Text } from '../validate/i18n.ts';
import type { z } from 'zod';
import type { FunnelEvent, FunnelNode, FunnelSettings } from '../format/funnel.ts';
import type { Contact, JournalEntry, RunState } from '../engine/types.ts';
import type { DateSpec } from '../format/time.ts';

export type NodeGroup = 'entry' | 'stages' | 'messages' | 'timing' | 'logic' | 'people' | 'outcomes';

/** What node code may read while a step runs. Built by the engine, one per step. */
export interface StepEnv {
  now: number;
  zone: string;
  contact: Contact;
  run: RunState;
  /** The event being processed right now. */
  event: FunnelEvent;
  settings: FunnelSettings;
  funnelId: string;
}

/** A plain-JSON XState action / guard reference. */
export interface ActionRef {
  type: string;
  params?: Record<string, unknown>;
}
export interface TransitionConfig {
  target: string;
  guard?: ActionRef;
  actions: ActionRef[];
}
/** The part of an XState state config a node compiles to (plain JSON). */
export interface StateFragment {
  entry?: ActionRef[];
  on?: Record<string, TransitionConfig[]>;
  after?: Record<string, TransitionConfig>;
  always?: TransitionConfig[];
}

export interface CompileHelpers {
  /** The transition leaving this node by `exit` (to the connected node, or the end of the run). */
  exit(exit: string, extra?: ActionRef[], guard?: ActionRef): TransitionConfig;
  /** True when an edge leaves this node by `exit`. */
  hasEdge(exit: string): boolean;
  /** The transition that ends the run here (status completed). */
  end(reason?: string): TransitionConfig;
  /** The name of this node's timer (an XState named delay, computed by `timer`). */
  timerName: string;
  /** A guard for "the event matches this spec (and the run's correlation key)". */
  eventGuard(where: unknown, keyed?: boolean): ActionRef;
  /** A guard calling this node type's own `guards[name]` with `arg`. */
  nodeGuard(name: string, arg?: unknown): ActionRef;
}

export interface ValidateHelpers {
  /** Reports an issue on this node, naming the field; the message in English and Russian. */
  error(field: string | undefined, code: string, message: Text): void;
  warning(field: string | undefined, code: string, message: Text): void;
  /** The funnel's settings (its working hours, time zone…), for a check that depends on them. */
  settings?: FunnelSettings;
  /** What the workspace has, when the caller knows it (the server, the editor): its users, for a hand-off's assignee. */
  workspace?: WorkspaceFacts;
}

/** The workspace as validation may check a funnel against it. */
export interface WorkspaceFacts {
  users: { id: string; role: string; teams: string[]; email?: string }[];
  /** Contact attribute names in use (a sample of the contacts): a text's `{{contact.x}}` no contact has is a likely typo. None: no such check. */
  attributes?: string[];
}

/** A piece of text in the node that is a template (checked for variables and links). */
export interface NodeText {
  field: string;
  text: string;
  /** Variables beyond contact/event/run/funnel that this text may use (e.g. `product`). */
  extraRoots?: string[];
}

/**
 * Everything about one node type, in one place: its data schema, defaults, exits, validation,
 * how it compiles to an XState state, and its runtime hooks. Listed once in `registry.ts`.
 */
export interface NodeDef<D = any> {
  type: string;
  group: NodeGroup;
  label: { en: string; ru: string };
  schema: z.ZodType<D>;
  /** A new node's data, its words in `lang` (Russian when not given). */
  defaults(lang?: Lang): D;
  /** Every exit the node has with this data. */
  exits(data: D): string[];
  /**
   * Exits that may be taken without time passing (for the instant-loop check), given which exits
   * have edges. Default: all exits.
   */
  instantExits?(data: D, hasEdge: (exit: string) => boolean): string[];
  /**
   * Why an exit of this type left without an edge is likely a slip (its contacts end the run
   * there): a warning naming the exit. Types whose open exits usually mean "done here" omit it.
   */
  unconnectedExit?(data: D, exit: string): Text | undefined;
  /**
   * Exits that, left unconnected, are never taken — the run keeps waiting instead of ending there
   * (a hand-off's `overdue`: the format says the run waits on past the SLA).
   */
  waitsWhenUnconnected?(data: D): string[];
  /**
   * What the journal says about the run leaving by `exit` when it was not this node's own timer (a date step that did
   * not wait: why) — laid over the `left` line.
   */
  leftNote?(data: D, env: StepEnv, exit: string): Partial<JournalEntry> | undefined;
  /** The contact attributes this node writes (an action's `set` and points): offered to a branch's rules. */
  writesAttributes?(data: D): string[];
  validate?(data: D, v: ValidateHelpers, node: FunnelNode): void;
  texts?(data: D): NodeText[];
  compile(data: D, h: CompileHelpers, node: FunnelNode): StateFragment;
  /** This node's timer, in ms from `env.now`; null for none. */
  timer?(data: D, env: StepEnv): number | null;
  /** Node-specific guards used through `h.nodeGuard`. */
  guards?: Record<string, (data: D, env: StepEnv, arg: unknown, nodeId: string) => boolean>;
  /** Entry nodes started by a date in the contact's attributes (a birthday): that date. */
  startsOnDate?(data: D): DateSpec | undefined;
  /** Entry nodes started by entering a segment: that segment (its members when the funnel is published may be let in too). */
  startsOnSegment?(data: D): string | undefined;
  /** Trigger nodes: the event that starts a run here, the filter on it and the correlation key's path (`data.cartId`). */
  startsOn?(data: D, nodeId: string): { event: string; where?: unknown; key?: string };
  /** A one-line summary for the canvas (zoomed far out), in the UI's language where it has words of its own. */
  summary?(data: D, lang?: 'en' | 'ru'): string;
  // title, exitLabel and expects are also called with a draft's data while it is edited: it may
  // be incomplete (not yet valid against the schema), so they read it defensively
  /** The kind this node's data makes it, where that says more than `label` (a stage's «Трипваер»). */
  kind?(data: D): Text | undefined;
  /** The node's own words in a path (an offer's product, a message's subject, a task's title, a goal's name). */
  title?(data: D): string | undefined;
  /**
   * Words for an exit: the user's own label (a branch rule's, an outcome's) as a string, or words
   * in both languages; undefined for the generic words of that exit (next, timeout, else…).
   */
  exitLabel?(data: D, exit: string): string | Text | undefined;
  /** Event data that this node, where a run waits, takes for an event of `type` (prefills the simulator's event form). */
  expects?(data: D, type: string): Record<string, unknown>;
  /** Exits whose taking records a conversion (a hand-off outcome that counts as a sale). */
  conversionExits?(data: D): string[];
  /**
   * Exits whose words say a sale but that record none (an outcome «Купил абонемент» not ticked as a
   * conversion), with the field that would make them count: warned about unless they lead into a goal.
   */
  uncountedSaleExits?(data: D): { exit: string; field: string; words: string; message?: Text }[];
  /** Exits taken on a sale whose money the node records itself (a stage's purchase, as its revenue). */
  saleExits?(data: D): string[];
  /** What the node sells, by sku (a stage's product): orders name their product by it. */
  products?(data: D): { sku: string; name: string }[];
  /** Entering the node records a conversion (a goal). */
  convertsOnEntry?: boolean;
  /**
   * Each conversion here brings its own value (a payment's amount read from the run's data, a deal's amount the manager
   * enters), so one without it is worth saying — not a fixed value, or none at all.
   */
  valuePerConversion?(data: D): boolean;
  /**
   * Variables this node gives every template of its funnel, `{{root.key.…}}` (a stage's product as
   * `{{stages.tripwire.priceText}}`), in the funnel's `currency`; undefined for none.
   */
  sharedVariables?(data: D, currency: string, locale?: string): { root: string; key: string; value: unknown } | undefined;
  /** The root those variables are under (`stages`), and what in the funnel gives them, for a template using it before there is any. */
  sharedRoot?: { root: string; from: Text };
  /**
   * An experiment node (an A/B test), whose exits are its variants: the variant a contact gets
   * here, the same choice the engine makes. The analytics compare the funnel's conversion between
   * the runs that took each exit; the simulator finds a contact for each variant.
   */
  variantFor?(data: D, contactId: string, funnelId: string, nodeId: string): string;
  /** The messages the node sends on entry (for a test send from the editor). */
  messages?(data: D): SendParams[];
}

/** One message a node sends: the params of its `send` action (templates not yet filled in). */
export interface SendParams {
  channel: string;
  subject?: string;
  body: string;
  marketing: boolean;
  /** Extra template data (an offer's `product`). */
  product?: unknown;
}

export const defineNode = <D>(def: NodeDef<D>): NodeDef<D> => def;
