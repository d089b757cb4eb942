/**
 * The project's note on its population layer: what each count holds and where it came from (files,
 * bands or columns), when, in which coordinate system. Every population import writes it in the
 * import's own transaction (replace or first import: this import alone; append: the earlier imports
 * and this one), so the note never outlives the cells it describes. The app, `siting info` and the
 * GeoPackage's settings table (key `population_note`) show the same note.
 *
 *   noteField(note, 'population') // null: no import filled the total population ("not imported")
 */
import { z } from 'zod';
import { COUNT_FIELDS, CountField } from './raster_fields';

/** The settings key the note is stored under (older projects hold a free English text there). */
export const POPULATION_NOTE_KEY = 'population_note';

export const PopulationNoteField = z.object({
  field: CountField,
  /** Files, bands or columns summed into the count ("pop_60_f_wuhan.tif", "a.tif[band2]", "pop60plus"). */
  sources: z.array(z.string()),
  /** Cells holding a value of this count. */
  cells: z.number().int().nonnegative(),
  /** Sum of the count over those cells (persons). */
  total: z.number().nonnegative(),
});
export type PopulationNoteField = z.infer<typeof PopulationNoteField>;

export const PopulationImportNote = z.object({
  /** ISO 8601 time of the import. */
  importedAt: z.string(),
  format: z.string(),
  files: z.array(z.string()),
  crs: z.string().nullable(),
  /** Cells written by this import. */
  cells: z.number().int().nonnegative(),
  /** Only the counts this import filled (a count without a value in any cell is absent). */
  fields: z.array(PopulationNoteField),
});
export type PopulationImportNote = z.infer<typeof PopulationImportNote>;

export const PopulationNote = z.object({
  /** The imports whose cells the layer holds, oldest first (several only after appends). */
  imports: z.array(PopulationImportNote).min(1),
});
export type PopulationNote = z.infer<typeof PopulationNote>;

/** The note of a stored value, or null (no note, or an older project's free text). */
export function readPopulationNote(value: unknown): PopulationNote | null {
  const parsed = PopulationNote.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** The sources and totals of one count over all imports of the note, or null when none filled it. */
export function noteField(note: PopulationNote, field: CountField): PopulationNoteField | null {
  const parts = note.imports.flatMap((entry) => entry.fields.filter((f) => f.field === field));
  if (parts.length === 0) return null;
  return {
    field,
    sources: [...new Set(parts.flatMap((p) => p.sources))],
    cells: parts.reduce((n, p) => n + p.cells, 0),
    total: parts.reduce((n, p) => n + p.total, 0),
  };
}

/**
 * The counts of the cells written and their sources, in COUNT_FIELDS order: only counts with a value
 * in some cell.
 */
export function noteFields(
  cells: readonly Readonly<Record<CountField, number | null>>[],
  sources: Readonly<Partial<Record<CountField, readonly string[]>>>,
): PopulationNoteField[] {
  const fields: PopulationNoteField[] = [];
  for (const field of COUNT_FIELDS) {
    let count = 0;
    let total = 0;
    for (const cell of cells) {
      const value = cell[field];
      if (value === null) continue;
      count++;
      total += value;
    }
    if (count > 0) fields.push({ field, sources: [...(sources[field] ?? [])], cells: count, total });
  }
  return fields;
}
