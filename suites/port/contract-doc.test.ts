import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mobile } from '../../models/testids.ts';
import { contractMarkdown, currentContractSection, replaceContractSection } from './contract-doc.ts';

describe('the testID contract in README.md', () => {
  it('is the block generated from models/testids.ts (run `npx tsx suites/port/contract-doc.ts --write` after changing the contract)', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(currentContractSection(readme), 'README.md has no <!-- testids:start --> ... <!-- testids:end --> block').toBe(contractMarkdown());
  });

  it('lists every screen and control with the seed step from its comment', () => {
    const doc = contractMarkdown();
    for (const id of [...Object.values(mobile.screens), ...Object.values(mobile.controls)]) expect(doc).toContain(`\`${id}\``);
    expect(doc).toContain('| screen | `mobile-welcome` | 000 step 2: welcome with terms of service link and Continue |');
    expect(replaceContractSection('a\n<!-- testids:start -->old<!-- testids:end -->\nb', 'new\n')).toBe('a\n<!-- testids:start -->\nnew\n<!-- testids:end -->\nb');
  });
});
