import type { Store } from '../store/types.ts';
import { ManualClock, QA_CLOCK_SETTING, type Clock } from './clock.ts';
import type { Dispatcher } from './Dispatcher.ts';
import type { Runtime } from './Runtime.ts';

/** The longest a loop sleeps without looking (covers work another process added). */
const MAX_SLEEP_MS = 5_000;

/** One loop: does its work until nothing is due, then sleeps until the next due time or a poke. */
class Loop {
  private running = false;
  private wake: (() => void) | null = null;
  private done: Promise<void> | null = null;

  constructor(
    private readonly name: string,
    private readonly work: () => Promise<number>,
    private readonly nextDue: () => Promise<number | null>,
    private readonly clock: Clock,
  ) {}

  start() {
    if (this.running) return;
    this.running = true;
    this.done = this.run();
  }
  poke() {
    this.wake?.();
  }
  async stop() {
    this.running = false;
    this.poke();
    await this.done;
  }

  private async run() {
    while (this.running) {
      try {
        while (this.running && (await this.work()) > 0);
      } catch (e) {
        console.error(`worker (${this.name}): a batch failed and was rolled back; it will be retried`, e);
      }
      if (!this.running) break;
      const next = await this.nextDue().catch(() => null);
      const wait = this.clock.manual || next === null ? MAX_SLEEP_MS : Math.max(0, Math.min(MAX_SLEEP_MS, next - this.clock.now()));
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
}

/**
 * The scheduler and the dispatcher, as two independent loops: timers keep firing on time while
 * slow providers are being sent to. Each sleeps until its next due row (not polling every few
 * ms) and wakes early when this process commits new work. `stop()` lets the batch in progress
 * finish (graceful shutdown).
 */
export class Worker {
  private readonly timers: Loop;
  private readonly sender: Loop;

  /** The manual clock's time last kept in the store (it starts there, or at a time nobody moved yet). */
  private clockSaved: number;

  constructor(private readonly store: Store, private readonly clock: Clock, private readonly runtime: Runtime, private readonly dispatcher: Dispatcher) {
    this.clockSaved = clock.now();
    // while the QA clock is being moved, the move does the work, in time order; the loops wait
    this.timers = new Loop('timers', async () => (this.advancing ? 0 : runtime.fireDue()), () => store.read.nextTimerDue(), clock);
    this.sender = new Loop('outbox', async () => (this.advancing ? 0 : dispatcher.dispatchDue()), () => store.read.nextOutboxDue(), clock);
    runtime.onWork = () => this.poke();
  }

  start(): void {
    this.timers.start();
    this.sender.start();
  }

  poke(): void {
    this.timers.poke();
    this.sender.poke();
  }

  /** A failed message sent again now (`Dispatcher.retry`). */
  async resend(id: string) {
    const row = await this.dispatcher.retry(id);
    this.sender.poke();
    return row;
  }

  async stop(): Promise<void> {
    await Promise.all([this.timers.stop(), this.sender.stop()]);
  }

  private async nextDue(): Promise<number | null> {
    const [t, o] = await Promise.all([this.store.read.nextTimerDue(), this.store.read.nextOutboxDue()]);
    if (t === null) return o;
    if (o === null) return t;
    return Math.min(t, o);
  }

  /** Whether the QA clock is being moved (the loops leave the work to the move). */
  private advancing = false;
  /** The move of the QA clock in progress: two requests to move it go one after the other. */
  private moving: Promise<unknown> = Promise.resolve();

  /** QA clock: moves the manual clock to `target`, firing everything due on the way in order. */
  advanceTo(target: number): Promise<{ fired: number }> {
    const move = this.moving.then(async () => {
      this.advancing = true;
      try {
        return await this.move(target);
      } finally {
        this.advancing = false;
        this.poke();
      }
    });
    this.moving = move.catch(() => undefined);
    return move;
  }

  private async move(target: number): Promise<{ fired: number }> {
    if (!(this.clock instanceof ManualClock)) throw new Error('the clock is not manual');
    // a batch the loop is sending finishes at the time it was claimed, before time moves on (else
    // the next due time could be its claim's expiry, and its messages would be sent as of then)
    await this.dispatcher.idle();
    let fired = 0;
    for (;;) {
      const next = await this.nextDue();
      if (next === null || next > target) break;
      this.clock.set(next);
      const n = await this.drainOnce();
      fired += n;
      if (n === 0 && next <= this.clock.now()) break; // due but not workable now (a paused funnel's timer)
    }
    this.clock.set(target);
    fired += await this.drainOnce();
    // kept for the next start, so a restart does not take QA's time back
    const now = this.clock.now();
    if (now !== this.clockSaved) await this.store.transaction((tx) => tx.setSetting(QA_CLOCK_SETTING, { now }));
    this.clockSaved = now;
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
}
