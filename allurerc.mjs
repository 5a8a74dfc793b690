// Allure 3 report settings for `authconf report` (and `npx allure generate` by hand): two
// "awesome" reports, each one self-contained HTML file, under a summary page (index.html):
// - awesome/index.html, the suites tree: plan > machine > policy variant > path (the labels
//   parentSuite / suite / subSuite that suites/runner/conformance.run.ts gives every path);
// - behaviors/index.html, the Behaviors tree: flow (epic) > machine (feature) > requirement
//   (story: only the requirements a check on that path answered for).
//
// History and trend: every report appends this run to a JSON-lines file and reads the earlier
// runs from it. `authconf report --out DIR` sets AUTHCONF_ALLURE_HISTORY to DIR/allure-history.jsonl,
// so the history lives beside the results and survives `authconf run` (which replaces
// allure-results/ only); CI keeps that one file between builds.
//
// Categories: a failed check is FAIL (product error), a throw that is not a check is an error of
// the harness, driver or target (broken; the run is INCOMPLETE), a path the target cannot run is
// not applicable (skipped, with the reason). suites/runner/allure-results.ts writes the same
// three into allure-results/categories.json for Allure 2.
import { defineConfig } from 'allure';

export default defineConfig({
  name: 'authconf conformance',
  output: './allure-report',
  historyPath: process.env.AUTHCONF_ALLURE_HISTORY ?? './reports/out/allure-history.jsonl',
  categories: [
    { name: 'FAIL: a conformance check failed', matchers: { statuses: ['failed'] }, groupBy: [{ label: 'feature' }] },
    { name: 'Errors: harness, driver or target error (run INCOMPLETE)', matchers: { statuses: ['broken'] }, groupBy: [{ label: 'feature' }] },
    { name: 'INCOMPLETE: not applicable on this target', matchers: { statuses: ['skipped'] }, groupBy: [{ label: 'feature' }] },
  ],
  plugins: {
    awesome: {
      options: { singleFile: true, reportLanguage: 'en', reportName: 'authconf conformance', groupBy: ['parentSuite', 'suite', 'subSuite'] },
    },
    behaviors: {
      import: '@allurereport/plugin-awesome',
      options: { singleFile: true, reportLanguage: 'en', reportName: 'authconf conformance: behaviors', groupBy: ['epic', 'feature', 'story'] },
    },
  },
});
