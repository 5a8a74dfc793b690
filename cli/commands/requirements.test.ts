import { describe, expect, it } from 'vitest';
import { main } from '../main.ts';
import type { Io } from '../command.ts';

function capture(): Io & { stdout: () => string; stderr: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return { out: (l) => out.push(l), err: (l) => err.push(l), stdout: () => out.join('\n'), stderr: () => err.join('\n') };
}

interface Row {
  id: string;
  level: string;
  source: { seed?: string; section?: string; url?: string };
  text: string;
  readings?: Record<string, string>;
  citedBy: string[];
  checkedBy: string[];
}

describe('authconf requirements', () => {
  it('prints JSON with id, level, source, text and citedBy; every MUST is cited', async () => {
    const io = capture();
    expect(await main(['requirements', '--format', 'json'], io)).toBe(0);
    const rows = JSON.parse(io.stdout()) as Row[];
    expect(rows.length).toBeGreaterThan(100);
    for (const r of rows) expect(Object.keys(r)).toEqual(expect.arrayContaining(['id', 'level', 'source', 'text', 'citedBy', 'checkedBy']));
    // checkedBy: the checks of the catalog (every machine binding loaded) that cite it.
    expect(rows.every((r) => Array.isArray(r.checkedBy))).toBe(true);
    expect(rows.filter((r) => r.level === 'OUT-OF-SCOPE').map((r) => r.id)).toEqual(expect.arrayContaining(['OOS-MOB-WINDOWS-MAC-LOGIN', 'OOS-DSK-VPN-RDP']));
    expect(rows.filter((r) => r.level === 'MUST' && r.citedBy.length === 0).map((r) => r.id)).toEqual([]);
    const pin = rows.find((r) => r.id === 'MOB-PAIR-PIN-NO-SEQUENCE');
    expect(pin?.citedBy).toContain('mobile-pairing#pinCreate --PIN.SUBMIT [pinSequence]--> pinCreate');
  });

  it('shows both seed disagreements as POLICY entries with both readings', async () => {
    const io = capture();
    await main(['requirements', '--format=json'], io);
    const rows = JSON.parse(io.stdout()) as Row[];
    const pin = rows.find((r) => r.id === 'POL-PIN-DISTINCT-DIGITS-6');
    const attribute = rows.find((r) => r.id === 'POL-STATUS-ATTRIBUTE');
    expect(pin?.level).toBe('POLICY');
    expect(Object.keys(pin?.readings ?? {}).sort()).toEqual(['3', '4']);
    expect(attribute?.level).toBe('POLICY');
    expect(Object.keys(attribute?.readings ?? {}).sort()).toEqual(['com.pingidentity.pingone.status', 'pingone.mfa.status']);
  });

  it('prints a readable table with a summary line', async () => {
    const io = capture();
    expect(await main(['requirements'], io)).toBe(0);
    expect(io.stdout()).toMatch(/^id +level +cited +checks +text/);
    expect(io.stdout()).toContain('reading 3: Seed 002');
    expect(io.stdout()).toMatch(/\d+ requirements: \d+ MUST, \d+ SHOULD, \d+ POLICY, \d+ OUT-OF-SCOPE; 0 MUST not cited by a machine, \d+ MUST without a check\./);
  });

  it('exits 2 on a bad option', async () => {
    const io = capture();
    expect(await main(['requirements', '--format', 'csv'], io)).toBe(2);
    expect(io.stderr()).toContain("--format takes table, json, not");
    expect(await main(['requirements', '--nope'], capture())).toBe(2);
  });
});
