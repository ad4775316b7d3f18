import { compileFunnel, type CompiledFunnel } from '../../shared/compiler/compileFunnel.ts';
import type { Tx } from '../store/types.ts';

/** A published version and the event types its trigger starts on. */
export interface LiveVersion {
  funnelId: string;
  version: number;
  cf: CompiledFunnel;
  starts: Set<string>;
}

/** Compiled funnel versions by `funnelId@version`. Versions are immutable, so entries never go stale. */
export class FunnelCache {
  private byVersion = new Map<string, CompiledFunnel>();
  private live: { at: number; list: LiveVersion[]; paused: LiveVersion[] } | null = null;
  /**
   * How long the list of live versions is trusted. This process drops it at once when it
   * publishes, pauses or deletes; another process on the same database (`voronka worker`,
   * `voronka import --publish` next to a running server) is seen within this time.
   */
  liveTtlMs = 2000;

  async get(tx: Tx, funnelId: string, version: number): Promise<CompiledFunnel> {
    const k = `${funnelId}@${version}`;
    let cf = this.byVersion.get(k);
    if (!cf) {
      const v = await tx.getVersion(funnelId, version);
      if (!v) throw new Error(`funnel version ${k} is missing`);
      const r = compileFunnel(v.definition);
      if (!r.ok) throw new Error(`stored funnel version ${k} does not compile: ${r.issues[0]?.message}`);
      cf = r.compiled;
      this.byVersion.set(k, cf);
    }
    return cf;
  }

  /** The live (published, not paused) versions and the event types their triggers start on. */
  async liveVersions(tx: Tx): Promise<LiveVersion[]> {
    return (await this.published(tx)).list;
  }

  /** The paused funnels' versions and the event types their triggers would start on (an event for one starts nothing, and says so). */
  async pausedVersions(tx: Tx): Promise<LiveVersion[]> {
    return (await this.published(tx)).paused;
  }

  private async published(tx: Tx) {
    if (!this.live || Date.now() - this.live.at > this.liveTtlMs) {
      const list: LiveVersion[] = [];
      const paused: LiveVersion[] = [];
      for (const v of await tx.publishedVersions()) {
        const cf = await this.get(tx, v.funnelId, v.version);
        (v.paused ? paused : list).push({ funnelId: v.funnelId, version: v.version, cf, starts: new Set(Object.keys(cf.config.states['@idle'].on ?? {})) });
      }
      this.live = { at: Date.now(), list, paused };
    }
    return this.live;
  }

  /** Called after publish / pause / resume / delete. */
  invalidateLive(): void {
    this.live = null;
  }
}
