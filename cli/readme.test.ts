import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { variantKeyNames } from '../suites/plans/variants.ts';
import { commands } from './main.ts';
import { blockOf, cliBlock, readmeSpecs, updateReadme, variantsBlock } from './readme.ts';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README and the option tables', () => {
  it("the README's command block is generated from the option tables (npm run docs:cli)", () => {
    expect(blockOf(readme, 'cli'), 'README.md: run npm run docs:cli').toBe(cliBlock());
    expect(updateReadme(readme)).toBe(readme);
  });

  it("the README's variants table lists every variant key (npm run docs:cli)", () => {
    expect(blockOf(readme, 'variants'), 'README.md: run npm run docs:cli').toBe(variantsBlock());
    for (const key of variantKeyNames) expect(variantsBlock()).toContain(`| \`${key}\` |`);
  });

  it('documents every command and every option', () => {
    expect(readmeSpecs.map((s) => s.name.split(' ')[0])).toEqual(expect.arrayContaining(Object.keys(commands)));
    for (const spec of readmeSpecs) for (const option of spec.options) expect(cliBlock(), `${spec.name} --${option.name}`).toMatch(new RegExp(`[[ ]--${option.name}\\b`));
  });
});
