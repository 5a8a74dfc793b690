/**
 * A check: a named observation of the system under test (a screen read by testID, an HTTP status
 * and body, a token claim, a record read through a documented API) that enforces requirements
 * cited here, once, at its definition (STYLE.md: "one check per small function, named as a
 * sentence, with its requirement IDs at the call site"). Only a check that ran and passed credits
 * a requirement; a model citation on a state or transition only says the requirement was reached.
 *
 *   export const ensurePairingKeyIsSingleUse = defineCheck('ensurePairingKeyIsSingleUse',
 *     ['MOB-PAIR-KEY-SINGLE-USE'], async (api: DeviceApi, key: string) => { ...ensure(...)... });
 *   await ensurePairingKeyIsSingleUse(ctx, api, key);
 *
 * Inside the body, `ensure(condition, requirements, message, detail)` (runner/errors.ts) fails the
 * check; a failure that names no requirements is charged to the check's own. Any other throw is
 * not a failed check but an error of the run (the path is recorded as `error`).
 * Every check registers itself in the catalog when its module loads, so `authconf requirements`
 * can list, for each requirement, the checks that enforce it (`checkedBy`).
 */
import type { RequirementId } from '../../models/requirements.ts';
import { CheckError } from '../runner/errors.ts';

/** What a check needs of the step it runs in. */
export interface CheckContext {
  /** Credit `ids` to the check named `check` (it observed the system and passed). */
  cite(ids: readonly RequirementId[], check?: string): void;
}

export interface CheckInfo {
  readonly name: string;
  readonly requirements: readonly RequirementId[];
}

export type Check<A extends unknown[]> = CheckInfo & ((ctx: CheckContext, ...args: A) => Promise<void>);

const catalog = new Map<string, CheckInfo>();

export function defineCheck<A extends unknown[]>(name: string, requirements: readonly RequirementId[], body: (...args: A) => void | Promise<void>): Check<A> {
  if (catalog.has(name)) throw new Error(`check ${name} is defined twice`);
  if (requirements.length === 0) throw new Error(`check ${name} cites no requirement`);
  const run = async (ctx: CheckContext, ...args: A): Promise<void> => {
    try {
      await body(...args);
    } catch (error) {
      if (error instanceof CheckError) {
        throw new CheckError({ ...error, message: error.message, requirements: error.requirements.length ? error.requirements : requirements, continuable: error.continuable, check: error.check ?? name });
      }
      throw error;
    }
    ctx.cite(requirements, name);
  };
  const check = Object.assign(run, { requirements }) as Check<A>;
  Object.defineProperty(check, 'name', { value: name });
  catalog.set(name, { name, requirements });
  return check;
}

/** Every check defined so far (import the modules that define them first). */
export function checkCatalog(): readonly CheckInfo[] {
  return [...catalog.values()];
}
