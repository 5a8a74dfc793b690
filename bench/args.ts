/** The value after `name` in the bench's arguments (`--plan adapter`), if `name` is there. */
export function flag(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}
