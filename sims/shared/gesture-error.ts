/**
 * Thrown when a driver asks for a gesture the current screen does not offer (tapping a control
 * that is not there). A person cannot do that, so it is a bug in the driver or the path, not
 * bad input: bad input (an unreadable image, a wrong key) is an error *screen*, never a throw.
 */
export class GestureError extends Error {
  override name = 'GestureError';
  constructor(
    readonly screen: string,
    readonly control: string,
    detail = 'is not on this screen',
  ) {
    super(`${control} ${detail} (screen ${screen})`);
  }
}

/** Resolves an item argument (index, or visible text / its prefix before ':') to an index. */
export function itemIndex(items: readonly string[], item: number | string | undefined): number | undefined {
  if (item === undefined) return items.length === 1 ? 0 : undefined;
  if (typeof item === 'number') return Number.isInteger(item) && item >= 0 && item < items.length ? item : undefined;
  const exact = items.indexOf(item);
  if (exact >= 0) return exact;
  const prefixed = items.findIndex((text) => text.split(':')[0]?.trim() === item || text.startsWith(`${item} `));
  return prefixed >= 0 ? prefixed : undefined;
}
