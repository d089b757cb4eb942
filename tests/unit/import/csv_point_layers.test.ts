import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { Candidate, Facility } from '../../../shared/schemas/entities';
import { parseLayerFile } from '../../../electron/services/import/parse_layer_file';
import { readTestData, testData } from './import_test_paths';

const STORES = 'spopt_sf/SF_store_site_16_longlat.csv';
const scratch = mkdtempSync(path.join(tmpdir(), 'siting-csv-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Store rows straight from the text: "", OBJECTID, NAME, long, lat (all quoted or numeric). */
function rawStores(): { objectId: string; name: string; lon: number; lat: number }[] {
  return readFileSync(testData(STORES), 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => {
      const [, objectId, name, lon, lat] = line.split(',').map((c) => c.replace(/^"|"$/g, ''));
      return { objectId, name, lon: Number(lon), lat: Number(lat) };
    });
}

describe('CSV facility and candidate lists (spopt San Francisco stores)', () => {
  it('imports the 16 stores as facilities with a default kind', async () => {
    const parsed = await parseLayerFile('facilities', 'SF_store_site_16_longlat.csv', readTestData(STORES), { kind: 'other' });
    const raw = rawStores();
    expect(parsed.records).toHaveLength(16);
    expect(parsed.detected.mapping).toEqual({ id: 'OBJECTID', name: 'NAME', lon: 'long', lat: 'lat' });
    expect(parsed.detected.columns).toEqual(['', 'OBJECTID', 'NAME', 'long', 'lat']);
    parsed.records.forEach((facility, i) => {
      Facility.parse(facility);
      expect(facility).toEqual({
        id: raw[i].objectId,
        name: raw[i].name,
        kind: 'other',
        status: 'existing',
        lon: raw[i].lon,
        lat: raw[i].lat,
        capacity: null,
        beds: null,
        nursingBeds: null,
        floorAreaM2: null,
        floorLevel: null,
        address: null,
        source: null,
        illustrative: false,
      });
    });
    expect(parsed.records.map((f) => f.name)).toContain('Store_19');
  });

  it('imports the same file as candidate sites', async () => {
    const parsed = await parseLayerFile('candidates', 'SF_store_site_16_longlat.csv', readTestData(STORES), {});
    expect(parsed.records).toHaveLength(16);
    for (const candidate of parsed.records) Candidate.parse(candidate);
    expect(parsed.records[7]).toMatchObject({ id: '8', name: 'Store_11', lon: -122.433781818, lat: 37.6553636360001 });
  });

  it('reads a candidate site capacity (托位数) and leaves it null where blank', async () => {
    const text = '编号,名称,经度,纬度,建筑面积,楼层,托位数\r\nC1,空置厂房,114.27,30.60,450,1,40\r\nC2,社区用房,114.28,30.61,320,2,\r\n';
    const parsed = await parseLayerFile('candidates', 'candidates.csv', new TextEncoder().encode(text), {});
    for (const candidate of parsed.records) Candidate.parse(candidate);
    expect(parsed.records.map((c) => [c.id, c.floorAreaM2, c.floorLevel, c.capacity])).toEqual([
      ['C1', 450, 1, 40],
      ['C2', 320, 2, null],
    ]);
  });
});

describe('Chinese spreadsheets: GBK, UTF-8 with BOM, UTF-16 "Unicode text", Chinese headers and labels', () => {
  const header = '编号,名称,类型,经度,纬度,床位数,护理型床位,建筑面积(㎡),楼层,地址,状态';
  const rows = [
    'A01,汉兴街日间照料中心,日间照料中心,114.2651,30.6012,30,12,"1,250.5",1,江汉区汉兴街12号,现状',
    'A02,常青花园社区养老服务站,社区养老服务站,114.2312,30.6344,,,320,2,,规划',
    'A03,武汉市第一社会福利院,养老院,114.3004,30.5921,400,220,18000,,"洪山区""福利路""8号",',
    'A04,唐家墩社康,社区卫生服务中心,114.2455,30.6170,,,,-1,,建议',
    'A05,长者食堂（试点）,长者食堂,114.2519,30.6088,,,85.5,1,,',
  ];
  const text = [header, ...rows].join('\r\n') + '\r\n';
  const expected = [
    { id: 'A01', name: '汉兴街日间照料中心', kind: 'day_care', beds: 30, nursingBeds: 12, floorAreaM2: 1250.5, floorLevel: 1, address: '江汉区汉兴街12号', status: 'existing' },
    { id: 'A02', name: '常青花园社区养老服务站', kind: 'community_station', beds: null, nursingBeds: null, floorAreaM2: 320, floorLevel: 2, address: null, status: 'planned' },
    { id: 'A03', name: '武汉市第一社会福利院', kind: 'care_home', beds: 400, nursingBeds: 220, floorAreaM2: 18000, floorLevel: null, address: '洪山区"福利路"8号', status: 'existing' },
    { id: 'A04', name: '唐家墩社康', kind: 'health_station', floorLevel: -1, status: 'proposed' },
    { id: 'A05', name: '长者食堂（试点）', kind: 'canteen', floorAreaM2: 85.5 },
  ];

  it('decodes a GBK file (Excel on Chinese Windows) and maps Chinese headers and labels', async () => {
    const file = path.join(scratch, '养老设施_gbk.csv');
    writeFileSync(file, iconv.encode(text, 'gbk'));
    const bytes = readFileSync(file);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const parsed = await parseLayerFile('facilities', '养老设施_gbk.csv', bytes, { illustrative: true });
    expect(parsed.detected.encoding).toBe('gbk');
    expect(parsed.detected.mapping).toMatchObject({
      id: '编号',
      name: '名称',
      kind: '类型',
      lon: '经度',
      lat: '纬度',
      beds: '床位数',
      nursing_beds: '护理型床位',
      floor_area_m2: '建筑面积(㎡)',
      floor_level: '楼层',
      address: '地址',
      status: '状态',
    });
    expect(parsed.records).toHaveLength(5);
    parsed.records.forEach((record, i) => expect(record).toMatchObject({ ...expected[i], illustrative: true }));
    for (const record of parsed.records) Facility.parse(record);
  });

  it('gives the same records from UTF-8 with BOM, UTF-16LE with BOM and an explicit --encoding', async () => {
    const gbk = await parseLayerFile('facilities', 'a.csv', iconv.encode(text, 'gbk'), {});
    const bom = await parseLayerFile('facilities', 'a.csv', new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]), {});
    expect(bom.detected.encoding).toBe('utf-8');
    expect(bom.detected.columns[0]).toBe('编号');
    expect(bom.records).toEqual(gbk.records);
    const utf16 = await parseLayerFile('facilities', 'a.txt', iconv.encode(text.replace(/,/g, '\t').replace('"1\t250.5"', '1250.5'), 'utf-16le', { addBOM: true }), {});
    expect(utf16.detected.encoding).toBe('utf-16le');
    expect(utf16.records.map((r) => r.name)).toEqual(gbk.records.map((r) => r.name));
    const forced = await parseLayerFile('facilities', 'a.csv', iconv.encode(text, 'gb18030'), { encoding: 'GB18030' });
    expect(forced.detected.encoding).toBe('gb18030');
    expect(forced.records).toEqual(gbk.records);
  });

  it('takes kinds from --kind for rows with an empty kind cell, and semicolon-separated files', async () => {
    const csv = 'name;lon;lat;kind\n站点一;114.1;30.1;\n站点二;114.2;30.2;hospital\n\n';
    const parsed = await parseLayerFile('facilities', 'semi.csv', new TextEncoder().encode(csv), { kind: 'day_care' });
    expect(parsed.records.map((r) => [r.id, r.kind])).toEqual([
      ['1', 'day_care'],
      ['2', 'hospital'],
    ]);
    expect(parsed.skippedCount).toBe(1);
  });
});

describe('CSV row numbering and blank lines', () => {
  it('skips blank lines, counts and lists them in one reason, and keeps row numbers as data rows', async () => {
    const csv = 'cell_id,lon,lat,pop\n\na,114.1,30.1,5\n , , , \nb,114.2,30.2,7\n';
    const parsed = await parseLayerFile('population', 'gaps.csv', new TextEncoder().encode(csv), {});
    expect(parsed.records.map((r) => [r.cellId, r.population])).toEqual([
      ['a', 5],
      ['b', 7],
    ]);
    expect(parsed.skippedCount).toBe(2);
    expect(parsed.skipped).toEqual([
      {
        reason: '2 blank rows (no value in any column): rows 1, 3 [row = 1-based data row after the header]',
        count: 2,
        code: 'blank_rows',
        params: { count: 2, rows: '1, 3' },
      },
    ]);
    const noIds = await parseLayerFile('population', 'n.csv', new TextEncoder().encode('lon,lat,pop\n\n114.1,30.1,5\n114.2,30.2,7'), {});
    expect(noIds.records.map((r) => r.cellId)).toEqual(['2', '3']);
  });
});
