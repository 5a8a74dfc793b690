import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AUTHCONF_VERSION } from '../suites/runner/engine.ts';
import { main } from './main.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

describe('authconf', () => {
  it.each([['--version'], ['-V']])('%s prints package.json version (the one conformance.json records)', async (flag) => {
    const c = capture();
    expect(await main([flag], c.io)).toBe(0);
    expect(c.out).toEqual([pkg.version]);
    expect(AUTHCONF_VERSION).toBe(pkg.version);
  });

  it('suggests the command meant by a typo', async () => {
    const c = capture();
    expect(await main(['reqirements'], c.io)).toBe(2);
    expect(c.err[0]).toContain("unknown command 'reqirements'. Did you mean 'requirements'?");
    const option = capture();
    expect(await main(['--verison'], option.io)).toBe(2);
    expect(option.err[0]).toContain("Did you mean '--version'?");
  });

  it('help COMMAND prints that command\'s usage', async () => {
    const c = capture();
    expect(await main(['help', 'merge'], c.io)).toBe(0);
    expect(c.out[0]).toMatch(/^Usage: authconf merge DIR\.\.\. \[options\]/);
  });

  it('lists every command with its summary', async () => {
    const c = capture();
    expect(await main(['--help'], c.io)).toBe(0);
    for (const name of ['run', 'merge', 'baseline', 'serve', 'sims', 'models', 'requirements', 'deviations', 'report']) expect(c.out.join('\n')).toMatch(new RegExp(`\\n  ${name} +\\S`));
  });

  it('an unreachable target says what to do, not "Run --help"', async () => {
    const c = capture();
    expect(await main(['run', '--plan', 'adapter', '--driver', 'api', '--target', 'http://127.0.0.1:9'], c.io)).toBe(2);
    const text = c.err.join('\n');
    expect(text).toContain('[TARGET_UNREACHABLE]');
    expect(text).toContain("Start the server (e.g. 'authconf serve");
    expect(text).not.toContain('--help');
  });

  it('a wrong option points at --help', async () => {
    const c = capture();
    expect(await main(['deviations', '--frmat', 'json'], c.io)).toBe(2);
    expect(c.err).toEqual(["authconf deviations: unknown option '--frmat'. Did you mean '--format'? [USAGE]", "Run 'authconf deviations --help' for usage."]);
  });
});
