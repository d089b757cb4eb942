/**
 * Wrong and mixed text encodings: a CSV pasted together from a UTF-8 and a GBK file, a shapefile whose
 * .cpg claims UTF-8 over GBK text (both refused with the way out), and UTF-8 field values cut inside
 * a character by the writer (read without the broken tail); --encoding gbk forced on UTF-8 (warned).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../shared/errors';
import { parseLayerFile, parseLayerFiles } from '../../../electron/services/import/parse_layer_file';
import { FIXTURES, hasGdalTool, rejection } from './import_test_paths';
import { concatBytes } from './osm_test_files';

const scratch = mkdtempSync(path.join(tmpdir(), 'siting-encoding-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));


describe('text encodings', () => {
  it('a CSV mixing UTF-8 and GBK lines is refused naming a line of each; --encoding decides', async () => {
    const bytes = concatBytes([
      new TextEncoder().encode('名称,类型,经度,纬度\n民意街日间照料中心,日间照料中心,114.27,30.60\n'),
      new Uint8Array(iconv.encode('钟家村养老院,养老院,114.26,30.55\n', 'gbk')),
    ]);
    const error = await rejection(parseLayerFile('facilities', 'mixed.csv', bytes, {}));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(
      'mixed.csv, field encoding: the file mixes text encodings: line 1 is UTF-8 but line 3 is not (GBK?) (expected one encoding for the whole file: save it again as UTF-8, or name one with --encoding)',
    );
    const wrong = await rejection(parseLayerFile('facilities', 'mixed.csv', bytes, { encoding: 'utf-8' }));
    expect(wrong.message).toContain('the file is not valid UTF-8 although --encoding utf-8 was given');
  });

  it('--encoding gbk forced on a valid UTF-8 file with Chinese text is obeyed, with a warning in the report', async () => {
    const csv = 'id,name,kind,lon,lat\nA-1,民意街日间照料中心,day_care,114.27,30.60\n';
    const forced = await parseLayerFile('facilities', 'utf8.csv', new TextEncoder().encode(csv), { encoding: 'gbk' });
    expect(forced.detected.encoding).toBe('gbk');
    expect(forced.records[0].name).not.toBe('民意街日间照料中心');
    expect(forced.detected.warnings).toEqual([
      'utf8.csv: decoded as GBK as asked (--encoding gbk), but the file is valid UTF-8 with non-ASCII text (line 2 reads "A-1,民意街日间照料中心,day_care,114.27,30.60" in UTF-8), ' +
        'so its Chinese text is probably garbled; import it again without --encoding, or with --encoding utf-8',
    ]);
    const geojson = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: 'A-1', name: '民意街', kind: 'day_care' }, geometry: { type: 'Point', coordinates: [114.27, 30.6] } }] });
    const forcedJson = await parseLayerFile('facilities', 'utf8.geojson', new TextEncoder().encode(geojson), { encoding: 'gbk' });
    expect(forcedJson.detected.warnings?.[0]).toContain('utf8.geojson: decoded as GBK as asked (--encoding gbk), but the file is valid UTF-8 with non-ASCII text (line 1 reads "…","name":"民意街","kind":"day_care"},"geome…" in UTF-8)');
    // real GBK bytes, or ASCII-only text, under --encoding gbk: no warning
    const gbk = await parseLayerFile('facilities', 'gbk.csv', new Uint8Array(iconv.encode(csv, 'gbk')), { encoding: 'gbk' });
    expect(gbk.records[0].name).toBe('民意街日间照料中心');
    expect(gbk.detected.warnings).toBeUndefined();
    const ascii = await parseLayerFile('facilities', 'ascii.csv', new TextEncoder().encode('id,name,kind,lon,lat\nA-1,Minyi,day_care,114.27,30.60\n'), { encoding: 'gbk' });
    expect(ascii.detected.warnings).toBeUndefined();
  });

  // Runs only where ogr2ogr (Debian gdal-bin) is installed: it checks against GDAL itself; .ci/run installs it.
  it.runIf(hasGdalTool('ogr2ogr'))('a .cpg saying UTF-8 over GBK text is refused with --encoding gbk as the way out', async () => {
    const dir = path.join(scratch, 'lying_cpg');
    mkdirSync(dir);
    execFileSync('ogr2ogr', ['-f', 'ESRI Shapefile', '-lco', 'ENCODING=GBK', path.join(dir, 'f.shp'), path.join(FIXTURES, 'facilities_wuhan.geojson')]);
    const files = readdirSync(dir).map((name) => ({ name, bytes: name.endsWith('.cpg') ? new TextEncoder().encode('UTF-8') : readFileSync(path.join(dir, name)) }));
    const error = await rejection(parseLayerFiles('facilities', files, {}));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).location).toMatchObject({ file: 'f.dbf', feature: 0 });
    expect(error.message).toContain('the text is not valid UTF-8 although its .cpg file says UTF-8; the table is probably GBK');
    const fixed = await parseLayerFiles('facilities', files, { encoding: 'gbk' });
    expect(fixed.records[0].name).toBe('江汉区民意街日间照料中心');
  });

  // Runs only where ogr2ogr (Debian gdal-bin) is installed: it checks against GDAL itself; .ci/run installs it.
  it.runIf(hasGdalTool('ogr2ogr'))('UTF-8 values cut inside a character by a narrow field keep the whole characters', async () => {
    const dir = path.join(scratch, 'narrow');
    mkdirSync(dir);
    // 地址 is written into a 10-byte field: "武汉市江汉区民意街" (27 bytes) is cut inside 江 (bytes 10-12)
    execFileSync('ogr2ogr', ['-f', 'ESRI Shapefile', '-lco', 'ENCODING=UTF-8', path.join(dir, 'f.shp'), path.join(FIXTURES, 'facilities_wuhan.geojson'), '-sql', 'SELECT CAST("地址" AS character(10)) AS addr, "类型" AS kind FROM facilities_wuhan']);
    const files = readdirSync(dir).map((name) => ({ name, bytes: readFileSync(path.join(dir, name)) }));
    const parsed = await parseLayerFiles('facilities', files, { map: { address: 'addr' } });
    expect(parsed.detected.encoding).toBe('utf-8');
    expect(parsed.records[0].address).toBe('武汉市');
  });
});
