/** Where the server's time comes from: the system clock, or a manual one QA moves. */
export interface Clock {
  now(): number;
  readonly manual: boolean;
}

export const systemClock: Clock = { now: () => Date.now(), manual: false };

/** The setting that keeps a manual clock's time across restarts. */
export const QA_CLOCK_SETTING = 'qaClock';

/** A virtual clock that only moves when told (`VORONKA_CLOCK=manual`). */
export class ManualClock implements Clock {
  readonly manual = true;
  constructor(private t: number) {}
  now(): number {
    return this.t;
  }
  set(t: number): void {
    if (t > this.t) this.t = t;
  }
}
