/** conformance.json with a property section validates; the HTML report's property section: absent in path mode; a row per property with the shrunk sequence and replay line of a failure. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { miniResult } from './fixtures/mini-result.ts';
import { renderJson } from './json.ts';
import { renderHtml } from './html.ts';
import { propertyHtmlSection } from './html-property.ts';
import type { ConformanceResult } from './schema.ts';

const withProperty = (): ConformanceResult => ({
  ...miniResult(),
  property: {
    runs: 50, maxSteps: 30, seed: 1, commands: 120, durationMs: 2000, commandsPerSecond: 60,
    properties: [
      { id: 'toy/default', machine: 'toy', variant: {}, status: 'passed', path: 'toy/default/property', runs: 50, commands: 100, durationMs: 1500 },
      {
        id: 'toy/pin=4', machine: 'toy', variant: { pin: '4' }, status: 'failed', path: 'toy/pin=4/property', runs: 3, commands: 20, durationMs: 500,
        failure: { message: 'expected <pin>', seed: 7, path: '2:0', replay: "npx authconf run --mode property --replay '7:2:0@AB:C'", original: ['START', 'SCAN', 'BACK', 'SCAN', 'PIN'], shrunk: ['START', 'SCAN', 'PIN'], shrinks: 2, shrinkMs: 12 },
      },
    ],
  },
});

describe('property section of conformance.html', () => {
  it('is absent in path mode', () => {
    expect(propertyHtmlSection(miniResult())).toBe('');
  });

  it('lists each property, escapes text, and shows the shrunk sequence with its replay line', () => {
    const html = renderHtml(withProperty());
    expect(html).toContain('<section class="block" id="property"><h2>Property mode</h2>');
    expect(html).toContain('120 steps in 2.0 s (60 steps/s)');
    expect(html).toContain('shrunk to 3 (from 5, 2 shrinks, 12 ms): <code>START → SCAN → PIN</code>');
    expect(html).toContain('expected &lt;pin&gt;');
    expect(html).toContain('--replay &#39;7:2:0@AB:C&#39;');
  });
});

describe('property section of conformance.json', () => {
  it('is written and valid against conformance.schema.json', () => {
    const schema = JSON.parse(readFileSync(new URL('./conformance.schema.json', import.meta.url), 'utf8')) as Record<string, unknown>;
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
    const check = ajv.compile(schema);
    const validate = (_schema: unknown, value: unknown) => (check(value) ? [] : (check.errors ?? []).map((e) => ({ at: e.instancePath, keyword: e.keyword, params: e.params })));
    const json = JSON.parse(renderJson(withProperty())) as { property: { properties: { failure?: { shrunk: string[] } }[] } };
    expect(validate(schema, json)).toEqual([]);
    expect(json.property.properties[1]!.failure!.shrunk).toEqual(['START', 'SCAN', 'PIN']);
    const broken = structuredClone(json) as unknown as { property: { properties: Record<string, unknown>[] } };
    broken.property.properties[0]!.extra = 1;
    expect(validate(schema, broken)).toEqual([expect.objectContaining({ at: '/property/properties/0', keyword: 'additionalProperties' })]);
  });
});
