import { describe, expect, it } from 'vitest';
import { listCrsDefinitions } from '../../../shared/geodesy/crs_definitions';
import { applicableRememberedMap } from '../../../renderer/components/import/remembered_mapping';
import { crsGroups, crsPickerValue } from '../../../renderer/components/import/crs_options';
import { describeFiles } from '../../../renderer/components/import/import_files';

describe('crsGroups', () => {
  it('offers every EPSG system the host knows, once, plus GCJ-02/BD-09 only when asked', () => {
    const epsgOnly = crsGroups({ offsets: null });
    const values = epsgOnly.flatMap((group) => group.options.map((option) => option.value));
    expect(values).toHaveLength(listCrsDefinitions().length);
    expect(new Set(values).size).toBe(values.length);
    expect(values).toContain('EPSG:4547');
    expect(values).not.toContain('gcj02');
    const withOffsets = crsGroups({ offsets: { gcj02: 'GCJ-02', bd09: 'BD-09' } });
    expect(withOffsets.find((group) => group.key === 'offsets')?.options.map((option) => option.value)).toEqual(['gcj02', 'bd09']);
  });

  it('puts the CGCS2000 3° central-meridian systems (Wuhan: CM 114E) in their own group', () => {
    const gk3 = crsGroups({ offsets: null }).find((group) => group.key === 'gk3cm');
    expect(gk3?.options.find((option) => option.value === 'EPSG:4547')?.label).toBe('EPSG:4547 · CGCS2000 / 3-degree Gauss-Kruger CM 114E');
    expect(gk3?.options).toHaveLength(21);
  });
});

describe('crsPickerValue', () => {
  it('turns the host CRS names into picker values', () => {
    expect(crsPickerValue('EPSG:4547')).toBe('EPSG:4547');
    expect(crsPickerValue('GCJ02')).toBe('gcj02');
    expect(crsPickerValue('BD09')).toBe('bd09');
    expect(crsPickerValue('EPSG:2385')).toBeNull();
    expect(crsPickerValue('proj4: +proj=tmerc +lon_0=114.5 +ellps=GRS80')).toBeNull();
    expect(crsPickerValue(null)).toBeNull();
  });
});

describe('applicableRememberedMap', () => {
  const preview = {
    columns: [{ name: '名称' }, { name: '日托名额' }, { name: 'lon' }, { name: 'lat' }],
    fields: [
      { field: 'name', column: '名称' },
      { field: 'capacity', column: null },
      { field: 'lon', column: 'lon' },
      { field: 'lat', column: 'lat' },
    ],
  };

  it('preselects remembered columns the file has, skips the rest, and leaves automatic matches alone', () => {
    const result = applicableRememberedMap({
      ...preview,
      rememberedMap: { name: '名称', capacity: '日托名额', beds: '床位数', floor_area_m2: '建筑规模', lon: 'lon' },
    });
    expect(result.applied).toEqual({ capacity: '日托名额' });
    expect(result.skipped).toEqual({ beds: '床位数', floor_area_m2: '建筑规模' });
  });

  it('applies nothing without a remembered mapping', () => {
    expect(applicableRememberedMap({ ...preview, rememberedMap: null })).toEqual({ applied: {}, skipped: {} });
  });
});

describe('describeFiles', () => {
  const more = (count: number) => `and ${count} more`;
  it('names the parts of one shapefile together', () => {
    expect(describeFiles(['养老设施.cpg', '养老设施.dbf', '养老设施.prj', '养老设施.shp', '养老设施.shx'], more)).toBe('养老设施.{cpg, dbf, prj, shp, shx}');
  });
  it('lists up to three unrelated files, then counts the rest', () => {
    expect(describeFiles(['a.tif', 'b.tif'], more)).toBe('a.tif, b.tif');
    expect(describeFiles(['a.tif', 'b.tif', 'c.tif', 'd.tif', 'e.tif'], more)).toBe('a.tif, b.tif, c.tif and 2 more');
  });
});
