/**
 * Time and randomness are inputs, never globals (DESIGN.md "Time, randomness, faults").
 * Every component takes a `Clock` and an `Rng`; a run is replayable from its seed because the
 * embedded default uses `ManualClock` and `seededRng(seed)`. This file is the only place that
 * reads the wall clock or the platform's random source (`systemClock`, `cryptoRng`), for
 * `authconf serve` in real time. The lint config forbids `Date.now`, `new Date()` and
 * `Math.random` everywhere else.
 */

export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  /** `n` random bytes. */
  bytes(n: number): Uint8Array;
}

/** A clock that only moves when told to. Starts at 2024-06-15T00:00:00Z unless given a start. */
export class ManualClock implements Clock {
  #now: number;
  constructor(startMs = Date.UTC(2024, 5, 15)) {
    this.#now = startMs;
  }
  now(): number {
    return this.#now;
  }
  advance(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`cannot advance a clock by ${ms} ms`);
    this.#now += ms;
    return this.#now;
  }
  set(ms: number): void {
    this.#now = ms;
  }
}

/** A clock that reads the wall clock, plus an offset that test control can move forward. */
export class SystemClock implements Clock {
  #offset = 0;
  now(): number {
    return Date.now() + this.#offset;
  }
  advance(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`cannot advance a clock by ${ms} ms`);
    this.#offset += ms;
    return this.now();
  }
}

export function systemClock(): SystemClock {
  return new SystemClock();
}

function intFrom(next: () => number, min: number, max: number): number {
  if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
    throw new RangeError(`bad integer range [${min}, ${max}]`);
  }
  return min + Math.floor(next() * (max - min + 1));
}

/**
 * A deterministic generator (sfc32, seeded through splitmix32) for replayable runs.
 * Not for secrets outside the simulated world: `authconf serve` uses `cryptoRng()`.
 */
export function seededRng(seed: number): Rng {
  let s = seed >>> 0;
  const splitmix = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  const next = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return {
    next,
    int: (min, max) => intFrom(next, min, max),
    bytes: (n) => Uint8Array.from({ length: n }, () => Math.floor(next() * 256)),
  };
}

/** Cryptographically strong randomness for real deployments (`authconf serve`). */
export function cryptoRng(): Rng {
  // Drawn 256 words at a time: one system call per 256 numbers, not one per number (an id is 20 draws).
  const pool = new Uint32Array(256);
  let used = pool.length;
  const next = (): number => {
    if (used === pool.length) {
      globalThis.crypto.getRandomValues(pool);
      used = 0;
    }
    return pool[used++]! / 4294967296;
  };
  return {
    next,
    int: (min, max) => intFrom(next, min, max),
    bytes: (n) => globalThis.crypto.getRandomValues(new Uint8Array(n)),
  };
}
