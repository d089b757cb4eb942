/**
 * GCJ-02/BD-09 from what a file says besides its numbers (issue 15): column names, AutoNavi POI
 * export columns, the file name and a source column; each guess carries a reason code with the
 * evidence. Coordinates: the sample's first illustrative facility, shifted with the app's GCJ-02.
 */
import { describe, expect, it } from 'vitest';
import { crsHintsOf, guessCrsFromCoordinates } from '../../../shared/geodesy/crs_guess';
import { wgs84ToGcj02 } from '../../../shared/geodesy/gcj02';

const gcj = [wgs84ToGcj02(114.27, 30.59), wgs84ToGcj02(114.305, 30.58)];

describe('crsHintsOf', () => {
  it('reads GCJ-02 and BD-09 from column names, AutoNavi export columns, file names and source values', () => {
    expect(crsHintsOf({ columns: ['name', 'gcj_lng', 'gcj_lat'] })).toEqual({ system: 'gcj02', evidence: 'column', detail: 'gcj_lng' });
    expect(crsHintsOf({ columns: ['名称', '高德经度', '高德纬度'] })).toEqual({ system: 'gcj02', evidence: 'column', detail: '高德经度' });
    expect(crsHintsOf({ columns: ['name', 'bd09_lng', 'bd09_lat'] })).toEqual({ system: 'bd09', evidence: 'column', detail: 'bd09_lng' });
    expect(crsHintsOf({ columns: ['name', 'baidu_x', 'baidu_y'] })?.system).toBe('bd09');
    expect(crsHintsOf({ columns: ['name', 'type', 'address', 'location', 'typecode', 'adcode'] })).toEqual({
      system: 'gcj02',
      evidence: 'autonavi_export',
      detail: 'location, typecode, adcode',
    });
    expect(crsHintsOf({ columns: ['name', 'lng', 'lat'], fileName: 'amap_poi_2026.csv' })).toEqual({ system: 'gcj02', evidence: 'file_name', detail: 'amap_poi_2026.csv' });
    expect(crsHintsOf({ columns: ['name', 'lng', 'lat'], fileName: '百度地图导出.csv' })?.system).toBe('bd09');
    expect(crsHintsOf({ columns: ['name', 'lng', 'lat', 'source'], fileName: 'f.csv', sourceValues: [null, '高德地图'] })).toEqual({
      system: 'gcj02',
      evidence: 'source_value',
      detail: '高德地图',
    });
    expect(crsHintsOf({ columns: ['name', 'lng', 'lat', 'location'], fileName: 'facilities.csv' })).toBeNull();
  });
});

describe('guessCrsFromCoordinates with hints', () => {
  it('puts the named offset first as likely, with the evidence; WGS84 becomes possible', () => {
    const candidates = guessCrsFromCoordinates(gcj, { columns: ['名称', '类型', 'location', 'typecode', 'adcode'] });
    expect(candidates.map((c) => [c.spec?.id, c.confidence, c.reasonCode])).toEqual([
      ['GCJ02', 'high', 'offset_hint'],
      ['EPSG:4326', 'medium', 'degrees_in_china'],
      ['EPSG:4490', 'medium', 'degrees_cgcs2000'],
      ['BD09', 'low', 'bd09_by_value'],
    ]);
    expect(candidates[0].reasonParams).toEqual({ system: 'gcj02', evidence: 'autonavi_export', detail: 'location, typecode, adcode' });
  });

  it('without a hint offers GCJ-02 and BD-09 as possible, each with its reason code', () => {
    expect(guessCrsFromCoordinates(gcj).map((c) => [c.spec?.id, c.confidence, c.reasonCode])).toEqual([
      ['EPSG:4326', 'high', 'degrees_in_china'],
      ['EPSG:4490', 'medium', 'degrees_cgcs2000'],
      ['GCJ02', 'medium', 'gcj02_by_value'],
      ['BD09', 'medium', 'bd09_by_value'],
    ]);
  });

  it('ignores a hint outside China (the offsets do not apply there)', () => {
    expect(guessCrsFromCoordinates([[2.35, 48.85]], { fileName: 'amap.csv' }).map((c) => [c.spec?.id, c.reasonCode])).toEqual([['EPSG:4326', 'degrees_outside_china']]);
  });

  it('takes a column name as evidence only for a coordinate column (an "amap_id" or "腾讯评分" says nothing)', () => {
    expect(crsHintsOf({ columns: ['name', 'lon', 'lat', 'amap_id', '腾讯评分'] })).toBeNull();
    expect(crsHintsOf({ columns: ['name', 'gcj_lng', 'gcj_lat'] })).toMatchObject({ system: 'gcj02', evidence: 'column', detail: 'gcj_lng' });
    expect(crsHintsOf({ columns: ['名称', '百度经度', '百度纬度'] })).toMatchObject({ system: 'bd09', evidence: 'column', detail: '百度经度' });
  });
});
