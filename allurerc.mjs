// Allure 3 report settings for `authconf report` (and `npx allure generate` by hand): the
// "awesome" report as one self-contained HTML file, so CI can publish or attach a single artefact.
import { defineConfig } from 'allure';

export default defineConfig({
  name: 'authconf conformance',
  output: './allure-report',
  plugins: {
    awesome: { options: { singleFile: true, reportLanguage: 'en', reportName: 'authconf conformance' } },
  },
});
