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
    const all = children(root, 'testsuite');
    // One suite per machine, then the run's verdict as a suite of its own (failed unless PASS).
    expect(all.map((s) => s.attrs.name)).toEqual([...result.machines.map((m) => m.id), 'authconf verdict']);
    const verdict = all.at(-1)!;
    const verdictCase = children(verdict, 'testcase')[0]!;
    expect(verdictCase.attrs.name).toBe(`verdict: ${result.summary.verdict}`);
    expect(children(verdictCase, 'failure')[0]?.attrs.message).toBe(`verdict ${result.summary.verdict}`);
    const verdictProps = children(children(verdict, 'properties')[0]!, 'property');
    expect(verdictProps.filter((p) => p.attrs.name === 'verdict.reason')).toHaveLength(result.summary.reasons.length);
    const suites = all.slice(0, -1);
    for (const suite of suites) {
      const paths = result.paths.filter((p) => p.machine === suite.attrs.name);
      const cases = children(suite, 'testcase');
      expect(cases).toHaveLength(paths.length);
      expect(Number(suite.attrs.tests)).toBe(paths.length);
      expect(Number(suite.attrs.failures)).toBe(cases.filter((c) => children(c, 'failure').length).length);
      expect(Number(suite.attrs.skipped)).toBe(cases.filter((c) => children(c, 'skipped').length).length);
    }
    expect(Number(root.attrs.tests)).toBe(result.summary.paths.total + 1);
    expect(Number(root.attrs.failures)).toBe(result.summary.paths.failed + 1);
    expect(Number(root.attrs.errors)).toBe(result.summary.paths.error);
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
      const [error] = children(testcase, 'error');
      if (path.status === 'error') {
        expect(error!.attrs.message).toBe(path.error!.message);
        expect(error!.text).toContain(path.error!.stack);
      } else expect(error).toBeUndefined();
      // The checks that ran are properties: only these credit a requirement.
      const passedChecks = properties.filter((p) => p.attrs.name === 'check.passed').map((p) => p.attrs.value);
      const ran = path.steps.flatMap((s) => s.checks).filter((c) => c.status === 'passed');
      expect(passedChecks.length).toBe(new Set(ran.map((c) => c.name)).size);
    }
    expect(result.paths.some((p) => p.status === 'error')).toBe(true);
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
