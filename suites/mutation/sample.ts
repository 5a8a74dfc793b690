/**
 * The sample `npm run mutants` tests (suites/mutation/run.ts): every mutant of the domain files is
 * enumerated with Stryker's own instrumenter and grouped by mutation site (the AST node it
 * changes; a site carries all its mutants); per file, the sites in a seeded order are taken until
 * the file has its share of the sample (its mutants / all mutants x size). Also the summary of
 * Stryker's JSON report (score, 95 % interval, undetected mutants).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { Instrumenter } from '@stryker-mutator/instrumenter';
import { unobservableIgnorer } from './sample-ignorer.mjs';
import type { Logger } from '@stryker-mutator/api/logging';

export interface Position { line: number; column: number }
/**
 * A mutation site: the AST node a group of mutants changes. `id` names it by its file, its source
 * text and which occurrence of that text it is, not by its line, so a site keeps its place in the
 * sample when comments or code elsewhere in the file move it.
 */
export interface Site { file: string; start: Position; end: Position; mutants: number; id: string }

const quiet: Logger = {
  isTraceEnabled: () => false, isDebugEnabled: () => false, isInfoEnabled: () => false,
  isWarnEnabled: () => true, isErrorEnabled: () => true, isFatalEnabled: () => true,
  trace: () => undefined, debug: () => undefined, info: () => undefined,
  warn: (m: string) => console.warn(m), error: (m: string) => console.error(m), fatal: (m: string) => console.error(m),
};

/** Every mutant Stryker would test in `files`, grouped by site, in source order. */
export async function enumerateSites(files: readonly string[]): Promise<Site[]> {
  const inputs = files.map((file) => ({ name: resolve(file), content: readFileSync(file, 'utf8'), mutate: true as const }));
  const { mutants } = await new Instrumenter(quiet).instrument(inputs, { plugins: null, excludedMutations: [], ignorers: [unobservableIgnorer] });
  const lines = new Map(inputs.map(({ name, content }) => [name, content.split('\n')]));
  const textOf = (name: string, { start, end }: { start: Position; end: Position }): string => {
    const own = lines.get(name)!.slice(start.line, end.line + 1);
    own[own.length - 1] = own[own.length - 1]!.slice(0, end.column);
    own[0] = own[0]!.slice(start.column);
    return own.join('\n');
  };
  const sites = new Map<string, Site>();
  const occurrences = new Map<string, number>();
  for (const mutant of mutants) {
    if (mutant.status !== undefined) continue; // ignored, with its reason: a `// Stryker disable` comment or unobservableIgnorer
    const file = relative(process.cwd(), mutant.fileName);
    const { start, end } = mutant.location;
    const key = `${file}:${start.line}:${start.column}-${end.line}:${end.column}`;
    let site = sites.get(key);
    if (!site) {
      const text = `${file}\0${textOf(mutant.fileName, mutant.location)}`;
      const occurrence = occurrences.get(text) ?? 0;
      occurrences.set(text, occurrence + 1);
      site = { file, start, end, mutants: 0, id: sha256(`${text}\0${occurrence}`) };
      sites.set(key, site);
    }
    site.mutants++;
  }
  return [...sites.values()];
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * Per file, its sites in a seeded order (a hash of the seed and the site's id), taken until the
 * file has its share of `size` mutants (its mutants / all mutants x size, at least one site).
 */
export function drawSample(sites: readonly Site[], size: number, seed: number): Site[] {
  const total = sites.reduce((n, s) => n + s.mutants, 0);
  const rank = new Map(sites.map((s) => [s, sha256(`${seed}\0${s.id}`)]));
  const files = [...new Set(sites.map((s) => s.file))].sort();
  const chosen: Site[] = [];
  for (const file of files) {
    const own = sites.filter((s) => s.file === file);
    const quota = Math.max(1, Math.round((own.reduce((n, s) => n + s.mutants, 0) / total) * size));
    own.sort((a, b) => (rank.get(a)! < rank.get(b)! ? -1 : 1));
    let taken = 0;
    for (const site of own) {
      if (taken >= quota) break;
      chosen.push(site);
      taken += site.mutants;
    }
  }
  return chosen;
}

export interface ReportMutant { mutatorName: string; replacement?: string; location: { start: Position }; status: string; statusReason?: string }

/**
 * A time-out Stryker proved to be an endless loop: its hit counter stopped the mutant after 100x
 * the mutant code's executions in the dry run ("Hit limit reached"), however busy the machine.
 */
function isEndlessLoop(m: ReportMutant): boolean {
  return m.status === 'Timeout' && (m.statusReason ?? '').startsWith('Hit limit reached');
}

/** Wilson score interval, 95 %. */
function wilson(k: number, n: number): [number, number] {
  if (n === 0) return [0, 0];
  const z = 1.96;
  const p = k / n;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
  return [centre - half, centre + half];
}

export function summarise(report: { files: Record<string, { mutants: ReportMutant[] }> }): { score: number; text: string } {
  const counts: Record<string, number> = {};
  const survivors: string[] = [];
  let loops = 0;
  for (const [file, { mutants }] of Object.entries(report.files)) {
    for (const m of mutants) {
      counts[m.status] = (counts[m.status] ?? 0) + 1;
      if (isEndlessLoop(m)) loops++;
      if (m.status === 'Survived' || m.status === 'NoCoverage' || (m.status === 'Timeout' && !isEndlessLoop(m))) {
        const replacement = (m.replacement ?? '').split('\n')[0]!.slice(0, 60);
        const label = m.status === 'NoCoverage' ? 'no coverage' : m.status === 'Timeout' ? 'timed out' : 'survived';
        survivors.push(`  ${label}  ${relative(process.cwd(), resolve(file))}:${m.location.start.line} ${m.mutatorName}: ${replacement}`);
      }
    }
  }
  // The score counts kills and proven endless loops only: any other time-out may be a slow run on
  // a loaded machine rather than a detection (README "Mutation score"); Stryker's own score, which
  // counts every time-out, is printed too.
  const killed = (counts['Killed'] ?? 0) + loops;
  const timedOut = counts['Timeout'] ?? 0;
  const valid = (counts['Killed'] ?? 0) + timedOut + (counts['Survived'] ?? 0) + (counts['NoCoverage'] ?? 0);
  const score = valid === 0 ? 0 : killed / valid;
  const [low, high] = wilson(killed, valid);
  const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;
  const lines = [
    `mutants: ${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', ')}`,
    `mutation score: ${pct(score)} (${killed} of ${valid} killed${loops > 0 ? `, of which ${loops} endless loop(s) stopped by Stryker's hit limit` : ''}; 95 % interval ${pct(low)}-${pct(high)}); goal 80 %: ${score >= 0.8 ? 'met' : 'NOT met'}`,
    `Stryker's score (time-outs counted as detected): ${pct(valid === 0 ? 0 : ((counts['Killed'] ?? 0) + timedOut) / valid)} (${(counts['Killed'] ?? 0) + timedOut} of ${valid})`,
    ...(survivors.length > 0 ? ['undetected:', ...survivors] : []),
  ];
  return { score, text: lines.join('\n') };
}

