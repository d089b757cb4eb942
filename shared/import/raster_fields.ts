/**
 * Which files and bands of a GeoTIFF population import feed which count of the population grid: the
 * one shape the CLI (`--field elderly=a.tif,b.tif`), the import dialog (its raster fields step) and the
 * importer (electron/services/import/plan_raster_fields.ts) share, and the suggestion both interfaces
 * start from. Pure: no Node, no DOM.
 *
 *   suggestRasterFields([{ name: 'pop_60_f_wuhan.tif', bandCount: 1 }, …ten WorldPop 60+ files])
 *   // { elderly: [all ten], age65: [the eight 65+ files], age80: [the two 80+ files] }
 */
import { z } from 'zod';

/** The counts of a population cell a raster can fill (shared/schemas/entities.ts PopulationCell). */
export const COUNT_FIELDS = ['population', 'elderly', 'age65', 'age80'] as const;
export type CountField = (typeof COUNT_FIELDS)[number];
export const CountField = z.enum(COUNT_FIELDS);

/** One file's part of a count: all its bands, or the listed bands (1-based, as GDAL numbers them). */
export const RasterFieldPart = z.object({
  /** The file's name as the import receives it (its base name). */
  file: z.string().min(1),
  bands: z.union([z.literal('all'), z.array(z.number().int().positive()).min(1)]),
});
export type RasterFieldPart = z.infer<typeof RasterFieldPart>;

/**
 * Count → the file parts summed into it, cell by cell. A count left out is not imported (null in every
 * cell). All files of the import lie on one grid; a file may feed several counts (the 80+ bands feed
 * 60+, 65+ and 80+).
 */
export const RasterFields = z.partialRecord(CountField, z.array(RasterFieldPart).min(1));
export type RasterFields = z.infer<typeof RasterFields>;

/** WorldPop 5-year age groups: 0 (under 1), 1 (1–4), 5, 10, …, 80 (80 and over). */
export const AGE_GROUPS: readonly number[] = [0, 1, ...Array.from({ length: 16 }, (_, i) => 5 * (i + 1))];
/** The count a complete set of WorldPop bands from this age up sums to. */
export const FIELD_BY_MIN_AGE: Readonly<Record<number, CountField>> = { 0: 'population', 60: 'elderly', 65: 'age65', 80: 'age80' };

/** Field by file name (60plus/pop60 → elderly, 65plus → age65, 80plus → age80, else population). */
export function fieldFromFileName(file: string): CountField {
  const name = file.toLowerCase();
  if (/60plus|pop60/.test(name)) return 'elderly';
  if (/65plus|pop65/.test(name)) return 'age65';
  if (/80plus|pop80/.test(name)) return 'age80';
  return 'population';
}

/** Whether the name says which count it is (fieldFromFileName did not just fall back to population). */
function nameSaysField(file: string): boolean {
  return /60plus|pop60|65plus|pop65|80plus|pop80|20plus|pop20|total|allages|ppp/.test(file.toLowerCase());
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

/**
 * The counts a set of WorldPop age/sex files fills completely: for each count whose age groups (from
 * its lowest age up to 80+) are all there for both sexes, the files of those groups.
 */
export function worldPopFields(names: readonly string[]): Partial<Record<CountField, string[]>> {
  const parts = names.map((name) => ({ name, key: worldPopAgeSex(name) }));
  const keys = new Map<string, string>();
  for (const { name, key } of parts) if (key) keys.set(`${key.sex}${key.age}`, name);
  const fields: Partial<Record<CountField, string[]>> = {};
  for (const [age, field] of Object.entries(FIELD_BY_MIN_AGE)) {
    const groups = AGE_GROUPS.filter((group) => group >= Number(age));
    const files = groups.flatMap((group) => [keys.get(`f${group}`), keys.get(`m${group}`)]);
    if (files.every((f) => f !== undefined)) fields[field] = names.filter((name) => files.includes(name));
  }
  return fields;
}

/**
 * What the dialog proposes for the files chosen: a complete WorldPop age/sex set feeds every count it
 * completes (the ten 60+ files: 60+, 65+ and 80+); otherwise each file goes whole to the count its
 * name says (60plus → 60+ …), and a file whose name says nothing to the total population. Every band
 * of a file is taken; a file no rule places is left out (the user assigns it).
 */
export function suggestRasterFields(files: readonly { name: string; bandCount: number }[]): RasterFields {
  const names = files.map((f) => f.name);
  const byAge = worldPopFields(names);
  const fields: RasterFields = {};
  if (Object.keys(byAge).length > 0) {
    for (const field of COUNT_FIELDS) {
      const chosen = byAge[field];
      if (chosen) fields[field] = chosen.map((file) => ({ file, bands: 'all' }));
    }
    return fields;
  }
  for (const file of files) {
    if (files.length > 1 && !nameSaysField(file.name)) continue;
    const field = fieldFromFileName(file.name);
    (fields[field] ??= []).push({ file: file.name, bands: 'all' });
  }
  return fields;
}

/** The bands (1-based) a part takes from a file of `bandCount` bands. */
export function partBands(part: RasterFieldPart, bandCount: number): number[] {
  return part.bands === 'all' ? Array.from({ length: bandCount }, (_, i) => i + 1) : part.bands;
}

/** "a.tif" for a whole one-band file, "a.tif[band1+band2]" otherwise: how reports and notes name a part. */
export function describePart(part: RasterFieldPart, bandCount: number): string {
  if (bandCount === 1 && part.bands === 'all') return part.file;
  return `${part.file}[${partBands(part, bandCount)
    .map((band) => `band${band}`)
    .join('+')}]`;
}
