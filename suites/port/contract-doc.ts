/**
 * The testID contract as a README section (issue 10 item 5), generated from `models/testids.ts`
 * so it cannot drift: every screen and control a build must expose, per surface, with the seed
 * step each comes from (the comment on its line in testids.ts). `contract-doc.test.ts` fails
 * when README.md's block differs; `npx tsx suites/port/contract-doc.ts --write` rewrites it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { desktop, mobile, portal } from '../../models/testids.ts';

export const START = '<!-- testids:start -->';
export const END = '<!-- testids:end -->';

const testidsSource = fileURLToPath(new URL('../../models/testids.ts', import.meta.url));
const readmePath = fileURLToPath(new URL('../../README.md', import.meta.url));

/** testID -> the comment on its line in testids.ts (its seed and step), if any. */
function comments(source: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of source.matchAll(/^\s+\w+: '([a-z0-9-]+)',\s*(?:\/\/\s*(.*))?$/gm)) out.set(m[1]!, (m[2] ?? '').trim());
  return out;
}

const cell = (text: string): string => text.replace(/\|/g, '\\|');

export function contractMarkdown(source = readFileSync(testidsSource, 'utf8')): string {
  const notes = comments(source);
  const surfaces = [
    ['Portal (the organisation\'s web pages)', portal],
    ['Mobile app', mobile],
    ['Desktop app', desktop],
  ] as const;
  const lines: string[] = [
    'Generated from `models/testids.ts` by `npx tsx suites/port/contract-doc.ts --write`; a test fails when this block and the contract differ.',
    '',
  ];
  for (const [title, surface] of surfaces) {
    lines.push(`#### ${title}`, '', '| kind | testID | where it comes from |', '| --- | --- | --- |');
    for (const id of Object.values(surface.screens)) lines.push(`| screen | \`${id}\` | ${cell(notes.get(id) ?? '')} |`);
    for (const id of Object.values(surface.controls)) lines.push(`| control | \`${id}\` | ${cell(notes.get(id) ?? '')} |`);
    lines.push('');
  }
  return lines.join('\n');
}

export function replaceContractSection(readme: string, body: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${START} ... ${END} block`);
  return `${readme.slice(0, start + START.length)}\n${body}${readme.slice(end)}`;
}

export function currentContractSection(readme: string): string | undefined {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  return start < 0 || end < start ? undefined : readme.slice(start + START.length + 1, end);
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes('--write')) {
  writeFileSync(readmePath, replaceContractSection(readFileSync(readmePath, 'utf8'), contractMarkdown()));
}
