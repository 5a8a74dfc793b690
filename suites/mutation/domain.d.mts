/** Paths, relative to the repository root, of the domain code `npm run mutants` mutates. */
export declare const domainFiles: string[];
