/**
 * The facility-kind mapping of one file, for the table and feature parsers: a KindTally over the kind
 * column (shared/schemas/facility_kind_map.ts, the same rules as the app's preview), then, once every
 * row was read, either the refusal naming ALL unmapped values with their row counts, or the skipped
 * rows' summary and the per-value report.
 */
import { InputError } from '../../../shared/errors';
import type { SkippedEntry } from '../../../shared/ipc/contract';
import type { ImportableLayer } from '../../../shared/schemas/entities';
import { KindTally, KIND_SKIP, type KindValueSummary } from '../../../shared/schemas/facility_kind_map';
import type { ParseOptions } from './parsed_layer';

/** Unmapped values named in the message, at most this many. */
const LISTED_VALUES = 20;

/** A tally for a facilities file that has a kind column; null otherwise (empty cells then take --kind). */
export function kindTallyFor(layer: ImportableLayer, mapping: Record<string, string>, options: ParseOptions): KindTally | null {
  if (layer !== 'facilities' || mapping.kind === undefined) return null;
  return new KindTally({ map: options.kindMap ?? null, remembered: options.rememberedKindMap ?? null, fallback: options.kind });
}

function valueText(value: string): string {
  return value === '' ? '(empty)' : `"${value}"`;
}

/**
 * Throws InputError (reason facility_kind_unmapped) when values are left unmapped; else the skip
 * entry (rows whose value maps to "skip") and the report of every value.
 */
export function finishKindTally(
  tally: KindTally | null,
  file: string,
  column: string | undefined,
  place: 'row' | 'feature',
): { skipped: SkippedEntry[]; skippedCount: number; kinds?: KindValueSummary[] } {
  if (!tally) return { skipped: [], skippedCount: 0 };
  const unmapped = tally.unmapped();
  if (unmapped.length > 0) {
    const rows = unmapped.reduce((sum, entry) => sum + entry.count, 0);
    const listed = unmapped
      .slice(0, LISTED_VALUES)
      .map((entry) => `${valueText(entry.value)} (${entry.count} ${entry.count === 1 ? 'row' : 'rows'}${entry.first !== undefined ? `, first ${place} ${entry.first}` : ''})`);
    const more = unmapped.length > LISTED_VALUES ? ` and ${unmapped.length - LISTED_VALUES} more` : '';
    throw new InputError(
      `${unmapped.length} facility kind ${unmapped.length === 1 ? 'value is' : 'values are'} not mapped to a kind (${rows} ${rows === 1 ? 'row' : 'rows'}): ${listed.join(', ')}${more}; ` +
        'map each with --kind-map map.json ({"value": "day_care" | … | "other" | "skip"}), or --kind for empty cells',
      { file, field: column, expected: 'a facility kind for every value of the kind column' },
      { reason: 'facility_kind_unmapped', params: { values: unmapped.slice(0, LISTED_VALUES).map((entry) => `${entry.value === '' ? '∅' : entry.value} (${entry.count})`).join(', '), count: unmapped.length, rows } },
    );
  }
  const kinds = tally.summary();
  const skippedValues = kinds.filter((entry) => entry.kind === KIND_SKIP);
  const skippedCount = skippedValues.reduce((sum, entry) => sum + entry.count, 0);
  const skipped: SkippedEntry[] =
    skippedCount === 0
      ? []
      : [
          {
            reason: `${skippedCount} ${skippedCount === 1 ? 'row' : 'rows'} left out by the kind mapping: ${skippedValues.map((entry) => `${valueText(entry.value)} (${entry.count})`).join(', ')}`,
            count: skippedCount,
            code: 'kind_skipped',
            params: { count: skippedCount, values: skippedValues.map((entry) => entry.value).join(', ') },
          },
        ];
  return { skipped, skippedCount, kinds };
}
