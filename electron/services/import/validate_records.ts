/**
 * Final checks over all records of a file before anything is returned: each record against the
 * layer's zod schema (a safety net behind the field readers), and unique ids within the file.
 */
import { InputError } from '../../../shared/errors';
import { LAYER_RECORD_SCHEMAS, type ImportableLayer, type LayerRecordMap } from '../../../shared/schemas/entities';
import { CSV_ROW_NOTE, inputError, type RecordLocation } from './record_location';

function idOf(layer: ImportableLayer, record: unknown): string {
  return layer === 'population' ? (record as { cellId: string }).cellId : (record as { id: string }).id;
}

function place(loc: RecordLocation): string {
  return loc.row !== undefined ? `row ${loc.row}` : loc.feature !== undefined ? `feature ${loc.feature}` : 'the file';
}

function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/**
 * Throws InputError for the first record that fails the schema or repeats an id.
 * `locations[i]` is where records[i] came from.
 */
export function validateRecords<L extends ImportableLayer>(
  layer: L,
  records: LayerRecordMap[L][],
  locations: RecordLocation[],
): void {
  const schema = LAYER_RECORD_SCHEMAS[layer];
  const seen = new Map<string, number>();
  for (let i = 0; i < records.length; i++) {
    const result = schema.safeParse(records[i]);
    if (!result.success) {
      const issue = result.error.issues[0];
      const field = issue.path.length > 0 ? snakeCase(String(issue.path[0])) : undefined;
      const path = issue.path.slice(1).map(String).join('.');
      const id = idOf(layer, records[i]);
      throw inputError(locations[i], field, `record "${id}": invalid value${path ? ` at ${path}` : ''}: ${issue.message}`);
    }
    const id = idOf(layer, records[i]);
    const first = seen.get(id);
    if (first !== undefined) {
      const a = locations[first];
      const b = locations[i];
      const idField = layer === 'population' ? 'cell_id' : 'id';
      const note = b.row !== undefined ? ` ${CSV_ROW_NOTE}` : '';
      throw new InputError(`duplicate id "${id}" in ${place(a)} and ${place(b)}${note}`, {
        file: b.file,
        row: b.row,
        feature: b.feature,
        field: idField,
        expected: 'ids unique within the file',
      });
    }
    seen.set(id, i);
  }
}
