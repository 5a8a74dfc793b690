import { describe, expect, it } from 'vitest';
import { main } from '../main.ts';
import type { Io } from '../command.ts';

function capture(): Io & { stdout: () => string; stderr: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return { out: (l) => out.push(l), err: (l) => err.push(l), stdout: () => out.join('\n'), stderr: () => err.join('\n') };
}

describe('authconf models', () => {
  it('lists the machines as a table by default', async () => {
    const io = capture();
    expect(await main(['models'], io)).toBe(0);
    for (const id of ['mobile-pairing', 'mobile-authentication', 'desktop-pairing', 'desktop-signon', 'creds', 'adapter-initial-pairing', 'adapter-additional-device']) expect(io.stdout()).toContain(id);
  });

  it('prints JSON with id, states and transitions for every machine', async () => {
    const io = capture();
    expect(await main(['models', '--format', 'json'], io)).toBe(0);
    const flows = JSON.parse(io.stdout()) as { id: string; states: { id: string; requirements: string[] }[]; transitions: { source: string; event: string; target: string }[] }[];
    expect(flows.length).toBeGreaterThanOrEqual(7);
    for (const f of flows) {
      expect(f.states.length).toBeGreaterThan(3);
      expect(f.transitions.length).toBeGreaterThan(3);
      for (const s of f.states) expect(s.requirements.length).toBeGreaterThan(0);
    }
    const adapter = flows.find((f) => f.id === 'adapter-additional-device');
    expect(adapter?.transitions).toContainEqual(expect.objectContaining({ source: 'otpRequired', event: 'checkOtp', target: 'mfaFailed', guard: 'lastAttempt' }));
  });

  it('shows one machine by NAME, as text, JSON or Mermaid', async () => {
    const text = capture();
    expect(await main(['models', 'creds'], text)).toBe(0);
    expect(text.stdout()).toContain('shareReview');
    const json = capture();
    expect(await main(['models', 'desktop-signon', '--format=json'], json)).toBe(0);
    expect((JSON.parse(json.stdout()) as { id: string }).id).toBe('desktop-signon');
    const mermaid = capture();
    expect(await main(['models', 'adapter-initial-pairing', '--format', 'mermaid'], mermaid)).toBe(0);
    expect(mermaid.stdout()).toMatch(/^%% adapter-initial-pairing: .*\nstateDiagram-v2\n/);
    expect(mermaid.stdout()).toContain('state "mobilePairingRequired" as mobilePairingRequired {');
  });

  it('exits 2 with the list of names for an unknown machine or format', async () => {
    const io = capture();
    expect(await main(['models', 'nope'], io)).toBe(2);
    expect(io.stderr()).toContain("unknown machine 'nope'");
    expect(io.stderr()).toContain('mobile-pairing, mobile-authentication');
    expect(io.stderr()).toContain('[UNKNOWN_MACHINE]');
    const bad = capture();
    expect(await main(['models', '--format', 'xml'], bad)).toBe(2);
  });

  it('prints its usage with --help', async () => {
    const io = capture();
    expect(await main(['models', '--help'], io)).toBe(0);
    expect(io.stdout()).toContain('Usage: authconf models [NAME] [options]');
    expect(io.stdout()).toContain('--format FORMAT');
  });
});
