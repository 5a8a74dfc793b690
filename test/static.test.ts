/**
 * Strict TypeScript and the type-aware linter are part of `npm test` (STYLE.md habit 11):
 * a type error, a floating promise or a wall-clock read fails the run like any other test.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '..');
const bin = (name: string): string => resolve(root, 'node_modules/.bin', name);

async function outputOf(cmd: string, args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(cmd, args, { cwd: root, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

describe('static checks', () => {
  it('tsc --noEmit reports no errors (strict, noUnused*, verbatimModuleSyntax)', { timeout: 240_000 }, async () => {
    const { code, output } = await outputOf(bin('tsc'), ['--noEmit', '-p', '.']);
    expect(output.trim(), output).toBe('');
    expect(code).toBe(0);
  });

  it('eslint (type-aware: floating promises, no wall clock, no Math.random) reports no errors', { timeout: 240_000 }, async () => {
    const { code, output } = await outputOf(bin('eslint'), ['--max-warnings=0', '.']);
    expect(code, output).toBe(0);
  });
});
