/**
 * One registry (`models/error-codes.ts`), one page (`docs/errors.md`), one server: each code in
 * the registry is documented with its status, each documented code is in the registry, and
 * every code literal in the server's source is a registry code (after fastify's
 * test/internals/errors.test.js).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { errorCodes, isErrorCode } from '../models/error-codes.ts';
import { flowActions, flowStatuses } from '../models/authn-api.ts';

const root = join(import.meta.dirname, '..');
const doc = readFileSync(join(root, 'docs/errors.md'), 'utf8');
const rows = new Map(
  [...doc.matchAll(/^\| ([A-Z][A-Z0-9_]+) \| (\d+) \| (.+) \|$/gm)].map((m) => [m[1]!, { status: Number(m[2]), meaning: m[3]! }]),
);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.includes('test-kit') && !entry.name.includes('test-helpers') ? [path] : [];
  });
}

describe('error registry and docs/errors.md', () => {
  test('every registry code is documented with its status', () => {
    const missing = Object.keys(errorCodes).filter((code) => !rows.has(code));
    expect(missing).toEqual([]);
    for (const [code, entry] of Object.entries(errorCodes)) expect(rows.get(code)?.status, code).toBe(entry.status);
  });

  test('every documented code is in the registry', () => {
    expect([...rows.keys()].filter((code) => !isErrorCode(code))).toEqual([]);
  });

  test('every code literal the reference server can emit is in the registry', () => {
    // Upper-case literals that are not codes: flow statuses, actions, Fastify's own FST_ codes and Node's HPE_/ERR_ codes (mapped in http/error-handler.ts).
    const notCodes = new Set<string>([...flowStatuses, ...flowActions, 'ES256', 'SHA256', 'P-256', 'TOTP', 'SMS']);
    const found = new Map<string, string>();
    for (const file of sources(join(root, 'reference-server'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(/'([A-Z][A-Z0-9]*_[A-Z0-9_]+)'/g)) {
        // Node's own clientError codes (HPE_*, ERR_HTTP_*) are mapped to CLIENT_ERROR in http/error-handler.ts.
        if (!notCodes.has(match[1]!) && !/^(FST|HPE|ERR)_/.test(match[1]!)) found.set(match[1]!, file);
      }
    }
    expect(found.size).toBeGreaterThan(20);
    expect([...found].filter(([code]) => !isErrorCode(code))).toEqual([]);
  });
});
