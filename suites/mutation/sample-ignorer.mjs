// Stryker ignore-plugin for the sampled run of `npm run mutants` (suites/mutation/run.ts).
// run.ts draws a seeded sample of mutation sites (AST nodes with mutants) and writes it to the
// file named by AUTHCONF_MUTANTS_SAMPLE; stryker.config.mjs limits `mutate` to the sampled
// sites' ranges, and this plugin ignores, inside those ranges, every node that is not a sampled
// site and holds none (the children of a sampled block statement, for instance), so Stryker
// tests the sampled sites' mutants and reports the rest of those ranges as "Ignored".
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { PluginKind, declareValuePlugin } from '@stryker-mutator/api/plugin';

const samplePath = process.env['AUTHCONF_MUTANTS_SAMPLE'];
/** @type {{ seed: number, sites: { file: string, start: { line: number, column: number }, end: { line: number, column: number } }[] } | null} */
const sample = samplePath ? JSON.parse(readFileSync(samplePath, 'utf8')) : null;

/** @type {Map<string, { start: { line: number, column: number }, end: { line: number, column: number } }[]>} */
const sitesByFile = new Map();
for (const site of sample?.sites ?? []) sitesByFile.set(site.file, [...(sitesByFile.get(site.file) ?? []), site]);

const before = (a, b) => a.line < b.line || (a.line === b.line && a.column <= b.column);
const same = (a, b) => a.line === b.line && a.column === b.column;
/** Site locations use Stryker's 0-based lines; Babel's are 1-based. */
const toStryker = (p) => ({ line: p.line - 1, column: p.column });

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, 'authconf-sample', {
    shouldIgnore(path) {
      const loc = path.node.loc;
      const fileName = path.hub?.file?.opts?.filename;
      if (!sample || !loc || typeof fileName !== 'string') return undefined;
      const sites = sitesByFile.get(relative(process.cwd(), fileName)) ?? [];
      const start = toStryker(loc.start);
      const end = toStryker(loc.end);
      const isSite = sites.some((s) => same(s.start, start) && same(s.end, end));
      const holdsSite = sites.some((s) => before(start, s.start) && before(s.end, end));
      if (isSite || holdsSite) return undefined;
      return `not in the sample (seed ${sample.seed}); \`npm run mutants -- --all\` tests every mutant`;
    },
  }),
];
