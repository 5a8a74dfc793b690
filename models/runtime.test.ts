import { describe, expect, it } from 'vitest';
import { ManualClock, seededRng } from './runtime.ts';

describe('seededRng', () => {
  it('replays the same sequence from the same seed', () => {
    const a = seededRng(42);
    const b = seededRng(42);
    const seqA = Array.from({ length: 20 }, () => a.next());
    const seqB = Array.from({ length: 20 }, () => b.next());
    expect(seqA).toEqual(seqB);
    expect(seededRng(43).next()).not.toBe(seqA[0]);
  });

  it('stays in range', () => {
    const rng = seededRng(7);
    for (let i = 0; i < 1000; i++) {
      const x = rng.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      const n = rng.int(3, 5);
      expect([3, 4, 5]).toContain(n);
    }
    expect(rng.bytes(16)).toHaveLength(16);
  });
});

describe('ManualClock', () => {
  it('moves only when advanced and refuses to go back', () => {
    const clock = new ManualClock(1000);
    expect(clock.now()).toBe(1000);
    clock.advance(500);
    expect(clock.now()).toBe(1500);
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });
});
