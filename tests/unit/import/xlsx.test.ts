/**
 * XLSX workbooks written with exceljs the way planning offices keep them: Chinese headers with units,
 * coordinates in columns (WGS84 or GCJ-02), a WKT column on another sheet, formulas and error cells.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../shared/errors';
import { wgs84ToGcj02 } from '../../../shared/geodesy/gcj02';
import { haversineM } from '../../../shared/geodesy/haversine';
import { parseLayerFile } from '../../../electron/services/import/parse_layer_file';
import { FIXTURES, rejection } from './import_test_paths';

interface FixtureFacility {
  properties: Record<string, string | number>;
  geometry: { coordinates: [number, number] };
}
const facilities = (): FixtureFacility[] => JSON.parse(readFileSync(path.join(FIXTURES, 'facilities_wuhan.geojson'), 'utf8')).features;

async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

function facilitySheet(wb: ExcelJS.Workbook, name: string, position: (lon: number, lat: number) => [number, number]): void {
  const sheet = wb.addWorksheet(name);
  sheet.addRow(['编号', '名称', '类型', '经度', '纬度', '床位', '建筑面积(㎡)', '地址']);
  for (const f of facilities()) {
    const [x, y] = position(...f.geometry.coordinates);
    const p = f.properties;
    sheet.addRow([p['编号'], p['名称'], p['类型'], x, y, p['床位'], p['建筑面积'], p['地址']]);
  }
}

describe('XLSX workbooks', () => {
  it('reads the first sheet: Chinese headers (units in brackets), numbers with every digit, blank rows counted', async () => {
    const bytes = await workbook((wb) => {
      facilitySheet(wb, '设施', (lon, lat) => [lon, lat]);
      wb.getWorksheet('设施')!.addRow([]);
      wb.addWorksheet('说明').addRow(['数据来源: 示意']);
    });
    const parsed = await parseLayerFile('facilities', 'facilities.xlsx', bytes, {});
    expect(parsed.format).toBe('xlsx');
    expect(parsed.detected).toMatchObject({
      crs: 'EPSG:4326',
      sourceLayers: ['设施', '说明'],
      mapping: { id: '编号', name: '名称', kind: '类型', lon: '经度', lat: '纬度', beds: '床位', floor_area_m2: '建筑面积(㎡)', address: '地址' },
    });
    const original = facilities();
    expect(parsed.records.map((f) => [f.id, f.kind, f.lon, f.lat, f.beds, f.floorAreaM2])).toEqual(
      original.map((f) => [f.properties['编号'], expect.any(String), ...f.geometry.coordinates, f.properties['床位'], f.properties['建筑面积']]),
    );
    expect(parsed.records[2].kind).toBe('care_home');
  });

  it('--sheet picks a sheet: GCJ-02 coordinates with --crs gcj02, a WKT column for boundaries', async () => {
    const bytes = await workbook((wb) => {
      wb.addWorksheet('封面').addRow(['武汉市养老设施']);
      facilitySheet(wb, '高德坐标', (lon, lat) => wgs84ToGcj02(lon, lat));
      const areas = wb.addWorksheet('街道');
      areas.addRow(['名称', '级别', 'WKT']);
      areas.addRow(['民意街道', '街道', 'POLYGON ((114.26 30.59, 114.28 30.59, 114.28 30.61, 114.26 30.61, 114.26 30.59))']);
    });
    const gcj = await parseLayerFile('facilities', 'amap.xlsx', bytes, { sheet: '高德坐标', crs: 'gcj02' });
    expect(gcj.detected.crs).toBe('GCJ02');
    gcj.records.forEach((f, i) => expect(haversineM(f.lon, f.lat, ...facilities()[i].geometry.coordinates)).toBeLessThan(0.5));
    const streets = await parseLayerFile('boundaries', 'amap.xlsx', bytes, { sheet: '街道' });
    expect(streets.records[0]).toMatchObject({ name: '民意街道', level: 'street' });
    expect(streets.records[0].geometry.coordinates[0][0]).toHaveLength(5);
    const first = await rejection(parseLayerFile('facilities', 'amap.xlsx', bytes, {}));
    expect(first.message).toBe('amap.xlsx, field sheet: no data rows: sheet "封面" has no rows below its first row; other sheets: 高德坐标, 街道 (choose one with --sheet)');
    const missing = await rejection(parseLayerFile('facilities', 'amap.xlsx', bytes, { sheet: 'Sheet1' }));
    expect(missing.message).toBe('amap.xlsx, field sheet: there is no sheet "Sheet1"; sheets: 封面, 高德坐标, 街道 (expected 封面, 高德坐标, 街道)');
  });

  it('formulas give their saved results; error cells and formulas without results are reported by row and column', async () => {
    const bytes = await workbook((wb) => {
      const sheet = wb.addWorksheet('设施');
      sheet.addRow(['名称', '类型', '经度', '纬度', '床位']);
      sheet.addRow(['A', '养老院', 114.27, 30.6, { formula: '20*4', result: 80 }]);
      sheet.addRow(['B', '养老院', 114.28, 30.61, { error: '#N/A' }]);
    });
    const error = await rejection(parseLayerFile('facilities', 'f.xlsx', bytes, {}));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).location).toMatchObject({ file: 'f.xlsx', row: 2, field: '床位' });
    expect(error.message).toContain('"#N/A" is not a number');
    const fixed = await workbook((wb) => {
      const sheet = wb.addWorksheet('设施');
      sheet.addRow(['名称', '类型', '经度', '纬度', '床位']);
      sheet.addRow(['A', '养老院', 114.27, 30.6, { formula: '20*4', result: 80 }]);
    });
    expect((await parseLayerFile('facilities', 'f.xlsx', fixed, {})).records[0].beds).toBe(80);
    const unsaved = await workbook((wb) => {
      const sheet = wb.addWorksheet('设施');
      sheet.addRow(['名称', '类型', '经度', '纬度', '床位']);
      sheet.addRow(['A', '养老院', 114.27, 30.6, { formula: 'E1*2' }]);
    });
    const noResult = await rejection(parseLayerFile('facilities', 'u.xlsx', unsaved, {}));
    expect(noResult.message).toContain('u.xlsx: sheet "设施", cell E2: the formula =E1*2 has no saved result');
  });

  it('empty sheets, cut-off workbooks and old .xls files are refused with advice', async () => {
    const bytes = await workbook((wb) => {
      wb.addWorksheet('空');
      facilitySheet(wb, '设施', (lon, lat) => [lon, lat]);
    });
    const empty = await rejection(parseLayerFile('facilities', 'e.xlsx', bytes, {}));
    expect(empty.message).toBe('e.xlsx, field sheet: no data rows: sheet "空" is empty; other sheets: 设施 (choose one with --sheet)');
    const cut = await rejection(parseLayerFile('facilities', 'cut.xlsx', bytes.subarray(0, bytes.length - 300), {}));
    expect(cut.message).toMatch(/^cut\.xlsx: (cannot read the workbook|not a readable ZIP archive)/);
    const xls = await rejection(parseLayerFile('facilities', 'old.xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3, 4]), {}));
    expect(xls.message).toBe('old.xls: old Excel .xls workbooks cannot be read (expected the workbook saved as .xlsx or as CSV (UTF-8))');
  });
});
