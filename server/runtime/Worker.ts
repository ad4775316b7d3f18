import type { Store } from '../store/types.ts';
import { ManualClock, type Clock } from './clock.ts';
import type { Dispatcher } from './Dispatcher.ts';
import type { Runtime } from './Runtime.ts';

/** The longest the worker sleeps without looking (covers work another process added). */
const MAX_SLEEP_MS = 5_000;

/**
 * The scheduler + dispatcher loop. It sleeps until the next due timer or message (not polling
 * every few ms), wakes early when this process commits new work, fires due timers in batches
 * and sends the outbox. `stop()` lets the batch in progress finish.
 */
export class Worker {
  private running = false;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  /** For tests and the QA clock: resolves when the loop has nothing due. */
  private busy = false;

  constructor(private readonly store: Store, private readonly clock: Clock, private readonly runtime: Runtime, private readonly dispatcher: Dispatcher) {
    runtime.onWork = () => this.poke();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  poke(): void {
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.poke();
    await this.loop;
  }

  /** Does everything due now; returns how many timers and messages it handled. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = (await this.runtime.fireDue()) + (await this.dispatcher.dispatchDue());
      total += n;
      if (n === 0 || !this.running && this.loop) return total;
    }
  }

  private async nextDue(): Promise<number | null> {
    const [t, o] = await Promise.all([this.store.read.nextTimerDue(), this.store.read.nextOutboxDue()]);
    if (t === null) return o;
    if (o === null) return t;
    return Math.min(t, o);
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.busy = true;
      try {
        await this.drain();
      } catch (e) {
        console.error('worker: a batch failed and was rolled back; retrying', e);
      }
      this.busy = false;
      if (!this.running) break;
      const next = await this.nextDue();
      const wait = this.clock.manual ? MAX_SLEEP_MS : next === null ? MAX_SLEEP_MS : Math.max(0, Math.min(MAX_SLEEP_MS, next - this.clock.now()));
      if (wait === 0) continue;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, wait);
        this.wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      this.wake = null;
    }
  }

  /** QA clock: moves the manual clock to `target`, firing everything due on the way in order. */
  async advanceTo(target: number): Promise<{ fired: number }> {
    if (!(this.clock instanceof ManualClock)) throw new Error('the clock is not manual');
    let fired = 0;
    for (;;) {
      const next = await this.nextDue();
      if (next === null || next > target) break;
      this.clock.set(next);
      const n = await this.drainOnce();
      fired += n;
      if (n === 0 && next <= this.clock.now()) {
        // something due cannot be handled now (e.g. a paused funnel's timer): stop looking at it
        break;
      }
    }
    this.clock.set(target);
    fired += await this.drainOnce();
    return { fired };
  }

  private async drainOnce(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = (await this.runtime.fireDue()) + (await this.dispatcher.dispatchDue());
      total += n;
      if (n === 0) return total;
    }
  }

  get idle(): boolean {
    return !this.busy;
  }
}
