/**
 * `--jobs N`: N lanes, each a driver of its own (its own embedded servers, so its own simulated
 * clock, and under puppeteer its own Chromium, so its own fake camera). Paths that run at once
 * never share a clock, a camera or a server's state; a path takes a free lane and gives it back
 * when it ends. Lanes start on first need (a run of one path starts one driver).
 */
import type { Driver } from '../../models/driver.ts';

export class Lanes {
  readonly #start: () => Promise<Driver>;
  readonly #size: number;
  readonly #drivers: Promise<Driver>[] = [];
  readonly #free: number[] = [];
  readonly #waiting: ((lane: number) => void)[] = [];

  constructor(size: number, start: () => Promise<Driver>) {
    this.#size = Math.max(1, size);
    this.#start = start;
  }

  /** Runs `body` on a free lane's driver (waiting for one when all are busy). */
  async use<T>(body: (driver: Driver) => Promise<T>): Promise<T> {
    const lane = await this.#take();
    try {
      return await body(await this.#drivers[lane]!);
    } finally {
      this.#giveBack(lane);
    }
  }

  /** The drivers that started (a lane whose driver failed to start is left out). */
  async started(): Promise<Driver[]> {
    return (await Promise.allSettled(this.#drivers)).flatMap((l) => (l.status === 'fulfilled' ? [l.value] : []));
  }

  async close(): Promise<void> {
    await Promise.all((await this.started()).map((d) => d.close()));
  }

  async #take(): Promise<number> {
    const lane = this.#free.pop();
    if (lane !== undefined) return lane;
    if (this.#drivers.length < this.#size) {
      this.#drivers.push(this.#start());
      return this.#drivers.length - 1;
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  #giveBack(lane: number): void {
    const next = this.#waiting.shift();
    if (next) next(lane);
    else this.#free.push(lane);
  }
}

/** Path results in the plan's order (paths that ran at once finish in any order). */
export function inPlanOrder<R extends { id: string }>(results: R[], jobs: readonly { id: string }[]): R[] {
  const order = new Map(jobs.map((job, i) => [job.id, i]));
  return [...results].sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
}
