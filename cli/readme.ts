/**
 * The README's generated blocks for the command line: the command synopses (from each
 * command's option table, the same tables `--help` is written from) and the policy variants
 * table (from suites/plans/variants.ts). `npm run docs:cli` rewrites them; cli/readme.test.ts
 * fails when the README and the tables differ.
 *
 *   tsx cli/readme.ts README.md
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { spec as baseline } from './commands/baseline.ts';
import { spec as deviations } from './commands/deviations.ts';
import { spec as detox } from './commands/detox.ts';
import { spec as merge } from './commands/merge.ts';
import { spec as models } from './commands/models.ts';
import { spec as report } from './commands/report.ts';
import { spec as requirements } from './commands/requirements.ts';
import { spec as run } from './commands/run.ts';
import { spec as serve } from './commands/serve.ts';
import { spec as sims } from './commands/sims.ts';
import { type CommandSpec, synopsisParts } from './options.ts';
import { variantsMarkdown } from './variant-help.ts';

export const readmeSpecs: readonly CommandSpec[] = [run, merge, baseline, serve, sims, models, requirements, deviations, report, detox];

const WIDTH = 100;

/** One command's synopsis, wrapped under its name: `authconf run [--plan ...] ...`. */
export function synopsisLines(spec: CommandSpec): string[] {
  const head = `authconf ${spec.name}${spec.positionals ? ` ${spec.positionals}` : ''}`;
  const parts = synopsisParts(spec);
  const lines: string[] = [];
  let line = head;
  for (const part of parts) {
    if (line.length + 1 + part.length > WIDTH && line.trim() !== head) {
      lines.push(line);
      line = ''.padEnd(head.length);
    }
    line += ` ${part}`;
  }
  lines.push(line);
  return lines;
}

export function cliBlock(): string {
  const synopses = readmeSpecs.flatMap((s) => [...synopsisLines(s), '']);
  synopses.pop();
  return ['', '```', ...synopses, '```', ''].join('\n');
}

export function variantsBlock(): string {
  return `\n${variantsMarkdown()}\n`;
}

const blocks: [name: string, render: () => string][] = [
  ['cli', cliBlock],
  ['variants', variantsBlock],
];

/** The text between `<!-- NAME:start -->` and `<!-- NAME:end -->`, or undefined. */
export function blockOf(readme: string, name: string): string | undefined {
  const start = readme.indexOf(`<!-- ${name}:start -->`);
  const end = readme.indexOf(`<!-- ${name}:end -->`);
  return start < 0 || end < start ? undefined : readme.slice(start + `<!-- ${name}:start -->`.length, end);
}

export function updateReadme(readme: string): string {
  let text = readme;
  for (const [name, render] of blocks) {
    const current = blockOf(text, name);
    if (current === undefined) throw new Error(`README has no <!-- ${name}:start --> ... <!-- ${name}:end --> block`);
    text = text.replace(`<!-- ${name}:start -->${current}<!-- ${name}:end -->`, () => `<!-- ${name}:start -->${render()}<!-- ${name}:end -->`);
  }
  return text;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2] ?? 'README.md';
  const before = readFileSync(file, 'utf8');
  const after = updateReadme(before);
  if (after === before) process.stdout.write(`${file}: command line blocks up to date\n`);
  else {
    writeFileSync(file, after);
    process.stdout.write(`${file}: command line blocks regenerated from the option tables\n`);
  }
}
