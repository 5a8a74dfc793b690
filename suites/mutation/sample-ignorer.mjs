// Stryker ignore-plugin for the sampled run of `npm run mutants` (suites/mutation/run.ts).
// run.ts draws a seeded sample of mutation sites (AST nodes with mutants) and writes it to the
// file named by AUTHCONF_MUTANTS_SAMPLE; stryker.config.mjs limits `mutate` to the sampled
// sites' ranges, and this plugin ignores, inside those ranges, every node that is not a sampled
// site and holds none (the children of a sampled block statement, for instance), so Stryker
// tests the sampled sites' mutants and reports the rest of those ranges as "Ignored".
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { PluginKind, declareValuePlugin } from '@stryker-mutator/api/plugin';

const samplePath = process.env['AUTHCONF_MUTANTS_SAMPLE'];
/** @type {{ seed: number, sites: { file: string, start: { line: number, column: number }, end: { line: number, column: number } }[] } | null} */
const sample = samplePath ? JSON.parse(readFileSync(samplePath, 'utf8')) : null;

/** @type {Map<string, { start: { line: number, column: number }, end: { line: number, column: number } }[]>} */
const sitesByFile = new Map();
for (const site of sample?.sites ?? []) sitesByFile.set(site.file, [...(sitesByFile.get(site.file) ?? []), site]);

const before = (a, b) => a.line < b.line || (a.line === b.line && a.column <= b.column);
const same = (a, b) => a.line === b.line && a.column === b.column;
/** Site locations use Stryker's 0-based lines; Babel's are 1-based. */
const toStryker = (p) => ({ line: p.line - 1, column: p.column });

/**
 * Mutants no conformance check can tell from the original, by construction, ignored with their
 * reason in every run (sampled or `--all`); README "Mutation score" lists them:
 * - `requirements: [...]` of a server refusal (ApiFailure's extra, `refuse(code, message, [ids])`
 *   of Creds): the requirement IDs a refusal enforces go to the server's log line only, never into
 *   an answer (reference-server/http/errors.ts: "logged, not sent").
 * - the arguments of `context.deviates(name, requirement)`: the name of a planted deviation
 *   (models/deviations.ts, not domain code); the conformance plan runs the target with no deviation
 *   planted, where the call is false whatever its arguments.
 * - `userMessage` of a refusal (not of a flow state such as MFA_FAILED): optional in the protocol (protocol facts: "`userMessage`
 *   (optional)"), and the apps show their own text for each code (sims/shared/user-messages.ts),
 *   so a server that leaves it out or empty conforms.
 */
const logOnly = 'the requirement IDs of a refusal go to the server log only, never into an answer (reference-server/http/errors.ts)';
const deviationName = 'names a planted deviation (models/deviations.ts); with none planted the call is false whatever its arguments';
const optionalText = 'userMessage is optional in the protocol (protocol facts) and the apps show their own text per code';
// Equivalent by construction (issue 8, mutation score): the share screen's first selection. Every
// reader of a selection keeps only the request's optional fields (sims/shared/creds-share.ts:
// toggleField rebuilds it from request.optionalFields, sharedFields filters by them, the screen
// ticks a box when its field is in it), so an entry that names no field of the request changes
// nothing; Stryker's only mutant of `{ optional: [] }` adds such an entry ("Stryker was here").
const firstSelection = 'the first share selection: an entry naming no optional field of the request is dropped by every reader (sims/shared/creds-share.ts)';
// reference-server/domain/otp.ts (issue 8, mutation score):
// - currentOtp serves only test control's user view (GET /test/v1/users/:username `currentOtp`),
//   which no check or executor reads: its time step (`nowMs / 1000`, whose only mutant gives
//   another code) is unobservable. (Its other mutants can make the view fail, which executors do
//   notice: they stay.)
// - checkOtp's answer is read only as `outcome === 'valid'` / `=== 'replayed'` (portal/routes.ts,
//   authn/steps.ts); any other object is a refusal, so emptying `{ outcome: 'invalid' }` or its
//   string changes nothing (its only mutants).
// Only nodes whose every mutant is equivalent are ignored: a node with one mutant a check could
// kill (the guard in isMirroredRun, checkOtp's token pre-check) stays, and its equivalent mutants
// are listed as survivors in README "Mutation score".
const testControlOnly = 'serves only test control (GET /test/v1/users/:username currentOtp), which no check reads';
const invalidAnswer = "checkOtp's callers read only outcome 'valid' or 'replayed'; any other answer is a refusal";
// reference-server/domain/otp-lockout.ts current(): its callers pass the user read in the same
// request, with no await in between, so the stored copy and the one passed are the same.
const sameRequestUser = "current()'s callers pass the user read earlier in the same synchronous request, equal to the stored one";
const inFunction = (path, name) => path.findParent((p) => p.isFunctionDeclaration())?.node.id?.name === name;
const keyName = (node) => (node.type === 'Identifier' ? node.name : node.type === 'StringLiteral' ? node.value : undefined);
const calleeName = (node) => (node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression' ? keyName(node.property) : node.type === 'Identifier' ? node.name : undefined);

/** Inside the arguments of a refusal: `fail(...)`, `refuse(...)`, `new ApiFailure(...)`. */
function inRefusal(path) {
  const call = path.findParent((p) => p.isCallExpression() || p.isNewExpression());
  return call !== null && ['fail', 'refuse', 'ApiFailure'].includes(calleeName(call.node.callee));
}

function unobservable(path) {
  const node = path.node;
  const fileName = path.hub?.file?.opts?.filename;
  if (typeof fileName === 'string' && fileName.endsWith('reference-server/domain/otp-lockout.ts') && inFunction(path, 'current')
    && node.type === 'StringLiteral' && node.value === 'users') return sameRequestUser;
  if (typeof fileName === 'string' && fileName.endsWith('reference-server/domain/otp.ts')) {
    if (node.type === 'BinaryExpression' && node.operator === '/' && inFunction(path, 'currentOtp')) return testControlOnly;
    if (inFunction(path, 'checkOtp')) {
      if (node.type === 'ObjectExpression' && node.properties.length === 1 && node.properties[0].type === 'ObjectProperty' && node.properties[0].value.type === 'StringLiteral' && node.properties[0].value.value === 'invalid') return invalidAnswer;
    }
  }
  if (node.type === 'ArrayExpression' && node.elements.length === 0 && path.parent?.type === 'ObjectProperty' && keyName(path.parent.key) === 'optional'
    && path.findParent((p) => p.isFunctionDeclaration())?.node.id?.name === 'initialSelection') return firstSelection;
  if (node.type === 'ObjectProperty' && keyName(node.key) === 'requirements') return logOnly;
  if (node.type === 'ObjectProperty' && keyName(node.key) === 'userMessage' && inRefusal(path)) return optionalText;
  // A refusal's extra made only of those two (`{ userMessage, requirements }`): emptying it drops both.
  if (node.type === 'ObjectExpression' && node.properties.length > 0 && inRefusal(path)
    && node.properties.every((p) => p.type === 'ObjectProperty' && ['userMessage', 'requirements'].includes(keyName(p.key)))) return `${optionalText}; ${logOnly}`;
  const parent = path.parent;
  if (parent && (parent.type === 'CallExpression' || parent.type === 'OptionalCallExpression') && path.listKey === 'arguments') {
    const callee = calleeName(parent.callee);
    if (callee === 'deviates') return deviationName;
    if (callee === 'refuse' && path.key === 2) return logOnly;
    if (callee === 'validation' && path.key === 3) return optionalText; // steps.ts: validation(code, target, message, userMessage?)
  }
  return undefined;
}

/** The same ignorer for suites/mutation/sample.ts, so the population it samples is what Stryker tests. */
export const unobservableIgnorer = { shouldIgnore: unobservable };

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, 'authconf-unobservable', unobservableIgnorer),
  declareValuePlugin(PluginKind.Ignore, 'authconf-sample', {
    shouldIgnore(path) {
      const loc = path.node.loc;
      const fileName = path.hub?.file?.opts?.filename;
      if (!sample || !loc || typeof fileName !== 'string') return undefined;
      const sites = sitesByFile.get(relative(process.cwd(), fileName)) ?? [];
      const start = toStryker(loc.start);
      const end = toStryker(loc.end);
      const isSite = sites.some((s) => same(s.start, start) && same(s.end, end));
      const holdsSite = sites.some((s) => before(start, s.start) && before(s.end, end));
      if (isSite || holdsSite) return undefined;
      return `not in the sample (seed ${sample.seed}); \`npm run mutants -- --all\` tests every mutant`;
    },
  }),
];
