/**
 * `siting import … population --field elderly=a.tif,b.tif --field population=total.tif`: which GeoTIFF
 * files (and bands) are summed into each population count, in one import. Each flag is
 * `<count>=<file>[,<file>…]`, a file optionally followed by its bands in brackets
 * (`ages.tif[band2+band3]`); counts: population (also total), elderly (60+), age65 (65+), age80 (80+).
 * The files are read from the paths given; the import (plan_raster_fields.ts) refers to them by base
 * name, so two files of one name are refused here.
 *
 *   parseFieldFlags(['elderly=d/a.tif,d/b.tif', 'age80=d/b.tif'])
 *   // { paths: ['d/a.tif', 'd/b.tif'], fields: { elderly: [{ file: 'a.tif', bands: 'all' }, …], age80: [{ file: 'b.tif', bands: 'all' }] } }
 */
import { basename } from 'node:path';
import { InputError } from '../../shared/errors';
import { COUNT_FIELDS, type CountField, type RasterFieldPart, type RasterFields } from '../../shared/import/raster_fields';

const FIELD_WORDS: Record<string, CountField> = {
  population: 'population',
  total: 'population',
  elderly: 'elderly',
  '60+': 'elderly',
  age65: 'age65',
  '65+': 'age65',
  age80: 'age80',
  '80+': 'age80',
};

const EXPECTED = `--field <${COUNT_FIELDS.join('|')}>=file.tif[,file.tif...], a file optionally with bands: file.tif[band1+band2]`;

function parseBands(text: string, entry: string): RasterFieldPart['bands'] {
  const bands = text.split(/[+,]/).map((part) => Number(/^\s*(?:band\s*)?(\d+)\s*$/i.exec(part)?.[1]));
  if (bands.some((band) => !Number.isInteger(band) || band < 1)) {
    throw new InputError(`--field ${entry}: "[${text}]" is not a list of bands`, { field: 'field', expected: 'bands such as [band1] or [band1+band2]' });
  }
  return bands;
}

/** The paths to read and the counts' parts, or undefined without --field. */
export function parseFieldFlags(values: string[] | undefined): { paths: string[]; fields: RasterFields } | undefined {
  if (!values || values.length === 0) return undefined;
  const fields: RasterFields = {};
  const paths: string[] = [];
  const pathOf = new Map<string, string>();
  for (const entry of values) {
    const at = entry.indexOf('=');
    if (at <= 0 || at === entry.length - 1) throw new InputError(`--field must look like count=file.tif[,file.tif...], got "${entry}"`, { field: 'field', expected: EXPECTED });
    const word = entry.slice(0, at).trim().toLowerCase();
    const field = FIELD_WORDS[word];
    if (!field) throw new InputError(`--field names unknown count "${word}"`, { field: 'field', expected: `one of ${COUNT_FIELDS.join(', ')} (or total, 60+, 65+, 80+)` });
    if (fields[field]) throw new InputError(`--field ${field} is given twice; list all its files in one flag, separated by commas`, { field: 'field' });
    const parts: RasterFieldPart[] = [];
    for (const item of entry.slice(at + 1).split(',').map((s) => s.trim()).filter(Boolean)) {
      const bracket = /^(.*)\[([^\]]*)\]$/.exec(item);
      const path = bracket ? bracket[1] : item;
      const name = basename(path);
      const known = pathOf.get(name);
      if (known !== undefined && known !== path) {
        throw new InputError(`--field: ${known} and ${path} have the same file name; rename one of them`, { file: name, field: 'field' });
      }
      if (known === undefined) {
        pathOf.set(name, path);
        paths.push(path);
      }
      parts.push({ file: name, bands: bracket ? parseBands(bracket[2], entry) : 'all' });
    }
    if (parts.length === 0) throw new InputError(`--field ${entry}: no file given`, { field: 'field', expected: EXPECTED });
    fields[field] = parts;
  }
  return { paths, fields };
}
