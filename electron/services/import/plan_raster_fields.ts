/**
 * Which population count each raster band feeds, for one or several GeoTIFFs on the same grid whose
 * bands are summed cell by cell.
 *
 * options.map gives `field=bands` with bands "all" (also "sum", "*"), "band2", or a sum such as
 * "band1+band2"; with several files the same bands are taken from each file and everything is summed.
 * Without a map: one file → the field its name suggests (60plus/pop60 → elderly, 65plus → age65,
 * 80plus → age80, else population) from all its bands; several files → a complete set of WorldPop
 * age/sex bands (e.g. the ten files f/m × 60, 65, 70, 75, 80 → elderly = 60+), otherwise the user must
 * say which count the sum is.
 */
import { InputError } from '../../../shared/errors';
import type { ImportOptions } from '../../../shared/ipc/contract';

export const COUNT_FIELDS = ['population', 'elderly', 'age65', 'age80'] as const;
export type CountField = (typeof COUNT_FIELDS)[number];

/** The bands (0-based) one field takes from every file; 'all' = every band of each file. */
export interface FieldPlan {
  field: CountField;
  bands: number[] | 'all';
}

/** WorldPop 5-year age groups: 0 (under 1), 1 (1–4), 5, 10, …, 80 (80 and over). */
const AGE_GROUPS = [0, 1, ...Array.from({ length: 16 }, (_, i) => 5 * (i + 1))];
const FIELD_BY_MIN_AGE: Record<number, CountField> = { 0: 'population', 60: 'elderly', 65: 'age65', 80: 'age80' };

/** Field by file name, for a single raster without --map. */
export function fieldFromFileName(file: string): CountField {
  const name = file.toLowerCase();
  if (/60plus|pop60/.test(name)) return 'elderly';
  if (/65plus|pop65/.test(name)) return 'age65';
  if (/80plus|pop80/.test(name)) return 'age80';
  return 'population';
}

/**
 * Sex and age group of a WorldPop age/sex raster name ("chn_f_60_2020.tif", "pop_60_f_wuhan.tif"),
 * or null when the name has not exactly one of each.
 */
export function worldPopAgeSex(file: string): { sex: 'f' | 'm'; age: number } | null {
  const tokens = file
    .toLowerCase()
    .replace(/\.tiff?$/, '')
    .split(/[_\-.\s]+/);
  const sexes = tokens.filter((t) => t === 'f' || t === 'm' || t === 'female' || t === 'male');
  const ages = tokens.filter((t) => /^\d{1,2}$/.test(t) && AGE_GROUPS.includes(Number(t)));
  if (sexes.length !== 1 || ages.length !== 1) return null;
  return { sex: sexes[0].startsWith('f') ? 'f' : 'm', age: Number(ages[0]) };
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

function parseBands(key: string, value: string, files: { name: string; bandCount: number }[]): number[] | 'all' {
  const text = value.trim().toLowerCase();
  if (text === 'all' || text === 'sum' || text === '*') return 'all';
  const bands = text.split(/[+,]/).map((part) => Number(/^\s*(?:band\s*)?(\d+)\s*$/.exec(part)?.[1]));
  for (const file of files) {
    const bad = bands.find((band) => !Number.isInteger(band) || band < 1 || band > file.bandCount);
    if (bad !== undefined) {
      const available = Array.from({ length: file.bandCount }, (_, i) => `band${i + 1}`).join(', ');
      throw new InputError(`--map ${key}=${value}: the raster has no band "${value}"; available columns: ${available}, or all`, {
        file: file.name,
        field: value,
        expected: 'band numbers such as band1, band1+band2, or all',
      });
    }
  }
  return bands.map((band) => band - 1);
}

function bandsText(bands: number[] | 'all', bandCount: number): string {
  const list = bands === 'all' ? Array.from({ length: bandCount }, (_, i) => i) : bands;
  return list.map((band) => `band${band + 1}`).join('+');
}

export interface RasterFieldPlan {
  plans: FieldPlan[];
  /** field → source description for the report ("band1", "a.tif + b.tif"). */
  mapping: Record<string, string>;
}

export function planRasterFields(files: { name: string; bandCount: number }[], options: ImportOptions): RasterFieldPlan {
  const entries = Object.entries(options.map ?? {});
  const plans: FieldPlan[] = [];
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
      plans.push({ field, bands: parseBands(key, value, files) });
    }
  } else if (files.length === 1) {
    plans.push({ field: fieldFromFileName(files[0].name), bands: 'all' });
  } else {
    const byName = new Set(files.map((f) => fieldFromFileName(f.name)));
    const field = fieldOfAgeSexSet(files.map((f) => f.name)) ?? (byName.size === 1 && !byName.has('population') ? [...byName][0] : null);
    if (field === null) {
      throw new InputError(
        `${files.length} rasters are summed, but their names do not say which count the sum is (a complete set of WorldPop age/sex bands, or names with 60plus/65plus/80plus); say it with --map, e.g. --map elderly=all`,
        { file: files[0].name, field: 'map', expected: `--map <${COUNT_FIELDS.join('|')}>=all` },
      );
    }
    plans.push({ field, bands: 'all' });
  }
  const mapping: Record<string, string> = {};
  for (const plan of plans) {
    mapping[plan.field] =
      files.length === 1
        ? bandsText(plan.bands, files[0].bandCount)
        : files.map((f) => (f.bandCount === 1 && plan.bands === 'all' ? f.name : `${f.name}[${bandsText(plan.bands, f.bandCount)}]`)).join(' + ');
  }
  return { plans, mapping };
}
