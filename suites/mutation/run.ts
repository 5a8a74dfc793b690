/**
 * `npm run mutants`: the mutation score of the conformance plan over the domain code.
 *
 * By default a seeded, stratified sample: every mutant of the domain files (suites/mutation/
 * domain.mjs) is enumerated with Stryker's own instrumenter, grouped by mutation site (the AST
 * node it changes; a site carries all its mutants), and sites are drawn per file in a seeded
 * shuffle until the file has its share of the sample (mutants of the file / all mutants x size).
 * Stryker then tests the sampled sites only (stryker.config.mjs, suites/mutation/
 * sample-ignorer.mjs) and this script prints the score with a 95 % interval and the survivors.
 *
 *   npm run mutants                       sample of ~200 mutants, seed 1 (22.5 min measured with --concurrency 2 on a loaded machine)
 *   npm run mutants -- --sample 100 --seed 7
 *   npm run mutants -- --file reference-server/domain/otp.ts   (sample within that file; repeatable)
 *   npm run mutants -- --all              every mutant (1.5-3.5 hours on this machine)
 *   npm run mutants -- --concurrency 2    any other option goes to `stryker run`
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { drawSample, enumerateSites, summarise, type ReportMutant } from './sample.ts';
import { domainFiles } from './domain.mjs';

interface Args { all: boolean; size: number; seed: number; files: string[]; rest: string[] }

const outDir = 'reports/out/mutation';
const samplePath = `${outDir}/sample.json`;
const reportPath = `${outDir}/mutation.json`;

function parseArgs(argv: string[]): Args {
  const args: Args = { all: false, size: 200, seed: 1, files: [], rest: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--all') args.all = true;
    else if (arg === '--sample') args.size = Number(value());
    else if (arg === '--seed') args.seed = Number(value());
    else if (arg === '--file') args.files.push(value());
    else args.rest.push(arg);
  }
  if (!Number.isInteger(args.size) || args.size < 1) throw new Error('--sample takes a whole number of mutants');
  if (!Number.isInteger(args.seed)) throw new Error('--seed takes a whole number');
  return args;
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  const started = process.hrtime.bigint();
  mkdirSync(outDir, { recursive: true });
  const env = { ...process.env };
  delete env['AUTHCONF_MUTANTS_SAMPLE'];
  if (args.all && args.files.length > 0) args.rest.push('--mutate', args.files.join(','));
  if (!args.all) {
    const files = args.files.length > 0 ? args.files : domainFiles;
    const sites = await enumerateSites(files);
    const sample = drawSample(sites, args.size, args.seed);
    const population = sites.reduce((n, s) => n + s.mutants, 0);
    const drawn = sample.reduce((n, s) => n + s.mutants, 0);
    writeFileSync(samplePath, `${JSON.stringify({ seed: args.seed, size: args.size, population, populationSites: sites.length, drawn, sites: sample }, null, 1)}\n`);
    console.log(`sample (seed ${args.seed}): ${drawn} of ${population} mutants at ${sample.length} of ${sites.length} sites in ${files.length} files -> ${samplePath}`);
    env['AUTHCONF_MUTANTS_SAMPLE'] = resolve(samplePath);
  }
  const stryker = spawnSync(process.execPath, ['node_modules/@stryker-mutator/core/bin/stryker.js', 'run', ...args.rest], { stdio: 'inherit', env });
  const minutes = Number(process.hrtime.bigint() - started) / 60e9;
  if (stryker.status !== 0) return stryker.status ?? 1;
  const { text } = summarise(JSON.parse(readFileSync(reportPath, 'utf8')) as { files: Record<string, { mutants: ReportMutant[] }> });
  console.log(`\n${text}\nrun time: ${minutes.toFixed(1)} min; HTML report: ${outDir}/index.html`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
