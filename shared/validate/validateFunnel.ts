import { Funnel, edgeExit, funnelCurrency, type FunnelNode } from '../format/funnel.ts';
import { formatMoney } from '../format/currency.ts';
import { funnelVariables, type FunnelVariables } from '../engine/funnelVariables.ts';
import { isValidZone } from '../format/time.ts';
import { zoneOfCity } from '../format/zones.ts';
import { ruleProblem } from '../engine/conditions.ts';
import { brokenLinks } from '../engine/links.ts';
import { TEMPLATE_FILTERS, TEMPLATE_ROOTS, hasBrokenBraces, templateVariables } from '../engine/template.ts';
import { NODE_TYPES, nodeDef } from '../nodes/registry.ts';
import { STAGES } from '../nodes/offer.ts';
import type { NodeDef, WorkspaceFacts } from '../nodes/types.ts';
import { components, cycles, reachable } from './graph.ts';
import { pick, translateSchemaMessage, zodErrors, type Lang, type Text } from './i18n.ts';
import { fieldLabel } from './fieldLabels.ts';
import { unknownAttributeIssues } from './attributeTypos.ts';
import { describeZodIssue, droppedFields, fieldName, type Issue } from './issues.ts';
import { awaitedEvents, validateNodeRules } from './rules.ts';

/** A node whose type is known and whose data parsed. */
export interface CheckedNode {
  node: FunnelNode;
  def: NodeDef;
  data: any;
}

export interface ValidationResult {
  /** The parsed funnel, or null when its outer shape is broken. */
  funnel: Funnel | null;
  issues: Issue[];
  /** Nodes with a known type and valid data, by id. */
  nodes: Map<string, CheckedNode>;
}

/**
 * Checks a funnel file against the format and the rules of a working funnel. Never throws: every
 * problem comes back as an issue naming the node or edge and the field. Messages are in English
 * unless `lang` asks for Russian (the web app's UI language); codes, nodes and fields are the same.
 */
export function validateFunnel(input: unknown, opts: { lang?: Lang; workspace?: WorkspaceFacts } = {}): ValidationResult {
  const lang = opts.lang ?? 'en';
  const m = (t: Text) => pick(lang, t);
  const issues: Issue[] = [];
  const nodes = new Map<string, CheckedNode>();
  const parsed = Funnel.safeParse(input, zodErrors(lang));
  if (!parsed.success) {
    for (const zi of parsed.error.issues) {
      const [head, i] = zi.path;
      const list = head === 'nodes' || head === 'edges' ? ((input as any)?.[head] as any[] | undefined) : undefined;
      const item = typeof i === 'number' ? list?.[i] : undefined;
      const where = item && typeof item.id === 'string' ? (head === 'nodes' ? { nodeId: item.id } : { edgeId: item.id }) : {};
      const field = fieldName(zi.path);
      const what = describeZodIssue(zi, input, lang);
      issues.push({ severity: 'error', ...where, field, code: 'format', message: m({ en: `"${field || 'file'}" ${what}`, ru: `${field ? `Поле «${field}»` : 'Файл'}: ${what}` }) });
    }
    return { funnel: null, issues, nodes };
  }
  const funnel = parsed.data;
  const err = (x: Omit<Issue, 'severity'>) => issues.push({ severity: 'error', ...x });
  const warn = (x: Omit<Issue, 'severity'>) => issues.push({ severity: 'warning', ...x });

  // fields the format does not know are ignored; say so, a typo would otherwise go unnoticed
  for (const path of droppedFields(input, funnel)) {
    const [head, i] = path.split('.');
    const item = head === 'nodes' || head === 'edges' ? (funnel[head][Number(i)] as { id: string } | undefined) : undefined;
    const where = item ? (head === 'nodes' ? { nodeId: item.id } : { edgeId: item.id }) : {};
    const field = item ? path.split('.').slice(2).join('.') : path;
    const of = item ? (head === 'nodes' ? { en: `node "${item.id}"`, ru: `узла «${item.id}»` } : { en: `edge "${item.id}"`, ru: `связи «${item.id}»` }) : { en: 'a funnel', ru: 'воронки' };
    warn({ ...where, field, code: 'unknown-field', message: m({ en: `"${field}" is not a field of ${of.en} and is ignored.`, ru: `«${field}» — не поле ${of.ru}; оно не учитывается.` }) });
  }

  // ids
  const nodeIds = new Set<string>();
  for (const n of funnel.nodes) {
    if (nodeIds.has(n.id)) err({ nodeId: n.id, code: 'duplicate-node-id', message: m({ en: `Two nodes have the id "${n.id}": every node needs its own id.`, ru: `У двух узлов id «${n.id}»: у каждого узла должен быть свой id.` }) });
    nodeIds.add(n.id);
  }
  const edgeIds = new Set<string>();
  for (const e of funnel.edges) {
    if (edgeIds.has(e.id)) err({ edgeId: e.id, code: 'duplicate-edge-id', message: m({ en: `Two edges have the id "${e.id}".`, ru: `У двух связей id «${e.id}».` }) });
    edgeIds.add(e.id);
  }

  // nodes: type, data, node rules, templates and links
  // what the funnel's nodes give every template (its stages' products, {{stages.tripwire.name}})
  const shared = funnelVariables(funnel);
  for (const node of funnel.nodes) {
    const def = nodeDef(node.type);
    if (!def) {
      err({ nodeId: node.id, field: 'type', code: 'unknown-node-type', message: m({ en: `Node "${node.id}" has the unknown type "${node.type}".`, ru: `У узла «${node.id}» неизвестный тип «${node.type}».` }) });
      continue;
    }
    const raw = node.data ?? {};
    const r = def.schema.safeParse(raw, zodErrors(lang));
    if (!r.success) {
      for (const zi of r.error.issues) {
        const field = fieldName(zi.path);
        const what = describeZodIssue(zi, raw, lang);
        err({ nodeId: node.id, field: field || undefined, code: 'invalid-field', message: m({ en: `${named(node, def).en}: ${field ? `${fieldLabel(field, 'en')} ` : ''}${what}`, ru: `${named(node, def).ru}: ${field ? `поле ${fieldLabel(field, 'ru')}: ` : ''}${what}` }) });
      }
      continue;
    }
    if (nodes.has(node.id)) continue;
    nodes.set(node.id, { node, def, data: r.data });
    for (const field of droppedFields(raw, r.data))
      warn({
        nodeId: node.id,
        field,
        code: 'unknown-field',
        message: m({
          en: `${named(node, def).en}: "${field}" is not a setting of this node type and is ignored${knownFields(def, ' (its settings: ')}.`,
          ru: `${named(node, def).ru}: «${field}» — не настройка узла этого типа, она не учитывается${knownFields(def, ' (его настройки: ')}.`,
        }),
      });
    const say = (severity: 'error' | 'warning') => (field: string | undefined, code: string, message: Text) =>
      issues.push({ severity, nodeId: node.id, field, code, message: m({ en: `${named(node, def).en}: ${message.en}`, ru: `${named(node, def).ru}: ${message.ru}` }) });
    def.validate?.(r.data, { error: say('error'), warning: say('warning'), settings: funnel.settings, workspace: opts.workspace }, node);
    for (const t of def.texts?.(r.data) ?? []) {
      checkText(node.id, t.field, t.text, t.extraRoots ?? [], err, lang, shared);
      checkMoneySign(node.id, t.field, t.text, funnelCurrency(funnel), warn, lang);
    }
    validateNodeRules(node.id, def, r.data, err, lang, warn, named(node, def));
  }

  // settings
  const s = funnel.settings;
  if (s?.timezone !== undefined && !isValidZone(s.timezone))
    err({ field: 'settings.timezone', code: 'invalid-timezone', message: m(badZone('settings.timezone', 'Часовой пояс', s.timezone)) });
  const wh = s?.workingHours;
  if (wh?.timezone !== undefined && !isValidZone(wh.timezone))
    err({ field: 'settings.workingHours.timezone', code: 'invalid-timezone', message: m(badZone('settings.workingHours.timezone', 'Часовой пояс рабочего времени', wh.timezone, "The managers' working hours' time zone")) });
  if (wh && wh.from >= wh.to)
    err({ field: 'settings.workingHours.to', code: 'working-hours-empty', message: m({ en: `"settings.workingHours": the working day ends (${wh.to}) before it starts (${wh.from}): a task's time limit could never run out.`, ru: `Рабочий день заканчивается (${wh.to}) раньше, чем начинается (${wh.from}): срок задачи никогда бы не истёк.` }) });
  s?.exitWhen?.forEach((x, i) => {
    const p = x.where === undefined ? null : ruleProblem(x.where);
    if (p) err({ field: `settings.exitWhen.${i}.where`, code: 'invalid-rule', message: m({ en: `"settings.exitWhen.${i}.where": the condition cannot run: ${p}`, ru: `«settings.exitWhen.${i}.where»: условие не может выполниться: ${p}` }) });
  });

  // edges
  const out = new Map<string, string[]>();
  /** The edges leaving each node, in file order. */
  const from = new Map<string, Funnel['edges']>();
  const used = new Map<string, string>();
  for (const e of funnel.edges) {
    const list = from.get(e.source);
    if (list) list.push(e);
    else from.set(e.source, [e]);
    const exit = edgeExit(e);
    if (!nodeIds.has(e.source)) err({ edgeId: e.id, code: 'edge-unknown-source', message: m({ en: `Edge "${e.id}" starts at "${e.source}", which is not a node of this funnel.`, ru: `Связь «${e.id}» начинается в «${e.source}», а такого узла в воронке нет.` }) });
    if (!nodeIds.has(e.target)) err({ edgeId: e.id, code: 'edge-unknown-target', message: m({ en: `Edge "${e.id}" leads to "${e.target}", which is not a node of this funnel.`, ru: `Связь «${e.id}» ведёт в «${e.target}», а такого узла в воронке нет.` }) });
    const src = nodes.get(e.source);
    if (src) {
      const exits = src.def.exits(src.data);
      if (!exits.includes(exit))
        err({
          edgeId: e.id,
          nodeId: e.source,
          code: 'edge-unknown-exit',
          message: m({
            en: `The edge "${e.source}" → "${e.target}" leaves by "${exit}", but ${src.def.label.en} "${e.source}" has no such exit (its exits: ${exits.length ? exits.join(', ') : 'none, it ends the run'}): connect one of its exits instead.`,
            ru: `Связь «${e.source}» → «${e.target}» выходит через «${exit}», а у узла «${e.source}» (${src.def.label.ru}) такого выхода нет (его выходы: ${exits.length ? exits.join(', ') : 'нет, он завершает путь'}): соедините один из его выходов.`,
          }),
        });
      const k = `${e.source}\u0000${exit}`;
      if (used.has(k)) err({ edgeId: e.id, nodeId: e.source, code: 'exit-used-twice', message: m({ en: `Exit "${exit}" of "${e.source}" has two edges ("${used.get(k)}" and "${e.id}"); an exit leads to one node.`, ru: `Из выхода «${exit}» узла «${e.source}» идут две связи («${used.get(k)}» и «${e.id}»); выход ведёт в один узел.` }) });
      used.set(k, e.id);
    }
    const tgt = nodes.get(e.target);
    if (tgt?.def.startsOn) err({ edgeId: e.id, nodeId: e.target, code: 'edge-into-trigger', message: m({ en: `Edge "${e.id}" leads into trigger "${e.target}"; a trigger only starts runs.`, ru: `Связь «${e.id}» ведёт в старт «${e.target}»; старт только запускает воронку.` }) });
    if (nodeIds.has(e.target)) {
      const targets = out.get(e.source);
      if (targets) targets.push(e.target);
      else out.set(e.source, [e.target]);
    }
  }

  // triggers and reachability
  const triggers = funnel.nodes.filter((n) => nodeDef(n.type)?.startsOn).map((n) => n.id);
  if (triggers.length === 0) err({ code: 'no-trigger', message: m({ en: 'The funnel has no trigger, so no contact can ever enter it. Add a trigger node.', ru: 'В воронке нет старта — ни один контакт в неё не попадёт. Добавьте узел «Старт».' }) });
  else {
    // a trigger with no edge lets contacts in only to end their run at once: an error when no trigger leads anywhere (the funnel does nothing), else a warning
    const nowhere = triggers.filter((id) => (out.get(id) ?? []).length === 0);
    const none = nowhere.length === triggers.length;
    for (const id of nowhere)
      (none ? err : warn)({
        nodeId: id,
        code: 'trigger-leads-nowhere',
        message: m({
          en: `Trigger "${id}" leads nowhere: every contact it lets in would leave the funnel at once (and count as entered). Connect it to the first step${none ? '' : ', or delete it'}.`,
          ru: `Старт «${id}» никуда не ведёт: каждый, кого он впустит, тут же выйдет из воронки (и будет посчитан как вошедший). Соедините его с первым шагом${none ? '' : ' или удалите'}.`,
        }),
      });
    const seen = reachable(triggers, (id) => out.get(id) ?? []);
    for (const n of funnel.nodes)
      if (!seen.has(n.id)) err({ nodeId: n.id, code: 'unreachable', message: m({ en: `Node "${n.id}" cannot be reached from any trigger: connect it or delete it.`, ru: `До узла «${n.id}» нельзя дойти от старта: соедините его или удалите.` }) });
  }

  // loops that take no time
  const instantNext = (id: string) => {
    const c = nodes.get(id);
    if (!c) return [];
    const leaving = from.get(id) ?? [];
    const hasEdge = (exit: string) => leaving.some((e) => edgeExit(e) === exit);
    const instant = c.def.instantExits ? c.def.instantExits(c.data, hasEdge) : c.def.exits(c.data);
    return leaving.filter((e) => instant.includes(edgeExit(e)) && nodeIds.has(e.target)).map((e) => e.target);
  };
  for (const loop of cycles([...nodeIds], instantNext))
    for (const id of loop)
      err({
        nodeId: id,
        code: 'instant-loop',
        message: m({
          en: `Node "${id}" is on a loop (${loop.join(' → ')}) that can go round at one instant (no delay, wait, offer or manager task holds it, or a date delay is skipped when the date is empty or past): a contact would go round it forever.`,
          ru: `Узел «${id}» стоит в цикле (${loop.join(' → ')}), который проходится мгновенно (его не держит ни пауза, ни ожидание, ни этап воронки, ни задача менеджеру, или пауза до даты пропускается, когда дата пуста или прошла): контакт будет ходить по кругу бесконечно.`,
        }),
      });

  // a conversion recorded twice: an exit that counts as one (an outcome "counts as a sale") straight into a goal
  for (const c of nodes.values()) {
    const counting = c.def.conversionExits?.(c.data) ?? [];
    for (const e of from.get(c.node.id) ?? []) {
      const tgt = nodes.get(e.target);
      if (!counting.includes(edgeExit(e)) || !tgt?.def.convertsOnEntry) continue;
      const label = c.def.exitLabel?.(c.data, edgeExit(e)) ?? edgeExit(e);
      const words = typeof label === 'string' ? { en: label, ru: label } : label;
      warn({
        nodeId: c.node.id,
        edgeId: e.id,
        code: 'conversion-twice',
        message: m({
          en: `${named(c.node, c.def).en}: "${words.en}" already counts as a conversion and leads to goal "${e.target}", which records another: each such contact is two goals (and their values are added). Remove the goal (the outcome keeps the deal's amount the manager enters), or untick "Counts as a conversion" if the goal should count it (the manager then enters no amount).`,
          ru: `${named(c.node, c.def).ru}: исход «${words.ru}» уже считается конверсией и ведёт в цель «${e.target}», которая запишет ещё одну: каждый такой контакт — две цели (и их суммы сложатся). Уберите цель (исход сохранит сумму сделки, которую вводит менеджер) или снимите «Считать конверсией», если считать должна цель (тогда менеджер сумму не вводит).`,
        }),
      });
    }
  }

  // a sale that counts nowhere: an outcome whose words say the client bought, not ticked as a
  // conversion and leading to no goal or stage that would count it (the classic «Купил» → the core
  // product's stage counts the payment there); such deals closed by phone would miss the analytics
  const counts = (id: string, seen = new Set<string>()): boolean => {
    const t = nodes.get(id);
    if (!t || seen.has(id)) return false;
    seen.add(id);
    if (t.def.convertsOnEntry || (t.def.saleExits?.(t.data) ?? []).length || (t.def.conversionExits?.(t.data) ?? []).length) return true;
    return (from.get(id) ?? []).some((e) => counts(e.target, seen));
  };
  for (const c of nodes.values()) {
    for (const x of c.def.uncountedSaleExits?.(c.data) ?? []) {
      const next = (from.get(c.node.id) ?? []).find((e) => edgeExit(e) === x.exit);
      if (next && counts(next.target)) continue;
      warn({
        nodeId: c.node.id,
        field: x.field,
        code: 'sale-not-counted',
        message: m(x.message ? { en: `${named(c.node, c.def).en}: ${x.message.en}`, ru: `${named(c.node, c.def).ru}: ${x.message.ru}` } : {
          en: `${named(c.node, c.def).en}: "${x.words}" reads as a sale, but choosing it counts nowhere: the funnel's conversions and revenue will miss these deals. Tick "Counts as a conversion" (the manager then enters the amount), or lead it to a goal or a stage that sells.`,
          ru: `${named(c.node, c.def).ru}: исход «${x.words}» похож на продажу, но нигде не считается: этих сделок не будет в конверсиях и выручке воронки. Отметьте «Считать конверсией» (менеджер введёт сумму) или ведите исход в цель или этап с продажей.`,
        }),
      });
    }
  }

  // money counted twice: a sale the stage already records as revenue, straight into a goal with a
  // value of its own — or, further on, a goal reading the run's latest event (`lastEvent.data.amount`),
  // which is still the purchase until a step takes another event from outside
  const takesEvents = (c: CheckedNode) => awaitedEvents(c.node.id, c.def, c.data).some((a) => !a.event.startsWith('xstate.') && !a.event.startsWith('voronka.'));
  for (const c of nodes.values()) {
    const sales = c.def.saleExits?.(c.data) ?? [];
    for (const e of from.get(c.node.id) ?? []) {
      if (!sales.includes(edgeExit(e))) continue;
      const seen = new Set<string>();
      const queue: { id: string; direct: boolean }[] = [{ id: e.target, direct: true }];
      while (queue.length) {
        const { id, direct } = queue.shift()!;
        const tgt = nodes.get(id);
        if (!tgt || seen.has(id)) continue;
        seen.add(id);
        const { value, valueFrom } = tgt.data as { value?: unknown; valueFrom?: unknown };
        const fixed = direct && typeof value === 'number' && value !== 0;
        // a value read from the run's data (the payment's amount) is the very money the stage recorded
        const read = typeof valueFrom === 'string' && (direct ? valueFrom !== '' : valueFrom.startsWith('lastEvent.'));
        if (tgt.def.convertsOnEntry && (fixed || read)) {
          const what = fixed ? { en: moneyText(value, funnel, 'en-GB'), ru: moneyText(value, funnel, 'ru-RU') } : { en: `from ${valueFrom}`, ru: `из ${valueFrom}` };
          const where = direct ? { en: 'comes right after', ru: 'идёт сразу за' } : { en: 'comes after', ru: 'идёт после' };
          warn({
            nodeId: id,
            field: fixed ? 'value' : 'valueFrom',
            code: 'sale-value-twice',
            message: m({
              en: `${tgt.def.label.en} "${id}" ${where.en} the sale of stage "${c.node.id}", which is already that stage's revenue: its value (${what.en}) is added to the funnel's revenue on top. Remove the goal's value unless it is money of its own.`,
              ru: `${tgt.def.label.ru} «${id}» ${where.ru} покупкой на этапе «${c.node.id}», а покупка уже стала выручкой этапа: ценность цели (${what.ru}) прибавится к выручке воронки ещё раз. Уберите ценность у цели, если это не отдельные деньги.`,
            }),
          });
        }
        // on through the steps that take no event from outside (messages, actions, delays, branches)
        if (!takesEvents(tgt)) for (const next of from.get(id) ?? []) queue.push({ id: next.target, direct: false });
      }
    }
  }

  // exits a node type says should lead somewhere (an A/B variant whose contacts would just end)
  for (const c of nodes.values()) {
    if (!c.def.unconnectedExit) continue;
    const leaving = new Set((from.get(c.node.id) ?? []).map(edgeExit));
    for (const exit of c.def.exits(c.data)) {
      const why = leaving.has(exit) ? undefined : c.def.unconnectedExit(c.data, exit);
      if (why) warn({ nodeId: c.node.id, code: 'exit-unconnected', message: m({ en: `${named(c.node, c.def).en}: ${why.en}`, ru: `${named(c.node, c.def).ru}: ${why.ru}` }) });
    }
  }

  // an A/B test whose variants write by different channels compares unequal groups
  for (const c of nodes.values()) {
    if (!c.def.variantFor) continue;
    // the channel of the first message down a variant's branch (through up to three steps that send nothing)
    const firstChannel = (id: string, hops: number): string | undefined => {
      const t = nodes.get(id);
      const sends = t?.def.messages?.(t.data as never) ?? [];
      if (sends.length) return sends[0].channel;
      const next = from.get(id) ?? [];
      return t && hops < 3 && next.length === 1 ? firstChannel(next[0].target, hops + 1) : undefined;
    };
    const arms = (from.get(c.node.id) ?? []).flatMap((e) => {
      const channel = firstChannel(e.target, 0);
      return channel ? [`${edgeExit(e)} — ${CHANNEL_WORDS[channel] ?? channel}`] : [];
    });
    if (new Set(arms.map((a) => a.split(' — ')[1])).size < 2) continue;
    warn({
      nodeId: c.node.id,
      code: 'split-channels-differ',
      message: m({
        en: `${named(c.node, c.def).en}: its variants write by different channels (${arms.join(', ')}). A contact with no consent or address for one channel gets nothing in that variant but still counts in it, so the variants are compared on unequal groups. Test texts within one channel, or branch on the consent before the split.`,
        ru: `${named(c.node, c.def).ru}: варианты пишут по разным каналам (${arms.join(', ')}). Контакт без согласия или адреса для одного из каналов в своём варианте ничего не получит, но будет в нём посчитан — варианты сравнятся на неравных группах. Сравнивайте тексты в одном канале или поставьте перед сплитом ветвление по согласию.`,
      }),
    });
  }

  stageOrder(nodes, out, warn, m);
  issues.push(...unknownAttributeIssues(nodes.values(), opts.workspace?.attributes, lang, (c) => named(c.node, c.def)));
  return { funnel, issues, nodes };
}

/** Channels by the names marketers know them by, for messages that list them. */
const CHANNEL_WORDS: Record<string, string> = { email: 'email', sms: 'SMS', telegram: 'Telegram', whatsapp: 'WhatsApp', vk: 'VK', viber: 'Viber', push: 'push' };

/** An amount in the funnel's currency («3 500 ₽»); as a plain number when the currency is not one `Intl` knows (an issue of its own). */
/** A node as an issue names it: its kind and the name given it, with its id («Задача менеджеру «Звонок» (call)»), else its kind and id. */
function named(node: { id: string; label?: string }, def: NodeDef): Text {
  const label = node.label?.trim();
  return label ? { en: `${def.label.en} “${label}” (${node.id})`, ru: `${def.label.ru} «${label}» (${node.id})` } : { en: `${def.label.en} "${node.id}"`, ru: `${def.label.ru} «${node.id}»` };
}

function moneyText(value: number, funnel: { settings?: unknown }, locale: string): string {
  try {
    return formatMoney(value, funnelCurrency(funnel), locale);
  } catch {
    return String(value);
  }
}

/** The node type whose nodes give every template the variables under `root` (`stages`: the stages). */
const sharedRootOf = (root: string) => NODE_TYPES.find((d) => d.sharedRoot?.root === root)?.sharedRoot;

/** ` (its settings: a, b, c)` when the node type's data is an object schema. */
function knownFields(def: NodeDef, lead: string): string {
  const shape = (def.schema as { shape?: Record<string, unknown> }).shape;
  return shape ? `${lead}${Object.keys(shape).join(', ')})` : '';
}

/** Signs of money a text may have typed in by hand, by the currency they stand for. */
const MONEY_SIGNS: [RegExp, string][] = [
  [/₽|\d\s?(руб\.?|р\.)(?![а-яё])/i, 'RUB'],
  [/₸/, 'KZT'],
  [/€/, 'EUR'],
  [/\$\s?\d|\d\s?\$/, 'USD'],
  [/₺/, 'TRY'],
  [/¥/, 'CNY'],
];

/**
 * A message whose text writes an amount in a currency the funnel is not in («всего за 990 ₽» in a
 * funnel priced in tenge — a template made in another currency): a warning, with what to write instead.
 */
function checkMoneySign(nodeId: string, field: string, text: string, currency: string, warn: (x: Omit<Issue, 'severity'>) => void, lang: Lang) {
  const outside = text.replace(/\{\{[^}]*\}\}/g, ' ');
  const other = MONEY_SIGNS.find(([re, code]) => code !== currency && re.test(outside));
  if (!other) return;
  warn({
    nodeId,
    field,
    code: 'money-sign',
    message: pick(lang, {
      en: `${fieldLabel(field, 'en')}: the text writes an amount in ${other[1]}, but the funnel's currency is ${currency}. Write prices as {{product.priceText}} (or {{… | money}}), which follow the funnel's currency.`,
      ru: `${fieldLabel(field, 'ru')}: в тексте сумма в ${other[1]}, а валюта воронки — ${currency}. Пишите цены как {{product.priceText}} (или {{… | money}}): они следуют валюте воронки.`,
    }),
  });
}

function checkText(nodeId: string, field: string, text: string, extraRoots: string[], err: (x: Omit<Issue, 'severity'>) => void, lang: Lang, shared: FunnelVariables) {
  const m = (t: Text) => pick(lang, t);
  const roots = new Set<string>([...TEMPLATE_ROOTS, ...extraRoots, ...Object.keys(shared)]);
  const en = fieldLabel(field, 'en');
  const ru = fieldLabel(field, 'ru');
  for (const v of templateVariables(text)) {
    if (v.unknownFilter !== undefined)
      err({ nodeId, field, code: 'unknown-filter', message: m({
          en: `${en}: {{${v.path} | ${v.unknownFilter}}} uses an unknown filter "${v.unknownFilter}"; the filters are ${TEMPLATE_FILTERS.join(', ')} (e.g. {{event.data.at | datetime}}, {{contact.firstName | default:friend}}).`,
          ru: `${ru}: в {{${v.path} | ${v.unknownFilter}}} неизвестный фильтр «${v.unknownFilter}»; фильтры: ${TEMPLATE_FILTERS.join(', ')} (например, {{event.data.at | datetime}}, {{contact.firstName | default:друг}}).`,
        }),
      });
    // what gives a root none of the funnel's nodes gives yet (`stages` before any stage)
    const given = roots.has(v.root) ? undefined : sharedRootOf(v.root);
    if (!v.valid) err({ nodeId, field, code: 'bad-variable', message: m({ en: `${en}: "{{${v.path}}}" is not a variable; write it like {{contact.firstName}}.`, ru: `${ru}: «{{${v.path}}}» — не переменная; пишите так: {{contact.firstName}}.` }) });
    else if (shared[v.root] && !(v.path.split('.')[1] in shared[v.root])) {
      const key = v.path.split('.')[1] ?? '';
      const have = Object.keys(shared[v.root]).join(', ');
      err({ nodeId, field, code: 'unknown-variable', message: m({
          en: `${en}: {{${v.path}}}: the funnel has no ${v.root} "${key}"; it has ${have} (e.g. {{${v.root}.${Object.keys(shared[v.root])[0]}.name}}).`,
          ru: `${ru}: {{${v.path}}}: в воронке нет «${key}» среди ${v.root}; есть: ${have} (например, {{${v.root}.${Object.keys(shared[v.root])[0]}.name}}).`,
        }),
      });
    } else if (given)
      err({ nodeId, field, code: 'unknown-variable', message: m({
          en: `${en}: {{${v.path}}}: the ${v.root}.… variables come from ${given.from.en}, and the funnel has none yet.`,
          ru: `${ru}: {{${v.path}}}: переменные ${v.root}.… берутся из ${given.from.ru}, а в воронке их ещё нет.`,
        }),
      });
    else if (!roots.has(v.root))
      err({ nodeId, field, code: 'unknown-variable', message: m({
          en: `${en}: the variable {{${v.path}}} is unknown; variables start with ${[...roots].join(', ')} (e.g. {{contact.firstName}}).`,
          ru: `${ru}: неизвестная переменная {{${v.path}}}; переменные начинаются с ${[...roots].join(', ')} (например, {{contact.firstName}}).`,
        }),
      });
  }
  if (hasBrokenBraces(text)) err({ nodeId, field, code: 'broken-braces', message: m({ en: `${en}: braces do not match; a variable is written as {{contact.firstName}}.`, ru: `${ru}: скобки не сходятся; переменная пишется так: {{contact.firstName}}.` }) });
  for (const l of brokenLinks(text)) err({ nodeId, field, code: 'broken-link', message: m({ en: `${en}: broken link "${l.url}": ${l.reason}.`, ru: `${ru}: битая ссылка «${l.url}»: ${translateSchemaMessage(l.reason, 'ru')}.` }) });
}

/**
 * Warns when a later funnel stage (e.g. tripwire) leads on to an earlier one (e.g. lead magnet).
 * First, one pass over the strongly connected components finds the lowest stage reachable from
 * each node; only an offer that can reach a lower stage is then walked, to name them in order.
 */
function stageOrder(nodes: Map<string, CheckedNode>, out: Map<string, string[]>, warn: (x: Omit<Issue, 'severity'>) => void, m: (t: Text) => string) {
  const rank = (id: string) => {
    const c = nodes.get(id);
    return c?.def.group === 'stages' ? STAGES.indexOf(c.data.stage) : -1;
  };
  const next = (x: string) => out.get(x) ?? [];
  const offers = [...nodes.keys()].filter((id) => rank(id) >= 0);
  // the lowest stage rank in each component or anywhere after it (components come after the ones they lead to)
  const lowest = new Map<string, number>();
  for (const c of components(offers, next)) {
    let min = Infinity;
    for (const v of c.nodes) {
      const r = rank(v);
      if (r >= 0 && r < min) min = r;
      for (const w of next(v)) min = Math.min(min, lowest.get(w) ?? Infinity);
    }
    for (const v of c.nodes) lowest.set(v, min);
  }
  for (const [id] of nodes) {
    const r = rank(id);
    if (r < 0) continue;
    if (!next(id).some((w) => (lowest.get(w) ?? Infinity) < r)) continue;
    for (const later of reachable(out.get(id) ?? [], (x) => out.get(x) ?? [])) {
      const lr = rank(later);
      if (lr >= 0 && lr < r && later !== id)
        warn({
          nodeId: later,
          code: 'stage-order',
          message: m({
            en: `Stage "${later}" (${STAGES[lr]}) comes after "${id}" (${STAGES[r]}); funnels usually go offer → lead magnet → tripwire → core product → upsell/cross-sell.`,
            ru: `Этап «${later}» (${STAGES[lr]}) идёт после «${id}» (${STAGES[r]}); обычно воронка идёт так: оффер → лид-магнит → трипваер → основной продукт → апсейл/кросс-сейл.`,
          }),
        });
    }
  }
}

/** A zone field's problem in words; when a city was typed («Казань»), the zone to write instead. */
function badZone(field: string, ruName: string, value: string, enName = 'The time zone'): Text {
  const zone = zoneOfCity(value);
  return {
    en: `${enName} "${value}" (${field}) does not exist; ${zone ? `for ${value} write ${zone}` : 'use a name like Europe/Moscow'}.`,
    ru: `${ruName} «${value}» не существует; ${zone ? `для города «${value}» укажите ${zone}` : 'укажите название вроде Europe/Moscow'}.`,
  };
}
