/**
 * The report writers. The engine calls `writeReports` once per run, after `summarize`
 * (reports/summarize.ts) has built the `ConformanceResult`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderHtml } from './html.ts';
import { renderJson } from './json.ts';
import { renderJunit } from './junit.ts';
import type { ConformanceResult } from './schema.ts';

export type { ConformanceResult } from './schema.ts';
export { SCHEMA_VERSION } from './schema.ts';
export { renderHtml } from './html.ts';
export { renderJson, toConformanceJson } from './json.ts';
export { renderJunit } from './junit.ts';

export interface WrittenReports {
  json: string;
  html: string;
  junit: string;
}

/** Write conformance.json, conformance.html and junit.xml into `outDir` (created if missing); returns their paths. */
export async function writeReports(result: ConformanceResult, outDir: string): Promise<WrittenReports> {
  await mkdir(outDir, { recursive: true });
  const written = {
    json: join(outDir, 'conformance.json'),
    html: join(outDir, 'conformance.html'),
    junit: join(outDir, 'junit.xml'),
  };
  await Promise.all([
    writeFile(written.json, renderJson(result), 'utf8'),
    writeFile(written.html, renderHtml(result), 'utf8'),
    writeFile(written.junit, renderJunit(result), 'utf8'),
  ]);
  return written;
}

export { buildResult, summarize, transitionKey, type MachineModel, type RequirementRegistry, type Summarized } from './summarize.ts';
