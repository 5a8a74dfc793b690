import type { Ignorer } from '@stryker-mutator/api/ignore';

/** Mutants no conformance check can observe, each with its reason (see sample-ignorer.mjs). */
export declare const unobservableIgnorer: Ignorer;
export declare const strykerPlugins: unknown[];
