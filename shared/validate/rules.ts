import { ruleProblem } from '../engine/conditions.ts';
import type { NodeDef, StateFragment } from '../nodes/types.ts';
import type { Lang, Text } from './i18n.ts';
import type { Issue } from './issues.ts';

/**
 * A node's state compiled on its own, with stand-in helpers: each transition's target is the exit
 * it takes. Lets checks read what a node type compiles to (its guards, the events it waits for)
 * without asking which type it is.
 */
export function compileAlone(nodeId: string, def: NodeDef, data: unknown): StateFragment {
  const fake = {
    exit: (exit: string, _e?: unknown, guard?: unknown) => ({ target: exit, guard, actions: [] }),
    hasEdge: () => true,
    end: () => ({ target: '@completed', actions: [] }),
    timerName: 't',
    eventGuard: (where: unknown) => ({ type: 'eventWhere', params: { where } }),
    nodeGuard: (name: string) => ({ type: 'nodeGuard', params: { name } }),
  };
  return def.compile(data, fake as any, { id: nodeId, type: def.type, data: data as any });
}

/** The segments a funnel's entry nodes start on (entering one starts a run), each once. */
export function segmentStarts(nodes: Iterable<{ def: NodeDef; data: unknown }>): string[] {
  const out = new Set<string>();
  for (const n of nodes) {
    const segment = n.def.startsOnSegment?.(n.data);
    if (segment) out.add(segment);
  }
  return [...out];
}

/** The outside events a run standing at this node waits for, each with the exits it may take. */
export function awaitedEvents(nodeId: string, def: NodeDef, data: unknown): { event: string; exits: string[] }[] {
  return Object.entries(compileAlone(nodeId, def, data).on ?? {}).map(([event, ts]) => ({ event, exits: ts.map((t) => t.target).filter((x) => !x.startsWith('@')) }));
}

/**
 * The conditions (`where`) on the data of `event` a run standing at this node waits for: one per
 * transition that takes it; empty when the node does not wait for it, or takes any such event.
 */
export function awaitedConditions(nodeId: string, def: NodeDef, data: unknown, event: string): unknown[] {
  const ts = compileAlone(nodeId, def, data).on?.[event] ?? [];
  const wheres = ts.map((t) => ((t.guard?.params ?? {}) as { where?: unknown }).where);
  return wheres.some((w) => w === undefined) ? [] : wheres;
}

/**
 * Checks every JSON Logic condition a node compiles to (trigger and wait `where`, an offer's
 * `convertOn.where`, branch rules) can run, by walking the guards in the node's compiled state.
 * `who`: the node as the messages name it (its kind and the name given it, `validateFunnel`'s `named`).
 */
export function validateNodeRules(nodeId: string, def: NodeDef, data: unknown, err: (x: Omit<Issue, 'severity'>) => void, lang: Lang = 'en', warn?: (x: Omit<Issue, 'severity'>) => void, who: Text = { en: `${def.label.en} "${nodeId}"`, ru: `${def.label.ru} «${nodeId}»` }) {
  const frag = compileAlone(nodeId, def, data);
  const guards: { rule: unknown; label: string }[] = [];
  const ruleLabel = (target: unknown) => (lang === 'ru' ? `правило «${String(target)}»` : `rule "${String(target)}"`);
  for (const t of [...(frag.always ?? []), ...Object.values(frag.on ?? {}).flat()]) {
    const p = (t.guard?.params ?? {}) as Record<string, unknown>;
    if (p.where !== undefined) guards.push({ rule: p.where, label: 'where' });
    if (p.when !== undefined) guards.push({ rule: p.when, label: ruleLabel(t.target) });
  }
  const start = def.startsOn?.(data, nodeId);
  if (start?.where !== undefined) guards.push({ rule: start.where, label: 'where' });
  for (const g of guards) {
    const problem = ruleProblem(g.rule);
    if (problem)
      err({
        nodeId,
        code: 'invalid-rule',
        message: lang === 'ru' ? `${who.ru}: условие (${g.label}) не может выполниться: ${problem}.` : `${who.en}: the condition (${g.label}) cannot run: ${problem}.`,
      });
    else
      for (const name of emptyComparisons(g.rule))
        warn?.({
          nodeId,
          code: 'empty-value',
          message:
            lang === 'ru'
              ? `${who.ru}: условие (${g.label}) сравнивает «${name}» с пустым значением — оно выполнится, только когда «${name}» пусто. Впишите значение.`
              : `${who.en}: the condition (${g.label}) compares "${name}" with an empty value, so it holds only when "${name}" is empty. Fill in the value.`,
        });
    if (!problem)
      for (const { name, word, op } of wordComparisons(g.rule))
        warn?.({
          nodeId,
          code: 'not-a-number',
          message:
            lang === 'ru'
              ? `${who.ru}: условие (${g.label}) сравнивает «${name}» ${op} «${word}» — это сравнение чисел, а «${word}» не число: впишите его цифрами.`
              : `${who.en}: the condition (${g.label}) compares "${name}" ${op} "${word}", a comparison of numbers, and "${word}" is not a number: write it in digits.`,
        });
  }
}

/** The variable a rule's operand reads (`{"var": "contact.seats"}` → `contact.seats`), else null. */
function varName(x: unknown): string | null {
  if (!x || typeof x !== 'object' || !('var' in x)) return null;
  const v = (x as { var: unknown }).var;
  return String(Array.isArray(v) ? v[0] : v);
}

/**
 * A variable compared by size (`≥`, `<`…) with a word (`"пять"`): that compares text, not numbers, and is never what
 * was meant. A date or a time of day written as text (`2026-05-25`, `10:00`) compares fine as text; so does a number.
 */
function wordComparisons(rule: unknown, out: { name: string; word: string; op: string }[] = []): { name: string; word: string; op: string }[] {
  if (Array.isArray(rule)) for (const r of rule) wordComparisons(r, out);
  else if (rule && typeof rule === 'object')
    for (const [op, args] of Object.entries(rule)) {
      if (['<', '<=', '>', '>='].includes(op) && Array.isArray(args) && (args.length === 2 || args.length === 3)) {
        const name = args.map(varName).find((x) => x !== null);
        const word = args.find((x): x is string => typeof x === 'string' && x.trim() !== '' && !/^\s*[-+]?[\d.,]/.test(x));
        if (name && word !== undefined) out.push({ name, word, op });
      } else wordComparisons(args, out);
    }
  return out;
}

/** The variables a rule compares for (in)equality with an empty string (a value left unfilled). */
function emptyComparisons(rule: unknown, out: string[] = []): string[] {
  if (Array.isArray(rule)) for (const r of rule) emptyComparisons(r, out);
  else if (rule && typeof rule === 'object')
    for (const [op, args] of Object.entries(rule)) {
      if (['==', '===', '!=', '!=='].includes(op) && Array.isArray(args) && args.length === 2) {
        const [a, b] = args as unknown[];
        if (b === '' && varName(a)) out.push(varName(a)!);
        else if (a === '' && varName(b)) out.push(varName(b)!);
      } else emptyComparisons(args, out);
    }
  return out;
}
