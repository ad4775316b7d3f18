import { DateTime } from 'luxon';
import { compileFunnel } from '../../shared/compiler/compileFunnel.ts';
import { readExperiment } from '../../shared/analytics/experiment.ts';
import { STAGES } from '../../shared/nodes/offer.ts';
import type { ExperimentDto, StatsDto, TrendDto } from '../../shared/api/types.ts';
import { HttpError } from '../http/errors.ts';
import type { Store } from '../store/types.ts';

export interface StageStats {
  node: string;
  stage: string;
  product: string;
  entered: number;
  converted: number;
  conversion: number;
  revenue: number;
}

/**
 * The funnel the figures are about, compiled (the live version, else the draft; null when that
 * does not compile), and its stages: the nodes of the palette's "stages" group (offers).
 */
async function statsFunnel(store: Store, funnelId: string) {
  const f = await store.read.getFunnel(funnelId);
  if (!f) throw new HttpError(404, `no funnel "${funnelId}"`);
  const v = f.version ? await store.read.getVersion(funnelId, f.version) : null;
  const r = compileFunnel(v?.definition ?? f.draft);
  const compiled = r.ok ? r.compiled : null;
  const nodes = compiled ? [...compiled.nodes] : [];
  // the goals beyond the stages the funnel's graph has (a goal node, a hand-off outcome that counts as a sale)
  const goalNodes = nodes.filter(([, c]) => c.def.group !== 'stages' && (c.def.convertsOnEntry || (c.def.conversionExits?.(c.data) ?? []).length > 0)).map(([id]) => id);
  return { compiled, stages: nodes.filter(([, c]) => c.def.group === 'stages'), goalNodes };
}

/**
 * The stage a funnel exists to sell: its core product when it has one (an upsell after it is a second sale to a buyer
 * already counted), else its last stage — every node of that stage (the same product offered on two branches).
 */
function mainSale(stages: Awaited<ReturnType<typeof statsFunnel>>['stages']): { stage: string; nodes: string[] } | null {
  const kinds = stages.map(([, c]) => c.data.stage as string);
  if (!kinds.length) return null;
  const stage = kinds.includes('coreProduct') ? 'coreProduct' : kinds.sort((a, b) => STAGES.indexOf(a as never) - STAGES.indexOf(b as never))[kinds.length - 1];
  return { stage, nodes: stages.filter(([, c]) => c.data.stage === stage).map(([id]) => id) };
}

/**
 * Per node: entered, waiting now, left by each exit; per stage: conversions and revenue; the goals
 * reached; and `converted`, the funnel's conversions: the runs that bought at its main stage (its core product, else
 * its last) or reached a goal beyond its stages — each run once, however many of those it reached (a deal closed by
 * phone that then passes a goal node is one conversion; so is a web purchase of the course, or a deal won on the phone
 * for it, in a funnel that has both).
 */
export async function funnelStats(store: Store, funnelId: string, now: number): Promise<StatsDto> {
  const funnel = await statsFunnel(store, funnelId);
  const stageIds = funnel.stages.map(([id]) => id);
  const main = mainSale(funnel.stages);
  // the stages whose sales are steps on the way (a tripwire), not the funnel's conversion
  const onTheWay = stageIds.filter((id) => !main?.nodes.includes(id));
  const [nodes, goals, goalRuns, late] = await Promise.all([store.read.nodeStats(funnelId), store.read.goalStats(funnelId), store.read.goalRuns(funnelId, onTheWay), store.read.lateTasks(funnelId, now)]);
  const byNode = new Map(nodes.map((n) => [n.node, n]));
  // a task past its time with no «overdue» exit: the run still waits, the manager is late
  for (const l of late) {
    const s = byNode.get(l.node);
    if (s) s.late = l.n;
  }
  const stages: StageStats[] = [];
  for (const [id, c] of funnel.stages) {
    const s = byNode.get(id);
    const entered = s?.entered ?? 0;
    const converted = s?.exits.converted ?? 0;
    const revenue = goals.filter((g) => g.node === id).reduce((sum, g) => sum + g.revenue, 0);
    stages.push({ node: id, stage: c.data.stage, product: c.data.product.name, entered, converted, conversion: entered ? converted / entered : 0, revenue });
  }
  stages.sort((a, b) => STAGES.indexOf(a.stage as never) - STAGES.indexOf(b.stage as never));
  // decided by the graph (goals beyond the stages there), so it means the same before the first goal is reached as after;
  // goals an earlier version recorded beyond its stages count too
  const beyondStages = funnel.goalNodes.length > 0 || goals.some((g) => !stageIds.includes(g.node));
  // a variant's conversions are the funnel's
  const counted = { except: onTheWay };
  const conversions = beyondStages && main ? 'stageAndGoals' : beyondStages ? 'goals' : main ? 'lastStage' : 'none';
  // «without an amount» is news only where the goal reads one (a payment's amount, a deal the manager enters)
  const readsAmount = (node: string) => {
    const c = funnel.compiled?.nodes.get(node);
    return c?.def.valuePerConversion?.(c.data) === true;
  };
  const said = goals.map(({ valueless, ...g }) => (valueless && readsAmount(g.node) ? { ...g, valueless } : g));
  return { nodes, stages, goals: said, converted: goalRuns, conversions, ...(main ? { mainStage: main.stage } : {}), goalNodes: funnel.goalNodes, experiments: await experiments(store, funnelId, funnel.compiled, counted) };
}

/**
 * Each experiment node (an A/B split) of the funnel: per variant, the runs that took it, how many
 * of them converted afterwards (the funnel's conversions) and that revenue; and the test's reading.
 */
async function experiments(store: Store, funnelId: string, compiled: Awaited<ReturnType<typeof statsFunnel>>['compiled'], counted: { only: string[] } | { except: string[] } | { reached: string }): Promise<ExperimentDto[]> {
  const nodes = compiled ? [...compiled.nodes].filter(([, c]) => c.def.variantFor) : [];
  if (!nodes.length) return [];
  const rows = await store.read.variantStats(funnelId, counted);
  return nodes.map(([id, c]) => {
    const mine = rows.filter((r) => r.node === id);
    // the variants the node has now, then any that runs took under an earlier version
    const ids = [...c.def.exits(c.data), ...mine.map((r) => r.variant)].filter((v, i, all) => all.indexOf(v) === i);
    const variants = ids.map((v) => {
      const r = mine.find((x) => x.variant === v);
      const entered = r?.entered ?? 0;
      const converted = r?.converted ?? 0;
      return { id: v, entered, converted, conversion: entered ? converted / entered : 0, revenue: r?.revenue ?? 0 };
    });
    return { node: id, variants, ...readExperiment(variants), ...('reached' in counted ? { goal: { reached: counted.reached } } : {}) };
  });
}

/**
 * The A/B splits judged by a step of their own instead of the funnel's goal: a variant's conversion
 * is a run that entered `reached` after the split (a booking, a reply), with the same test.
 */
export async function funnelExperiments(store: Store, funnelId: string, reached: string): Promise<ExperimentDto[]> {
  const funnel = await statsFunnel(store, funnelId);
  if (!funnel.compiled?.nodes.has(reached)) throw new HttpError(404, `goal: the funnel "${funnelId}" has no node "${reached}"`);
  return experiments(store, funnelId, funnel.compiled, { reached });
}

/** A day (YYYY-MM-DD in the funnel's zone): runs started, conversions at its stages (every goal reached when it has none), their revenue. */
export type TrendDay = TrendDto['days'][number];

/**
 * Day by day over the last `days` days (today included), in the funnel's time zone: runs started,
 * conversions at its stages and their revenue — the same conversions and revenue as the stage
 * chart's, spread over the days they happened.
 */
export async function funnelTrend(store: Store, funnelId: string, days: number, now: number): Promise<TrendDto> {
  const funnel = await statsFunnel(store, funnelId);
  const zone = funnel.compiled?.funnel.settings?.timezone ?? 'UTC';
  const stageNodes = new Set(funnel.stages.map(([id]) => id));
  const first = DateTime.fromMillis(now, { zone }).startOf('day').minus({ days: days - 1 });
  const starts = Array.from({ length: days + 1 }, (_, i) => first.plus({ days: i }));
  const bounds = starts.map((d) => d.toMillis());
  const [entered, goals] = await Promise.all([store.read.runsStartedBetween(funnelId, bounds), store.read.goalsBetween(funnelId, bounds[0], bounds[days])]);
  const out: TrendDay[] = starts.slice(0, days).map((d, i) => ({ date: d.toISODate()!, entered: entered[i], converted: 0, revenue: 0 }));
  // the conversions are the headline's: sales at the main stage and goals beyond the stages (a run that reached
  // several — an outcome counted as a sale, then a goal node — is one, on the day of its first); every goal's value is
  // revenue
  const beyond = funnel.goalNodes.length > 0 || !stageNodes.size || goals.some((g) => !stageNodes.has(g.node));
  const main = new Set(mainSale(funnel.stages)?.nodes ?? []);
  let day = 0;
  const counted = new Set<string>();
  for (const g of goals) {
    while (g.at >= bounds[day + 1]) day++;
    out[day].revenue += g.value ?? 0;
    if (stageNodes.has(g.node) && !main.has(g.node)) continue; // a sale on the way (a tripwire)
    if (!counted.has(g.runId)) out[day].converted++;
    counted.add(g.runId);
  }
  return { zone, stages: !beyond, days: out };
}
