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

  it('marks a path the target cannot set up not-applicable with the reason, never passed', async () => {
    // Under devices=one the embedded server cannot hold a user with several devices, so the
    // DEVICE_SELECTION_REQUIRED paths of that variant cannot be set up: not-applicable, with why.
    const result = await runPlan({ plan: 'adapter', machines: only('adapter-additional-device'), variants: ['devices=one', 'poll=post'], out: null });
    const na = result.paths.filter((p) => p.status === 'not-applicable');
    expect(na.length).toBeGreaterThan(0);
    expect(na[0]!.reason).toMatch(/several devices cannot be set up when the policy allows one device/);
    expect(na.every((p) => p.steps.every((s) => s.status !== 'passed' || s.event === 'xstate.init'))).toBe(true);
    expect(result.summary.paths.failed).toBe(0);
    expect(result.summary.paths.notApplicable).toBe(na.length);
  });
});
