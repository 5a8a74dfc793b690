/**
 * Keeps the design's import direction (DESIGN.md "The parts and which way they depend"):
 *   models <- {sims, reference-server} <- suites -> reports ; cli on top.
 * Also: models import only xstate; sims are written from the documents, not from the flow
 * machines (a sim that runs the spec cannot fail it); reports read only the registry.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    const rel = join(dir, name);
    if (name === 'node_modules' || name === 'out' || name.startsWith('.')) continue;
    if (statSync(join(root, rel)).isDirectory()) out.push(...sourceFiles(rel));
    else if (/\.(ts|mts|js|mjs)$/.test(name) && !name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

interface Import {
  file: string;
  spec: string;
  typeOnly: boolean;
  /** Repository-relative target for relative imports. */
  target?: string;
}

function importsOf(file: string): Import[] {
  const text = readFileSync(join(root, file), 'utf8');
  const found: Import[] = [];
  const re = /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const m of text.matchAll(re)) {
    const spec = m[3] ?? m[4]!;
    const typeOnly = Boolean(m[2]);
    const target = spec.startsWith('.') ? relative(root, resolve(root, dirname(file), spec)) : undefined;
    found.push({ file, spec, typeOnly, ...(target ? { target } : {}) });
  }
  return found;
}

const layerOf = (path: string): string => path.split('/')[0]!;
const isTest = (file: string): boolean => /\.test\.ts$/.test(file) || file.includes('/fixtures/');

function violations(dir: string, allowed: (imp: Import) => boolean): string[] {
  let files: string[];
  try {
    files = sourceFiles(dir);
  } catch {
    return [];
  }
  return files
    .filter((f) => !isTest(f))
    .flatMap(importsOf)
    .filter((imp) => !allowed(imp))
    .map((imp) => `${imp.file} imports ${imp.spec}`);
}

describe('import direction', () => {
  it('models import only xstate and each other', () => {
    const bad = violations('models', (imp) =>
      imp.target ? layerOf(imp.target) === 'models' : imp.spec === 'xstate' || imp.spec.startsWith('xstate/') || builtins.has(imp.spec),
    );
    expect(bad).toEqual([]);
  });

  it('sims do not import the reference server, the engine, reports or the flow machines', () => {
    const bad = violations('sims', (imp) => {
      if (!imp.target) return true;
      if (imp.target.startsWith('models/machines') && !imp.typeOnly) return false;
      return ['sims', 'models'].includes(layerOf(imp.target));
    });
    expect(bad).toEqual([]);
  });

  it('the reference server does not import the sims, the engine or reports', () => {
    const bad = violations('reference-server', (imp) => !imp.target || ['reference-server', 'models'].includes(layerOf(imp.target)));
    expect(bad).toEqual([]);
  });

  it('reports read only the registry of the models', () => {
    const bad = violations('reports', (imp) => {
      if (!imp.target) return true;
      if (layerOf(imp.target) === 'reports') return true;
      return imp.target.startsWith('models/requirements') || imp.target.startsWith('models/error-codes');
    });
    expect(bad).toEqual([]);
  });

  it('nothing below the command line imports it', () => {
    const bad = ['models', 'sims', 'reference-server', 'suites', 'reports'].flatMap((dir) =>
      violations(dir, (imp) => !imp.target || layerOf(imp.target) !== 'cli'),
    );
    expect(bad).toEqual([]);
  });
});
