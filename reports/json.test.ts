import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { miniResult } from './fixtures/mini-result.ts';
import { writeReports } from './index.ts';
import { renderJson } from './json.ts';

describe('conformance.json', () => {
  it('starts with schemaVersion and keeps schema key order whatever the input order', () => {
    const result = miniResult();
    const text = renderJson(result);
    expect(Object.keys(JSON.parse(text) as object)).toEqual(['schemaVersion', 'run', 'summary', 'requirements', 'paths', 'machines']);
    const reordered = { machines: result.machines, paths: result.paths, requirements: result.requirements, summary: result.summary, run: { ...result.run, seed: 42, plan: 'mobile' }, schemaVersion: result.schemaVersion };
    expect(renderJson(reordered)).toBe(text);
  });

  it('round-trips the data and drops undefined optionals', () => {
    const result = miniResult();
    const parsed = JSON.parse(renderJson(result)) as typeof result;
    expect(parsed).toEqual(JSON.parse(JSON.stringify(result)));
    expect(parsed.requirements[0]).not.toHaveProperty('reason');
    expect(Object.keys(parsed.paths[1]!.steps[1]!)).toEqual(['event', 'payload', 'state', 'requirements', 'status', 'checks', 'error', 'durationMs']);
  });

  it('writeReports writes the three files and returns their paths', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'authconf-reports-'));
    try {
      const written = await writeReports(miniResult(), join(dir, 'nested', 'out'));
      expect(written).toEqual({ json: join(dir, 'nested/out/conformance.json'), html: join(dir, 'nested/out/conformance.html'), junit: join(dir, 'nested/out/junit.xml') });
      const json = JSON.parse(await readFile(written.json, 'utf8')) as { schemaVersion: string };
      expect(json.schemaVersion).toBe('2.0');
      expect(await readFile(written.html, 'utf8')).toContain('<!doctype html>');
      expect(await readFile(written.junit, 'utf8')).toMatch(/^<\?xml/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
