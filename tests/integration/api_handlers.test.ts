import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contract } from '../../shared/ipc/contract';
import { createHandlers } from '../../electron/services/api_handlers';
import { ProjectSession } from '../../electron/services/project_session';
import { dispatch } from '../../electron/ipc/dispatch';
import { SAMPLE_DIR, tempDir } from '../helpers/paths';
import { readGridCsv } from '../helpers/read_grid_csv';

function decodeFloat64(base64: string): Float64Array {
  const bytes = Buffer.from(base64, 'base64');
  return new Float64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 8);
}

describe('API handlers over a real sample project', () => {
  it('creates the sample, imports facilities, and hands compact analysis inputs to a worker', async () => {
    const dir = tempDir();
    process.env.SITING_CONFIG_DIR = join(dir, 'config');
    const session = new ProjectSession();
    const handlers = createHandlers(session, { host: 'browser', version: 'test', dialogs: null });
    const created = await dispatch(handlers, 'project:create', { path: join(dir, 'w.gpkg'), sample: 'wuhan-core' });
    expect(created.ok).toBe(true);
    const imported = await dispatch(handlers, 'layer:import', {
      layer: 'facilities',
      file: { name: 'illustrative_facilities.csv', dataBase64: readFileSync(join(SAMPLE_DIR, 'illustrative_facilities.csv')).toString('base64') },
      options: {},
    });
    expect(imported).toMatchObject({ ok: true, value: { imported: 5 } });

    const reply = await dispatch(handlers, 'analysis:inputs:get', { boundaries: true });
    expect(reply.ok).toBe(true);
    const inputs = contract['analysis:inputs:get'].output.parse((reply as { value: unknown }).value);
    expect(inputs.grid.count).toBe(24470);
    const elderly = decodeFloat64(inputs.grid.elderly);
    const lon = decodeFloat64(inputs.grid.lon);
    const plain = readGridCsv(join(SAMPLE_DIR, 'wuhan_core_grid_100m.csv'));
    expect(elderly.reduce((a, b) => a + b, 0)).toBeCloseTo(plain.reduce((a, c) => a + c.pop60plus, 0), 6);
    expect(lon[0]).toBe(plain[0].lon);
    expect(inputs.facilities.map((f) => f.id)).toEqual(['demo-1', 'demo-2', 'demo-3', 'demo-4']);
    expect(inputs.boundaries?.[0].name).toBe('武汉市');
    expect(inputs.cellSize?.cellWidthDeg).toBeCloseTo(1 / 1200, 8);
    session.close();
  });

  it('previews an import with the remembered mapping and exports GeoPackage as base64', async () => {
    const dir = tempDir();
    process.env.SITING_CONFIG_DIR = join(dir, 'config');
    const session = new ProjectSession();
    const handlers = createHandlers(session, { host: 'browser', version: 'test', dialogs: null });
    await dispatch(handlers, 'project:create', { path: join(dir, 'w.gpkg') });
    const file = { path: join(SAMPLE_DIR, 'wuhan_core_grid_100m.csv') };
    const map = { population: 'pop20plus', elderly: 'pop60plus' };
    const first = await dispatch(handlers, 'layer:import:preview', { layer: 'population', file, options: {} });
    expect(first).toMatchObject({ ok: true, value: { format: 'csv', rowCount: 24470, rememberedMap: null } });
    expect(await dispatch(handlers, 'layer:import', { layer: 'population', file, options: { map } })).toMatchObject({ ok: true, value: { imported: 24470 } });
    const second = await dispatch(handlers, 'layer:import:preview', { layer: 'population', file, options: {} });
    expect(second).toMatchObject({ ok: true, value: { rememberedMap: map } });
    const exported = await dispatch(handlers, 'layer:export', { layer: 'population', format: 'gpkg' });
    expect(exported).toMatchObject({ ok: true, value: { contentEncoding: 'base64', count: 24470, crs: 'EPSG:4326' } });
    const bytes = Buffer.from((exported as { value: { content: string } }).value.content, 'base64');
    expect(bytes.subarray(0, 15).toString('latin1')).toBe('SQLite format 3');
    session.close();
  });
});
