/**
 * The mapping remembered from the last import into a layer (ImportPreview.rememberedMap), applied
 * to a new file only where it fits: the field still exists and the file has the column. Entries the
 * host's automatic match already gives need no override; the rest are listed as skipped.
 */
import type { ImportPreview } from '../../../shared/ipc/contract';

export interface RememberedMapping {
  /** field → column: preselected as the user's choice. */
  applied: Record<string, string>;
  /** field → column remembered but not applicable to this file. */
  skipped: Record<string, string>;
}

/** The parts of an ImportPreview the remembered mapping is checked against. */
export interface MappingContext {
  rememberedMap: ImportPreview['rememberedMap'];
  fields: ReadonlyArray<{ field: string; column: string | null }>;
  columns: ReadonlyArray<{ name: string }>;
}

export function applicableRememberedMap(preview: MappingContext): RememberedMapping {
  const applied: Record<string, string> = {};
  const skipped: Record<string, string> = {};
  const columns = new Set(preview.columns.map((column) => column.name));
  const automatic = new Map(preview.fields.map((field) => [field.field, field.column]));
  for (const [field, column] of Object.entries(preview.rememberedMap ?? {})) {
    if (!automatic.has(field) || !columns.has(column)) skipped[field] = column;
    else if (automatic.get(field) !== column) applied[field] = column;
  }
  return { applied, skipped };
}
