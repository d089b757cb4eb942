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

const finiteIn = (v: unknown, min: number, max: number): boolean => typeof v === 'number' && v >= min && v <= max;
const countOrNull = (v: unknown): boolean => v === null || (typeof v === 'number' && v >= 0 && v < Infinity);
const sizeOrNull = (v: unknown): boolean => v === null || (typeof v === 'number' && v > 0 && v < Infinity);

/**
 * The PopulationCell schema's checks written out (a grid has up to millions of cells, and zod takes
 * about 1 µs each): true only for a record the schema accepts (the test checks the two agree). A
 * record it refuses is parsed with the schema, which has the last word and words the error.
 */
export function isPopulationCell(record: unknown): boolean {
  if (typeof record !== 'object' || record === null) return false;
  const r = record as Record<string, unknown>;
  return (
    typeof r.cellId === 'string' &&
    r.cellId.length >= 1 &&
    finiteIn(r.lon, -180, 180) &&
    finiteIn(r.lat, -90, 90) &&
    countOrNull(r.population) &&
    countOrNull(r.elderly) &&
    countOrNull(r.age65) &&
    countOrNull(r.age80) &&
    sizeOrNull(r.cellWidthDeg) &&
    sizeOrNull(r.cellHeightDeg)
  );
}

/** True for "0" and "1" .. "999999999" without leading zeros: ids that are array indices in JavaScript. */
function isSmallIndex(id: string): boolean {
  const length = id.length;
  if (length === 0 || length > 9) return false;
  const first = id.charCodeAt(0);
  if (first < 0x30 || first > 0x39 || (first === 0x30 && length > 1)) return false;
  for (let i = 1; i < length; i++) {
    const c = id.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/**
 * Where each id was first seen: a Map, except for ids that are canonical whole numbers (the usual
 * cell ids "0", "1", ...), kept in a prototype-less object's elements, which V8 stores about ten
 * times faster than a Map. The two hold disjoint sets of strings, so this is one map from id to index.
 */
class IdIndex {
  private readonly numeric: Record<string, number> = Object.create(null) as Record<string, number>;
  private readonly other = new Map<string, number>();

  get(id: string): number | undefined {
    return isSmallIndex(id) ? this.numeric[id] : this.other.get(id);
  }

  set(id: string, index: number): void {
    if (isSmallIndex(id)) this.numeric[id] = index;
    else this.other.set(id, index);
  }
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
  const seen = new IdIndex();
  const passes = layer === 'population' ? (isPopulationCell as (record: unknown) => boolean) : null;
  for (let i = 0; i < records.length; i++) {
    const result = passes?.(records[i]) ? null : schema.safeParse(records[i]);
    if (result && !result.success) {
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
      }, { reason: 'import_duplicate_id', params: { id, first: a.row ?? a.feature ?? '', second: b.row ?? b.feature ?? '' } });
    }
    seen.set(id, i);
  }
}
