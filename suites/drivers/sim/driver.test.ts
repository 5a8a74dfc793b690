import { describe, expect, it } from 'vitest';
import { flowMachines } from '../../../models/machines/index.ts';
import { runPlan } from '../../runner/engine.ts';

const only = (id: string) => flowMachines.filter((m) => m.id === id).map((m) => ({ ...m }));

describe('sim driver (embedded reference server, portal over HTTP, sims)', () => {
  it('runs every mobile-pairing path of one variant green, with evidence and a QR image read by the phone', async () => {
    const result = await runPlan({ plan: 'mobile', machines: only('mobile-pairing'), variants: ['pin=4', 'location=required', 'keyFormat=alphanumeric', 'keyLifetime=48h'], out: null });
    expect(result.summary.paths.failed).toBe(0);
    expect(result.summary.paths.passed).toBeGreaterThan(20);
    const scanned = result.paths.flatMap((p) => p.steps).find((s) => s.event === 'QR.SCAN' && s.payload?.qr === 'valid');
    expect(scanned?.evidence?.some((e) => e.contentType === 'image/png')).toBe(true);
    expect(result.requirements.find((r) => r.id === 'MOB-PAIR-KEY-EXPIRY')?.status).toBe('passed');
  });

  it('marks an event the sims cannot perform not-applicable with the reason', async () => {
    const result = await runPlan({ plan: 'mobile', machines: only('mobile-authentication'), variants: ['pin=4', 'devices=one'], out: null });
    const na = result.paths.filter((p) => p.status === 'not-applicable');
    expect(na.length).toBeGreaterThan(0);
    expect(na[0]!.reason).toMatch(/^NOTIFICATION\.OPEN: the mobile sim asks for the PIN/);
    expect(result.summary.paths.failed).toBe(0);
  });
});
