/**
 * Which bands of which GeoTIFFs feed each population count: the one planning function of a raster
 * import (the importer, the preview, the CLI's --field and the dialog's raster fields step all end
 * here). All files lie on one grid (checked by the importer); a count's value in a cell is the sum of
 * its bands there.
 *
 * Three ways to say it, checked in this order:
 *  - options.fields (shared/import/raster_fields.ts): count → file parts, e.g. the ten WorldPop 60+
 *    files to `elderly` and a total raster to `population`, in one import. Every file must feed some
 *    count; bands are 1-based.
 *  - options.map gives `field=bands` with bands "all" (also "sum", "*"), "band2", or a sum such as
 *    "band1+band2"; the same bands are taken from every file and summed.
 *  - nothing: one file → the count its name suggests (60plus/pop60 → elderly, 65plus → age65,
 *    80plus → age80, else population) from all its bands; several files → a complete set of WorldPop
 *    age/sex bands (e.g. the ten files f/m × 60, 65, 70, 75, 80 → elderly = 60+), otherwise the user
 *    must say which count the sum is.
 */
import { InputError } from '../../../shared/errors';
import {
  AGE_GROUPS,
  COUNT_FIELDS,
  FIELD_BY_MIN_AGE,
  describePart,
  fieldFromFileName,
  partBands,
  worldPopAgeSex,
  type CountField,
  type RasterFieldPart,
  type RasterFields,
} from '../../../shared/import/raster_fields';
import type { ImportOptions } from '../../../shared/ipc/contract';

export { COUNT_FIELDS, fieldFromFileName, worldPopAgeSex, type CountField };

/** The bands (0-based) a count takes from one file (its index in the import's files). */
export interface FieldPart {
  file: number;
  bands: number[];
}

export interface FieldPlan {
  field: CountField;
  parts: FieldPart[];
}

export interface RasterFieldPlan {
  /** The counts imported, in COUNT_FIELDS order. */
  plans: FieldPlan[];
  /** field → source description for the report ("band1", "a.tif + b.tif[band2]"). */
  mapping: Record<string, string>;
  /** field → its sources one by one ("a.tif", "b.tif[band2]"), for the project's population note. */
  sources: Partial<Record<CountField, string[]>>;
}

interface RasterFile {
  name: string;
  bandCount: number;
}

/** The count a set of WorldPop age/sex files sums to, when the set is complete from its lowest age up. */
function fieldOfAgeSexSet(names: string[]): CountField | null {
  const parts = names.map(worldPopAgeSex);
  if (parts.some((p) => p === null)) return null;
  const keys = new Set(parts.map((p) => `${p!.sex}${p!.age}`));
  if (keys.size !== parts.length) return null;
  const minAge = Math.min(...parts.map((p) => p!.age));
  const field = FIELD_BY_MIN_AGE[minAge];
  if (!field) return null;
  const groups = AGE_GROUPS.filter((age) => age >= minAge);
  const complete = groups.every((age) => keys.has(`f${age}`) && keys.has(`m${age}`));
  return complete && keys.size === 2 * groups.length ? field : null;
}

function bandNames(bandCount: number): string {
  return Array.from({ length: bandCount }, (_, i) => `band${i + 1}`).join(', ');
}

function parseBands(key: string, value: string, files: RasterFile[]): RasterFieldPart['bands'] {
  const text = value.trim().toLowerCase();
  if (text === 'all' || text === 'sum' || text === '*') return 'all';
  const bands = text.split(/[+,]/).map((part) => Number(/^\s*(?:band\s*)?(\d+)\s*$/.exec(part)?.[1]));
  for (const file of files) {
    const bad = bands.find((band) => !Number.isInteger(band) || band < 1 || band > file.bandCount);
    if (bad !== undefined) {
      throw new InputError(
        `--map ${key}=${value}: the raster has no band "${value}"; available columns: ${bandNames(file.bandCount)}, or all`,
        { file: file.name, field: value, expected: 'band numbers such as band1, band1+band2, or all' },
        { reason: 'raster_band_missing', params: { band: value, bands: file.bandCount } },
      );
    }
  }
  return bands;
}

/** Count → parts from --map (the same bands of every file) or from the file names. */
function fieldsFromMapOrNames(files: RasterFile[], options: ImportOptions): RasterFields {
  const everyFile = (bands: RasterFieldPart['bands']) => files.map((f) => ({ file: f.name, bands }));
  const entries = Object.entries(options.map ?? {});
  const fields: RasterFields = {};
  if (entries.length > 0) {
    for (const [key, value] of entries) {
      const field = key.trim().toLowerCase() as CountField;
      if (!COUNT_FIELDS.includes(field)) {
        throw new InputError(`--map names unknown field "${key}" for a population raster`, {
          file: files[0].name,
          field: key,
          expected: `one of ${COUNT_FIELDS.join(', ')}`,
        });
      }
      fields[field] = everyFile(parseBands(key, value, files));
    }
    return fields;
  }
  if (files.length === 1) return { [fieldFromFileName(files[0].name)]: everyFile('all') };
  const byName = new Set(files.map((f) => fieldFromFileName(f.name)));
  const field = fieldOfAgeSexSet(files.map((f) => f.name)) ?? (byName.size === 1 && !byName.has('population') ? [...byName][0] : null);
  if (field === null) {
    throw new InputError(
      `${files.length} rasters are summed, but their names do not say which count the sum is (a complete set of WorldPop age/sex bands, or names with 60plus/65plus/80plus); say it with --map, e.g. --map elderly=all, or give each count its files with --field elderly=a.tif,b.tif`,
      { file: files[0].name, field: 'map', expected: `--map <${COUNT_FIELDS.join('|')}>=all` },
      { reason: 'raster_count_unknown', params: { count: files.length } },
    );
  }
  return { [field]: everyFile('all') };
}

/** Checks options.fields against the files: every part names a file and bands it has, every file is used. */
function checkFields(files: RasterFile[], fields: RasterFields): void {
  const index = new Map(files.map((f, i) => [f.name, i]));
  const used = new Set<string>();
  for (const field of COUNT_FIELDS) {
    const seen = new Set<string>();
    for (const part of fields[field] ?? []) {
      const i = index.get(part.file);
      if (i === undefined) {
        throw new InputError(
          `the count ${field} names ${part.file}, which is not among the files of the import (${files.map((f) => f.name).join(', ')})`,
          { file: part.file, field, expected: 'a file given to the import' },
          { reason: 'raster_file_unknown', params: { field } },
        );
      }
      const { bandCount } = files[i];
      for (const band of partBands(part, bandCount)) {
        if (band > bandCount) {
          throw new InputError(
            `the count ${field} takes band ${band}, but the raster has ${bandCount} band${bandCount === 1 ? '' : 's'} (${bandNames(bandCount)})`,
            { file: part.file, field, expected: `band numbers from 1 to ${bandCount}` },
            { reason: 'raster_band_missing', params: { band: `band${band}`, bands: bandCount } },
          );
        }
        const key = `${part.file}\u0000${band}`;
        if (seen.has(key)) {
          throw new InputError(`the count ${field} takes band ${band} twice, which would count its persons twice`, {
            file: part.file,
            field,
            expected: 'each band at most once per count',
          });
        }
        seen.add(key);
      }
      used.add(part.file);
    }
  }
  const unused = files.find((f) => !used.has(f.name));
  if (unused) {
    throw new InputError(
      'the file feeds no count: assign it to one (e.g. --field elderly=' + unused.name + ') or leave it out of the import',
      { file: unused.name, expected: 'every file of the import summed into some count' },
      { reason: 'raster_file_unused', params: {} },
    );
  }
}

export function planRasterFields(files: RasterFile[], options: ImportOptions): RasterFieldPlan {
  let fields: RasterFields;
  if (options.fields && Object.keys(options.fields).length > 0) {
    if (Object.keys(options.map ?? {}).length > 0) {
      throw new InputError('--map and --field both say which bands feed which count; use one of them', {
        file: files[0].name,
        field: 'map',
        expected: '--field count=files (or --map count=bands)',
      });
    }
    checkFields(files, options.fields);
    fields = options.fields;
  } else {
    fields = fieldsFromMapOrNames(files, options);
  }
  const index = new Map(files.map((f, i) => [f.name, i]));
  const plans: FieldPlan[] = [];
  const mapping: Record<string, string> = {};
  const sources: Partial<Record<CountField, string[]>> = {};
  for (const field of COUNT_FIELDS) {
    const parts = fields[field];
    if (!parts) continue;
    plans.push({ field, parts: parts.map((part) => ({ file: index.get(part.file)!, bands: partBands(part, files[index.get(part.file)!].bandCount).map((b) => b - 1) })) });
    sources[field] = parts.map((part) => describePart(part, files[index.get(part.file)!].bandCount));
    const oneFile = files.length === 1 && parts.length === 1;
    mapping[field] = oneFile
      ? partBands(parts[0], files[0].bandCount)
          .map((b) => `band${b}`)
          .join('+')
      : sources[field]!.join(' + ');
  }
  return { plans, mapping, sources };
}
