/**
 * `authconf detox init` writes a template whose every configuration Detox's own configuration
 * loading (detox/internals resolveConfig) resolves without error, and refuses to overwrite.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { detoxInit, templateConfigurations } from './init.ts';

const dir = mkdtempSync(join(tmpdir(), 'authconf-detox-init-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface DetoxInternals { resolveConfig(options: { argv: Record<string, string> }): Promise<{ device: { type: string }; apps: Record<string, { type?: string }>; testRunner: { args: { config?: string } } }> }
const internals = createRequire(import.meta.url)('detox/internals') as DetoxInternals;

describe('authconf detox init', () => {
  const { written } = detoxInit(dir);
  const detoxrc = join(dir, '.detoxrc.cjs');

  it('writes .detoxrc.cjs and e2e/jest.config.cjs', () => {
    expect(written).toEqual([detoxrc, join(dir, 'e2e', 'jest.config.cjs')]);
    expect(readFileSync(detoxrc, 'utf8')).toMatch(/authconf run --driver detox -c android\.emu/);
  });

  it.each(templateConfigurations)('Detox resolves the %s configuration', async (configuration) => {
    const config = await internals.resolveConfig({ argv: { configuration, 'config-path': detoxrc } });
    expect(config.device.type).toBeTruthy();
    expect(Object.keys(config.apps).length).toBe(1);
    expect(config.testRunner.args.config).toBe(join(dir, 'e2e', 'jest.config.cjs'));
  });

  it('the Jest config is the runner authconf drives (loads, points at the bridge test)', () => {
    const jest = createRequire(import.meta.url)(join(dir, 'e2e', 'jest.config.cjs')) as { testMatch: string[]; testEnvironment: string };
    expect(jest.testMatch[0]).toMatch(/authconf-bridge\.test\.cjs$/);
    expect(jest.testEnvironment).toBe('detox/runners/jest/testEnvironment');
  });

  it('refuses to overwrite without --force', () => {
    expect(() => detoxInit(dir)).toThrow(expect.objectContaining({ code: 'DETOX_CONFIG_EXISTS' }));
    expect(detoxInit(dir, true).written).toHaveLength(2);
  });
});
