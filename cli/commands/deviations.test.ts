import { describe, expect, it } from 'vitest';
import { deviations } from '../../models/deviations.ts';
import { main } from '../main.ts';

function capture(): { io: { out(l: string): void; err(l: string): void }; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l) => out.push(l), err: (l) => err.push(l) }, out, err };
}

describe('authconf deviations', () => {
  it('prints a table with every deviation and the requirement it breaks', async () => {
    const c = capture();
    expect(await main(['deviations'], c.io)).toBe(0);
    for (const [name, d] of Object.entries(deviations)) expect(c.out.some((l) => l.startsWith(name) && l.includes(d.breaks))).toBe(true);
  });

  it('prints JSON', async () => {
    const c = capture();
    expect(await main(['deviations', '--format', 'json'], c.io)).toBe(0);
    const rows = JSON.parse(c.out.join('\n')) as { name: string; breaks: string }[];
    expect(rows.map((r) => r.name)).toEqual(Object.keys(deviations));
  });

  it('refuses an unknown format with exit 2', async () => {
    const c = capture();
    expect(await main(['deviations', '--format', 'xml'], c.io)).toBe(2);
    expect(c.err[0]).toContain('[USAGE]');
  });
});
