/** Defaults shared by several commands' option tables and help texts. */
export const DEFAULT_SERVE_PORT = 3000;
export const DEFAULT_SIMS_PORT = 4200;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_OUT = 'reports/out';
