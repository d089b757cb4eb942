/**
 * OSM tags of a road from the properties/columns not used for id, highway and name. OSM tag values
 * are strings; numbers and booleans written by converters are kept as their text. A `tags` member
 * holding an object (or, in CSV, its JSON text, as the exporters write it) is merged in, so an
 * exported road layer imports back with the same tags.
 */
export function collectRoadTags(entries: Iterable<[string, unknown]>, excluded: ReadonlySet<string>): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const [key, value] of entries) {
    if (excluded.has(key) || key === '') continue;
    if (key === 'tags') {
      const nested = nestedTags(value);
      if (nested) {
        for (const [k, v] of Object.entries(nested)) {
          const text = tagText(v);
          if (text !== null && !(k in tags)) tags[k] = text;
        }
        continue;
      }
    }
    const text = tagText(value);
    if (text !== null) tags[key] = text;
  }
  return tags;
}

function tagText(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  return null;
}

function nestedTags(value: unknown): Record<string, unknown> | null {
  let candidate = value;
  if (typeof value === 'string' && value.trim().startsWith('{')) {
    try {
      candidate = JSON.parse(value);
    } catch {
      return null;
    }
  }
  if (candidate !== null && typeof candidate === 'object' && !Array.isArray(candidate)) return candidate as Record<string, unknown>;
  return null;
}
