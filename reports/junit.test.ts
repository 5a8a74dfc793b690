import { describe, expect, it } from 'vitest';
import { miniResult } from './fixtures/mini-result.ts';
import { sampleResult } from './fixtures/sample-result.ts';
import { parseXml, type XmlElement } from './fixtures/xml-parse.ts';
import { renderJunit } from './junit.ts';

const children = (element: XmlElement, name: string): XmlElement[] => element.children.filter((c) => c.name === name);

describe('junit.xml', () => {
  it('is well-formed: one testsuite per machine, one testcase per path, counts that add up', () => {
    const result = sampleResult();
    const root = parseXml(renderJunit(result));
    expect(root.name).toBe('testsuites');
    const suites = children(root, 'testsuite');
    expect(suites.map((s) => s.attrs.name)).toEqual(result.machines.map((m) => m.id));
    for (const suite of suites) {
      const paths = result.paths.filter((p) => p.machine === suite.attrs.name);
      const cases = children(suite, 'testcase');
      expect(cases).toHaveLength(paths.length);
      expect(Number(suite.attrs.tests)).toBe(paths.length);
      expect(Number(suite.attrs.failures)).toBe(cases.filter((c) => children(c, 'failure').length).length);
      expect(Number(suite.attrs.skipped)).toBe(cases.filter((c) => children(c, 'skipped').length).length);
    }
    expect(Number(root.attrs.tests)).toBe(result.summary.paths.total);
    expect(Number(root.attrs.failures)).toBe(result.summary.paths.failed);
    expect(Number(root.attrs.skipped)).toBe(result.summary.paths.notApplicable);
  });

  it('a failure carries the failing step, its message and the repro; n/a is skipped with the reason; requirement IDs are properties', () => {
    const result = sampleResult();
    const cases = children(parseXml(renderJunit(result)), 'testsuite').flatMap((s) => children(s, 'testcase'));
    for (const path of result.paths) {
      const testcase = cases.find((c) => c.attrs.name!.startsWith(`${path.id}: `))!;
      expect(testcase.attrs.classname).toBe(path.machine);
      const properties = children(children(testcase, 'properties')[0]!, 'property');
      const cited = [...new Set(path.steps.flatMap((s) => s.requirements))];
      expect(properties.filter((p) => p.attrs.name === 'requirement').map((p) => p.attrs.value)).toEqual(cited);
      expect(properties.find((p) => p.attrs.name === 'repro')?.attrs.value).toBe(path.repro);
      const [failure] = children(testcase, 'failure');
      const [skipped] = children(testcase, 'skipped');
      if (path.status === 'failed') {
        const step = path.steps.find((s) => s.status === 'failed')!;
        expect(failure!.attrs.message).toBe(step.error!.message);
        expect(failure!.attrs.type).toBe(step.error!.code);
        expect(failure!.text).toContain(`Repro: ${path.repro}`);
        expect(failure!.text).toContain(step.event);
      } else expect(failure).toBeUndefined();
      if (path.status === 'not-applicable') expect(skipped!.attrs.message).toBe(path.reason);
      else expect(skipped).toBeUndefined();
    }
  });

  it('escapes markup, quotes and control characters', () => {
    const xml = renderJunit(miniResult());
    const root = parseXml(xml);
    const failed = children(children(root, 'testsuite')[0]!, 'testcase').find((c) => children(c, 'failure').length)!;
    const failure = children(failed, 'failure')[0]!;
    expect(failure.attrs.message).toBe('expected <pinRefused> & got "paired"\uFFFD');
    expect(xml).not.toContain('\u0001');
    const skipped = children(root, 'testsuite')[0]!.children.flatMap((c) => children(c, 'skipped'))[0]!;
    expect(skipped.attrs.message).toBe('driver cannot deny location <sim>');
  });

  it('the checker itself rejects broken XML', () => {
    expect(() => parseXml('<a><b></a></b>')).toThrow();
    expect(() => parseXml('<a x="1 & 2"/>')).toThrow();
    expect(() => parseXml('<a>1 < 2</a>')).toThrow();
    expect(() => parseXml('<a/><b/>')).toThrow();
    expect(() => parseXml('<a x="\u0001"/>')).toThrow();
    expect(parseXml('<a x="&lt;&#10;"><b/>t&amp;</a>')).toMatchObject({ name: 'a', attrs: { x: '<\n' }, text: 't&' });
  });
});
