import { describe, expect, it } from 'vitest';
import { UsageError } from '../command.ts';
import { parseSimsArgs } from './sims.ts';

describe('authconf sims serve arguments', () => {
  it('parses port, host, server and sim deviations', () => {
    expect(parseSimsArgs(['serve', '--port', '0', '--server=http://127.0.0.1:4100/', '--deviate', 'accept-sequential-pin', '--deviate', 'desktop-accept-pin-mismatch'])).toEqual({
      port: 0,
      host: '127.0.0.1',
      server: 'http://127.0.0.1:4100',
      state: 'authconf-sims.json', // issue 10: the apps keep their pairings across restarts, like the server's authconf.sqlite
      deviations: ['accept-sequential-pin', 'desktop-accept-pin-mismatch'],
    });
  });

  it('--state names the apps\' state file, or :memory:', () => {
    expect(parseSimsArgs(['serve', '--state', ':memory:']).state).toBe(':memory:');
    expect(parseSimsArgs(['serve', '--state=/tmp/x.json']).state).toBe('/tmp/x.json');
  });

  it('refuses bad input with usage errors and stable codes', () => {
    expect(() => parseSimsArgs([])).toThrow(UsageError);
    expect(() => parseSimsArgs(['serve', '--port', 'x'])).toThrow(/--port/);
    expect(() => parseSimsArgs(['serve', '--server', 'ftp://x'])).toThrow(/--server/);
    try {
      parseSimsArgs(['serve', '--deviate', 'accept-reused-pairing-key']);
      expect.unreachable();
    } catch (error) {
      expect((error as UsageError).code).toBe('UNKNOWN_DEVIATION');
    }
  });
});

describe('default ports agree across serve and sims serve', () => {
  it("sims serve's help names serve's default port, and each help its own default", async () => {
    const [{ spec: serve }, { spec: sims }, { usageOf }, { DEFAULT_SERVE_PORT, DEFAULT_SIMS_PORT }] = await Promise.all([
      import('./serve.ts'),
      import('./sims.ts'),
      import('../options.ts'),
      import('../defaults.ts'),
    ]);
    expect(usageOf(serve)).toContain(`(default ${DEFAULT_SERVE_PORT})`);
    expect(usageOf(sims)).toContain(`(default ${DEFAULT_SIMS_PORT})`);
    expect(usageOf(sims)).toContain(`http://127.0.0.1:${DEFAULT_SERVE_PORT},`);
    expect(usageOf(sims)).not.toMatch(/:4100\b/);
    expect(parseSimsArgs(['serve']).port).toBe(DEFAULT_SIMS_PORT);
  });
});
