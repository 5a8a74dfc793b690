/**
 * conformance.schema.json against real output, and against the TypeScript types: every interface
 * in reports/schema.ts (and the RequirementSource it borrows) has the same property names and the
 * same required (non-optional) keys as its JSON Schema counterpart, recursively.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { miniResult } from './fixtures/mini-result.ts';
import { sampleResult } from './fixtures/sample-result.ts';
import { renderJson } from './json.ts';
import { SCHEMA_VERSION } from './schema.ts';

type Schema = Record<string, unknown>;
const schema = JSON.parse(readFileSync(new URL('./conformance.schema.json', import.meta.url), 'utf8')) as Schema;

/** Ajv (JSON Schema 2020-12), strict: an unknown keyword in the schema is an error, not ignored. */
const ajv = new Ajv2020({ allErrors: true, strict: true });
ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
const validate = ajv.compile(schema);
const errorsOf = (value: unknown) => (validate(value) ? [] : (validate.errors ?? []).map((e) => ({ at: e.instancePath, keyword: e.keyword, params: e.params })));

/** Follows local `$ref`s (`#/$defs/...`), for the type comparison below. */
function resolveRef(root: Schema, node: Schema): Schema {
  let current = node;
  while (typeof current.$ref === 'string') {
    current = current.$ref.slice(2).split('/').reduce<unknown>((n, key) => (n as Schema)[key], root) as Schema;
  }
  return current;
}

describe('conformance.schema.json', () => {
  it('accepts the JSON the writer produces for the sample and the mini fixtures', () => {
    expect(errorsOf(JSON.parse(renderJson(sampleResult())))).toEqual([]);
    expect(errorsOf(JSON.parse(renderJson(miniResult())))).toEqual([]);
  });

  it('rejects a result with a missing, mistyped or unknown field', () => {
    const good = JSON.parse(renderJson(sampleResult())) as Record<string, any>;
    const broken = structuredClone(good);
    delete broken.summary.mustPassed;
    broken.paths[0].status = 'maybe';
    broken.requirements[0].paths = 'p1';
    broken.run.extra = 1;
    broken.schemaVersion = '1.0';
    broken.summary.verdict = 'OK';
    broken.run.startedAt = 'yesterday';
    expect(errorsOf(broken)).toEqual(expect.arrayContaining([
      { at: '/summary', keyword: 'required', params: { missingProperty: 'mustPassed' } },
      { at: '/paths/0/status', keyword: 'enum', params: { allowedValues: ['passed', 'failed', 'not-applicable', 'error'] } },
      { at: '/summary/verdict', keyword: 'enum', params: { allowedValues: ['PASS', 'FAIL', 'INCOMPLETE'] } },
      { at: '/requirements/0/paths', keyword: 'type', params: { type: 'array' } },
      { at: '/run', keyword: 'additionalProperties', params: { additionalProperty: 'extra' } },
      { at: '/schemaVersion', keyword: 'const', params: { allowedValue: '2.0' } },
      { at: '/run/startedAt', keyword: 'format', params: { format: 'date-time' } },
    ]));
  });

  it('pins the same schema version as the types', () => {
    const root = resolveRef(schema, schema);
    expect(((root.properties as Record<string, Schema>).schemaVersion as Schema).const).toBe(SCHEMA_VERSION);
  });
});

/** Property names and optionality of each interface, read with the TypeScript compiler. */
interface Shape {
  required: string[];
  optional: string[];
  nested: Map<string, ts.TypeNode>;
}

function interfacesOf(file: string): Map<string, ts.InterfaceDeclaration> {
  const source = ts.createSourceFile(file, readFileSync(new URL(file, import.meta.url), 'utf8'), ts.ScriptTarget.ES2022, true);
  const found = new Map<string, ts.InterfaceDeclaration>();
  source.forEachChild((node) => {
    if (ts.isInterfaceDeclaration(node)) found.set(node.name.text, node);
  });
  return found;
}

function shapeOf(members: ts.NodeArray<ts.TypeElement>): Shape {
  const shape: Shape = { required: [], optional: [], nested: new Map() };
  for (const member of members) {
    if (!ts.isPropertySignature(member) || !member.type) continue;
    const name = member.name.getText();
    (member.questionToken ? shape.optional : shape.required).push(name);
    shape.nested.set(name, member.type);
  }
  return shape;
}

describe('TypeScript types and JSON Schema agree', () => {
  const interfaces = new Map([...interfacesOf('./schema.ts'), ...interfacesOf('../models/requirements.ts')]);
  const checked: string[] = [];

  /** Compare a type node with a schema node; recurse into objects, arrays and named interfaces. */
  function compare(type: ts.TypeNode, node: Schema, where: string): void {
    const s = resolveRef(schema, node);
    if (ts.isArrayTypeNode(type)) {
      expect(s.type, `${where} is an array`).toBe('array');
      compare(type.elementType, s.items as Schema, `${where}[]`);
      return;
    }
    let members: ts.NodeArray<ts.TypeElement> | undefined;
    if (ts.isTypeLiteralNode(type)) members = type.members;
    if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && interfaces.has(type.typeName.text)) {
      members = interfaces.get(type.typeName.text)!.members;
    }
    if (!members) return; // unions, Record<>, primitives: checked by the value tests above
    checked.push(where);
    const shape = shapeOf(members);
    expect(s.type, `${where} is an object`).toBe('object');
    const properties = (s.properties ?? {}) as Record<string, Schema>;
    expect(Object.keys(properties).sort(), `${where}: property names`).toEqual([...shape.required, ...shape.optional].sort());
    expect([...((s.required ?? []) as string[])].sort(), `${where}: required keys`).toEqual([...shape.required].sort());
    expect(s.additionalProperties, `${where}: closed`).toBe(false);
    for (const [name, inner] of shape.nested) compare(inner, properties[name]!, `${where}.${name}`);
  }

  it('on every required key, top level and nested', () => {
    const root = ts.factory.createTypeReferenceNode('ConformanceResult');
    compare(root, schema, 'ConformanceResult');
    // The walk reached every object the report carries.
    expect(checked).toEqual(expect.arrayContaining([
      'ConformanceResult', 'ConformanceResult.run', 'ConformanceResult.summary', 'ConformanceResult.summary.requirements',
      'ConformanceResult.summary.coverage.transitions', 'ConformanceResult.requirements[]', 'ConformanceResult.requirements[].source',
      'ConformanceResult.paths[]', 'ConformanceResult.paths[].steps[]', 'ConformanceResult.paths[].steps[].error',
      'ConformanceResult.paths[].steps[].evidence[]', 'ConformanceResult.machines[]', 'ConformanceResult.machines[].graph',
      'ConformanceResult.machines[].graph.transitions[]', 'ConformanceResult.summary.reasons[]', 'ConformanceResult.summary.must',
      'ConformanceResult.requirements[].checks[]', 'ConformanceResult.paths[].steps[].checks[]', 'ConformanceResult.paths[].error',
    ]));
  });
});
