import { describe, expect, it } from 'vitest';
import { main } from '../main.ts';
import { parseRunArgs } from './run.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

describe('authconf run arguments', () => {
  it('parses repeatable flags and both --flag value and --flag=value', () => {
    expect(parseRunArgs(['--plan', 'mobile', '--variant', 'pin=6', '--variant=location=required', '--seed=3', '--deviate', 'a', '--path', 'x/y/1'])).toEqual({
      plan: 'mobile', variants: ['pin=6', 'location=required'], seed: 3, deviations: ['a'], path: 'x/y/1', browser: {}, detox: {},
    });
  });

  it('takes the Detox configuration with -c and the .detoxrc with --detox-config', () => {
    expect(parseRunArgs(['--driver', 'detox', '-c', 'android.emu', '--detox-config', '.detoxrc.cjs']).detox).toEqual({ configuration: 'android.emu', configPath: '.detoxrc.cjs' });
  });

  it.each([
    [['--plan', 'nope'], 'UNKNOWN_PLAN'],
    [['--variant', 'pin=5'], 'UNKNOWN_VARIANT'],
    [['--variant', 'colour=red'], 'UNKNOWN_VARIANT'],
    [['--deviate', 'nope'], 'UNKNOWN_DEVIATION'],
    [['--driver', 'selenium'], 'UNKNOWN_DRIVER'],
    [['--seed', 'x'], 'USAGE'],
    [['--frobnicate'], 'USAGE'],
    [['-c', 'web'], 'USAGE'], // -c needs --driver detox
    [['--driver', 'detox', '--detox-config', '.detoxrc.cjs'], 'USAGE'], // a .detoxrc needs -c naming its configuration
    [['--driver', 'detox', '-c', 'android.emu'], 'USAGE'], // no .detoxrc in this directory: 'authconf detox init' or --detox-config
    [['--jobs', '0'], 'USAGE'],
    [['-j', 'two'], 'USAGE'],
    [['--driver', 'detox', '--jobs', '2'], 'USAGE'], // one Detox process on one device
    [['--driver', 'api', '--target', 'http://127.0.0.1:9', '--jobs', '2'], 'USAGE'], // a target has one clock
  ])('%j exits 2 with %s', async (argv, code) => {
    const c = capture();
    expect(await main(['run', ...argv], c.io)).toBe(2);
    expect(c.err[0]).toContain(`[${code}]`);
  });
});

describe('authconf run --help', () => {
  it('lists every variant key with all its values, from the variant definitions', async () => {
    const { variantKeyNames, variantKeys } = await import('../../suites/plans/variants.ts');
    const c = capture();
    expect(await main(['run', '--help'], c.io)).toBe(0);
    const help = c.out.join('\n');
    for (const key of variantKeyNames) expect(help).toContain(`  ${key}=${Object.keys(variantKeys[key].values).join('|')}\n`);
    expect(help).toContain('push=default|long');
    expect(help).toContain('actionVia=content-type|query');
    for (const flag of ['--shard I/N', '--expect FILE', '--format FORMAT']) expect(help).toContain(flag);
  });
});

describe('authconf run: summary on stdout, progress on stderr', () => {
  it('`authconf run > file` keeps the summary; progress runs from preparing to the reports written', async () => {
    const { spawn } = await import('node:child_process');
    const { mkdtemp } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const out = await mkdtemp(join(tmpdir(), 'authconf-run-cli-'));
    const args = ['bin/authconf.mjs', 'run', '--plan', 'desktop', '--out', out];
    const child = spawn(process.execPath, args, { cwd: join(import.meta.dirname, '../..'), env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ {2}requirements +\d+ total/);
    expect(stdout).toContain('verdict      PASS: every MUST in scope passed a check, no path errored (exit 0)');
    expect(stdout).not.toContain('✓');
    expect(stdout).not.toContain('\u001b[');
    expect(stderr).toMatch(/^authconf run: preparing plan desktop/);
    expect(stderr).toContain('✓ desktop-');
    expect(stderr.trimEnd().split('\n').at(-1)).toMatch(/^authconf run: wrote .*conformance\.json/);
    expect(stderr).not.toContain('verdict');
  }, 120_000);
});
