/**
 * Issue 10: a restart of `authconf sims serve` is a relaunch of the apps, not a reinstall. With a
 * state file the web builds keep their pairings, so a server that kept its devices (SQLite) still
 * reaches the same phone; a reinstall from the page forgets one app, in the file too.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock, seededRng } from '../../models/runtime.ts';
import { desktop } from '../../models/testids.ts';
import { FakeDeviceServer } from '../fixtures/fake-device-server.ts';
import { buildSimsWeb } from './server.ts';
import { simsState } from './state-file.ts';

const D = desktop.screens;
const DC = desktop.controls;
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'authconf-sims-state-'));
  dirs.push(dir);
  return join(dir, 'sims.json');
}

describe('the web builds keep their apps across a restart (state file)', () => {
  it('a paired desktop app is still paired after the server restarts; a reinstall forgets it', async () => {
    const file = tempFile();
    const clock = new ManualClock();
    const fake = new FakeDeviceServer(clock);
    const start = () => buildSimsWeb({ server: 'http://org.test', clock, rng: seededRng(1), http: fake, stateFile: file });
    const first = start();
    await first.inject({ method: 'POST', url: '/desktop/gesture', payload: { kind: 'type', control: DC.pairingKeyInput, text: fake.issueKey('alice') } });
    const paired = (await first.inject({ method: 'POST', url: '/desktop/gesture', payload: { kind: 'tap', control: DC.pair } })).json<{ snapshot: { screen: string } }>();
    expect(paired.snapshot.screen).toBe(D.otp);
    await first.close();

    const second = start();
    expect((await second.inject({ url: '/desktop/snapshot' })).json()).toMatchObject({ screen: D.otp });
    expect((await second.inject({ url: '/desktop' })).body).not.toContain('data-sim-note'); // paired: no start-clean note
    expect((await second.inject({ url: '/mobile' })).body).toContain('start clean'); // the unpaired phone says how to start clean
    await second.inject({ method: 'POST', url: '/desktop/reset', payload: { reinstall: true } });
    expect((await second.inject({ url: '/desktop/snapshot' })).json()).toMatchObject({ screen: D.pairing });
    await second.close();
    expect(JSON.parse(readFileSync(file, 'utf8')).desktop).not.toHaveProperty('desktop-profiles', expect.stringContaining('deviceToken'));
  });

  it('without a file the apps live in memory; a file that is not a state file is refused with a clear error', () => {
    const memory = simsState(undefined);
    memory.keystore('mobile').set('k', 'v');
    expect(memory.file).toBeUndefined();
    const bad = tempFile();
    writeFileSync(bad, '42');
    expect(() => simsState(bad)).toThrow(/not an authconf sims state file/);
  });
});
