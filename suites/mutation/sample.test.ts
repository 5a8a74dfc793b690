import { describe, expect, it } from 'vitest';
import { drawSample, enumerateSites, summarise, type Site } from './sample.ts';

const site = (file: string, line: number, mutants: number): Site => ({ file, start: { line, column: 0 }, end: { line, column: 10 }, mutants, id: `${file}#${line}` });
const sites: Site[] = [
  ...Array.from({ length: 40 }, (_, i) => site('a.ts', i, 2)),
  ...Array.from({ length: 10 }, (_, i) => site('b.ts', i, 2)),
];

describe('the mutation sample', () => {
  it('is the same for the same seed and differs for another', () => {
    expect(drawSample(sites, 20, 1)).toEqual(drawSample(sites, 20, 1));
    expect(drawSample(sites, 20, 1)).not.toEqual(drawSample(sites, 20, 2));
  });

  it('keeps its sites when sites outside it go (a site is named by its text, not its line)', () => {
    const sample = drawSample(sites, 20, 1);
    const fewer = sites.filter((s) => sample.includes(s) || s.start.line % 3 !== 0);
    const again = drawSample(fewer, 20, 1).filter((s) => s.file === 'a.ts');
    expect(again.length).toBeGreaterThan(0);
    expect(again.every((s) => sample.includes(s))).toBe(true);
  });

  it('gives each file its share of the mutants, at least one site', () => {
    const sample = drawSample(sites, 20, 1);
    const mutantsOf = (file: string): number => sample.filter((s) => s.file === file).reduce((n, s) => n + s.mutants, 0);
    expect(mutantsOf('a.ts')).toBe(16);
    expect(mutantsOf('b.ts')).toBe(4);
    expect(drawSample(sites, 1, 1).map((s) => s.file).sort()).toEqual(['a.ts', 'b.ts']);
  });

  it('enumerates the mutants Stryker would make, by site', async () => {
    const found = await enumerateSites(['sims/shared/totp.ts']);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((s) => s.file === 'sims/shared/totp.ts' && s.mutants > 0)).toBe(true);
  });

  it('scores killed mutants over the valid ones (a time-out is not a kill unless the hit limit proved an endless loop), ignored ones left out', () => {
    const m = (status: string): { mutatorName: string; location: { start: { line: number; column: number } }; status: string } => ({ mutatorName: 'X', location: { start: { line: 1, column: 1 } }, status });
    const { score, text } = summarise({ files: { 'a.ts': { mutants: [m('Killed'), m('Timeout'), m('Killed'), m('Survived'), m('Ignored'), m('CompileError')] } } });
    expect(score).toBe(0.5);
    expect(text).toContain('2 of 4 killed');
    expect(text).toContain("Stryker's score (time-outs counted as detected): 75.0 % (3 of 4)");
    expect(text).toContain('survived  a.ts:1 X');
    expect(text).toContain('timed out  a.ts:1 X');
    const loop = { ...m('Timeout'), statusReason: 'Hit limit reached (261601/261600)' };
    expect(summarise({ files: { 'a.ts': { mutants: [m('Killed'), loop, m('Timeout'), m('Survived')] } } }).score).toBe(0.5);
  });
});
