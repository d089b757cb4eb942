/**
 * The CSV the app offers for download in the browser (layer:export without a path, then
 * renderer/api/files.ts downloadText) is byte for byte the file the desktop app and `siting export`
 * write: UTF-8 with a byte-order mark (so Excel reads Chinese text) and formula-like text cells
 * prefixed with an apostrophe (issue 10, defect 7).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { call, testHost } from '../helpers/host_handlers';

describe('CSV download in the browser', () => {
  it('carries the BOM and the formula guard, the same bytes as the file written to disk', async () => {
    const { dir, session, handlers } = testHost();
    await call(handlers, 'project:create', { path: join(dir, 'p.gpkg') });
    const csv = ['名称,类型,lon,lat,楼层', '"=HYPERLINK(""http://x"",""y"")",日间照料中心,-0.1276,51.5072,-1', '民意街日间照料中心,日间照料中心,114.2701234,30.6012345,2'].join('\n');
    const imported = await call(handlers, 'layer:import', { layer: 'facilities', file: { name: 'f.csv', dataBase64: Buffer.from(csv).toString('base64') }, options: {} });
    expect(imported.imported).toBe(2);

    const download = await call(handlers, 'layer:export', { layer: 'facilities', format: 'csv' });
    expect(download).toMatchObject({ name: 'facilities.csv', contentEncoding: 'utf8', count: 2 });
    // what downloadText hands to the browser: a Blob of the text, encoded as UTF-8
    const bytes = new Uint8Array(await new Blob([download.content as string], { type: 'text/csv;charset=utf-8' }).arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).split('\r\n');
    expect(lines[0]).toBe('\uFEFFfid,lon,lat,id,name,kind,status,capacity,beds,nursing_beds,floor_area_m2,floor_level,address,source,illustrative');
    expect(lines[1]).toBe(`1,-0.1276,51.5072,1,"'=HYPERLINK(""http://x"",""y"")",day_care,existing,,,,,-1,,,false`);

    const path = join(dir, 'facilities.csv');
    await call(handlers, 'layer:export', { layer: 'facilities', format: 'csv', path });
    expect(Buffer.from(bytes).equals(readFileSync(path))).toBe(true);
    session.close();
  });
});
