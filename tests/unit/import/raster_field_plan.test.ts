/**
 * The raster field plan (plan_raster_fields.ts), the suggestion the import dialog starts from
 * (shared/import/raster_fields.ts) and the CLI's --field flags, on the names of the real WorldPop
 * files in tests/data/wuhan/worldpop_agesex_60plus.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../shared/errors';
import { suggestRasterFields, worldPopFields } from '../../../shared/import/raster_fields';
import { noteField, noteFields, readPopulationNote } from '../../../shared/import/population_note';
import { planRasterFields } from '../../../electron/services/import/plan_raster_fields';
import { parseFieldFlags } from '../../../electron/cli/raster_field_flags';
import { testData } from './import_test_paths';

const names = readdirSync(testData('wuhan/worldpop_agesex_60plus'))
  .filter((n) => n.endsWith('.tif'))
  .sort();
const oneBand = names.map((name) => ({ name, bandCount: 1 }));

function thrown(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    return error as InputError;
  }
  throw new Error('expected an error');
}

describe('raster fields: suggestion and plan', () => {
  it('the ten WorldPop 60+ files complete 60+, 65+ and 80+, and the dialog suggests all three', () => {
    expect(names).toHaveLength(10);
    const byAge = worldPopFields(names);
    expect(Object.keys(byAge)).toEqual(['elderly', 'age65', 'age80']);
    expect(byAge.elderly).toEqual(names);
    expect(byAge.age65).toEqual(names.filter((n) => !/_60_/.test(n)));
    expect(byAge.age80).toEqual(['pop_80_f_wuhan.tif', 'pop_80_m_wuhan.tif']);
    const suggested = suggestRasterFields(oneBand);
    expect(suggested.population).toBeUndefined();
    expect(suggested.age80).toEqual([
      { file: 'pop_80_f_wuhan.tif', bands: 'all' },
      { file: 'pop_80_m_wuhan.tif', bands: 'all' },
    ]);
    // without the 60-64 files, 60+ is incomplete: only 65+ and 80+
    expect(Object.keys(worldPopFields(names.filter((n) => !/_60_/.test(n))))).toEqual(['age65', 'age80']);
    // names that say a count each; a lone file that says nothing is the total; several such files: none
    expect(suggestRasterFields([{ name: 'wuhan_core_pop20plus_100m.tif', bandCount: 1 }, { name: 'wuhan_core_pop60plus_100m.tif', bandCount: 1 }])).toEqual({
      population: [{ file: 'wuhan_core_pop20plus_100m.tif', bands: 'all' }],
      elderly: [{ file: 'wuhan_core_pop60plus_100m.tif', bands: 'all' }],
    });
    expect(suggestRasterFields([{ name: 'a.tif', bandCount: 3 }])).toEqual({ population: [{ file: 'a.tif', bands: 'all' }] });
    expect(suggestRasterFields([{ name: 'a.tif', bandCount: 1 }, { name: 'b.tif', bandCount: 1 }])).toEqual({});
  });

  it('plans each count from its own files and bands, 0-based, in count order, with the note sources', () => {
    const files = [
      { name: 'total.tif', bandCount: 1 },
      { name: 'ages.tif', bandCount: 3 },
      ...oneBand.slice(0, 2),
    ];
    const plan = planRasterFields(files, {
      fields: {
        age80: [{ file: 'ages.tif', bands: [3] }],
        elderly: [
          { file: 'pop_60_f_wuhan.tif', bands: 'all' },
          { file: 'pop_60_m_wuhan.tif', bands: 'all' },
          { file: 'ages.tif', bands: [2, 3] },
        ],
        population: [{ file: 'total.tif', bands: 'all' }],
      },
    });
    expect(plan.plans).toEqual([
      { field: 'population', parts: [{ file: 0, bands: [0] }] },
      { field: 'elderly', parts: [{ file: 2, bands: [0] }, { file: 3, bands: [0] }, { file: 1, bands: [1, 2] }] },
      { field: 'age80', parts: [{ file: 1, bands: [2] }] },
    ]);
    expect(plan.sources).toEqual({
      population: ['total.tif'],
      elderly: ['pop_60_f_wuhan.tif', 'pop_60_m_wuhan.tif', 'ages.tif[band2+band3]'],
      age80: ['ages.tif[band3]'],
    });
    expect(plan.mapping.elderly).toBe('pop_60_f_wuhan.tif + pop_60_m_wuhan.tif + ages.tif[band2+band3]');
    // one file, its bands to two counts: the mapping names bands as --map does
    const single = planRasterFields([{ name: 'ages.tif', bandCount: 3 }], { fields: { elderly: [{ file: 'ages.tif', bands: 'all' }], age80: [{ file: 'ages.tif', bands: [3] }] } });
    expect(single.mapping).toEqual({ elderly: 'band1+band2+band3', age80: 'band3' });
  });

  it('refuses with a reason: a file feeding nothing, a band the file lacks, an unknown file, a band twice, --map with --field', () => {
    const files = [{ name: 'a.tif', bandCount: 2 }, { name: 'b.tif', bandCount: 1 }];
    const unused = thrown(() => planRasterFields(files, { fields: { elderly: [{ file: 'a.tif', bands: 'all' }] } }));
    expect(unused.reason).toBe('raster_file_unused');
    expect(unused.location.file).toBe('b.tif');
    const band = thrown(() => planRasterFields(files, { fields: { elderly: [{ file: 'a.tif', bands: [3] }, { file: 'b.tif', bands: 'all' }] } }));
    expect(band.reason).toBe('raster_band_missing');
    expect(band.params).toEqual({ band: 'band3', bands: 2 });
    expect(band.message).toBe('a.tif, field elderly: the count elderly takes band 3, but the raster has 2 bands (band1, band2) (expected band numbers from 1 to 2)');
    const unknown = thrown(() => planRasterFields(files, { fields: { elderly: [{ file: 'c.tif', bands: 'all' }] } }));
    expect(unknown.reason).toBe('raster_file_unknown');
    const twice = thrown(() => planRasterFields(files, { fields: { elderly: [{ file: 'a.tif', bands: 'all' }, { file: 'a.tif', bands: [1] }, { file: 'b.tif', bands: 'all' }] } }));
    expect(twice.message).toContain('takes band 1 twice');
    const both = thrown(() => planRasterFields(files, { map: { elderly: 'all' }, fields: { elderly: [{ file: 'a.tif', bands: 'all' }] } }));
    expect(both.message).toContain('--map and --field both say');
    const noNames = thrown(() => planRasterFields(files, {}));
    expect(noNames.reason).toBe('raster_count_unknown');
    expect(noNames.params).toEqual({ count: 2 });
  });

  it('the CLI --field flags: counts and their aliases, files by base name, bands in brackets', () => {
    const parsed = parseFieldFlags(['elderly=d/pop_60_f_wuhan.tif,d/pop_60_m_wuhan.tif', 'total=t/total.tif', '80+=d/ages.tif[band3]', 'age65=d/ages.tif[2+3]'])!;
    expect(parsed.paths).toEqual(['d/pop_60_f_wuhan.tif', 'd/pop_60_m_wuhan.tif', 't/total.tif', 'd/ages.tif']);
    expect(parsed.fields).toEqual({
      elderly: [
        { file: 'pop_60_f_wuhan.tif', bands: 'all' },
        { file: 'pop_60_m_wuhan.tif', bands: 'all' },
      ],
      population: [{ file: 'total.tif', bands: 'all' }],
      age80: [{ file: 'ages.tif', bands: [3] }],
      age65: [{ file: 'ages.tif', bands: [2, 3] }],
    });
    expect(parseFieldFlags(undefined)).toBeUndefined();
    expect(thrown(() => parseFieldFlags(['kids=a.tif'])).message).toContain('--field names unknown count "kids"');
    expect(thrown(() => parseFieldFlags(['elderly=x/a.tif', 'age65=y/a.tif'])).message).toContain('x/a.tif and y/a.tif have the same file name');
    expect(thrown(() => parseFieldFlags(['elderly=a.tif', 'elderly=b.tif'])).message).toContain('--field elderly is given twice');
    expect(thrown(() => parseFieldFlags(['elderly=a.tif[x]'])).message).toContain('"[x]" is not a list of bands');
  });

  it('the note: counts with a value only, totals over their cells; an older free-text note is no note', () => {
    const cells = [
      { population: null, elderly: 2.5, age65: 1, age80: null },
      { population: null, elderly: 0, age65: null, age80: null },
    ];
    const fields = noteFields(cells, { elderly: ['a.tif', 'b.tif'], age65: ['b.tif'], population: ['never.tif'] });
    expect(fields).toEqual([
      { field: 'elderly', sources: ['a.tif', 'b.tif'], cells: 2, total: 2.5 },
      { field: 'age65', sources: ['b.tif'], cells: 1, total: 1 },
    ]);
    const note = { imports: [{ importedAt: '2026-12-07T00:00:00.000Z', format: 'geotiff', files: ['a.tif', 'b.tif'], crs: 'EPSG:4326', cells: 2, fields }] };
    expect(readPopulationNote(note)).toEqual(note);
    expect(noteField(note, 'population')).toBeNull();
    expect(noteField({ imports: [note.imports[0], note.imports[0]] }, 'elderly')).toEqual({ field: 'elderly', sources: ['a.tif', 'b.tif'], cells: 4, total: 5 });
    expect(readPopulationNote('population = adults 20+ (WorldPop has no 0-19 bands in this source)')).toBeNull();
  });
});
