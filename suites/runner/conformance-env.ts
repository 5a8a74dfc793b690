/** The environment variable that hands `conformance.run.ts` its run options (a JSON file path). */
export const RUN_CONFIG_ENV = 'AUTHCONF_RUN_CONFIG';
