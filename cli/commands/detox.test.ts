import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../main.ts';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

describe('authconf detox', () => {
  it('init writes the two files, then refuses to overwrite them (exit 2, DETOX_CONFIG_EXISTS)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'authconf-detox-cli-'));
    try {
      const first = io();
      expect(await main(['detox', 'init', '--dir', dir], first.io)).toBe(0);
      expect(existsSync(join(dir, '.detoxrc.cjs'))).toBe(true);
      expect(existsSync(join(dir, 'e2e', 'jest.config.cjs'))).toBe(true);
      const again = io();
      expect(await main(['detox', 'init', '--dir', dir], again.io)).toBe(2);
      expect(again.err.join('\n')).toMatch(/DETOX_CONFIG_EXISTS/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an unknown subcommand is a usage error', async () => {
    const t = io();
    expect(await main(['detox', 'start'], t.io)).toBe(2);
    expect(t.err.join('\n')).toMatch(/unknown detox subcommand 'start'/);
  });
});
