/**
 * Column, property or folder names for a message: at most MAX_LISTED_NAMES of them, each cut to
 * MAX_NAME_CHARS, then how many more. A CSV with 100,000 columns gives a line, not a megabyte.
 */
export const MAX_LISTED_NAMES = 12;
const MAX_NAME_CHARS = 60;

/** `"a", "b", "c"` or `"a", …, "l" and 99,988 more`; quoted as JSON strings unless `quote` is false; "(none)" for none. */
export function listNames(names: readonly string[], quote = true): string {
  if (names.length === 0) return '(none)';
  const shown = names.slice(0, MAX_LISTED_NAMES).map((name) => {
    const cut = name.length > MAX_NAME_CHARS ? `${name.slice(0, MAX_NAME_CHARS)}…` : name;
    return quote ? JSON.stringify(cut) : cut;
  });
  const more = names.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more.toLocaleString('en-US')} more` : shown.join(', ');
}
