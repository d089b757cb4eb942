import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contract, type Handlers, type ImportJobStatus } from '../../shared/ipc/contract';
import { decodeSnapshot } from '../../shared/snapshot/snapshot_codec';
import { dispatch } from '../../electron/ipc/dispatch';
import { SAMPLE_DIR } from '../helpers/paths';
import { readGridCsv } from '../helpers/read_grid_csv';
import { testData } from '../helpers/test_data';
import { call, testHost } from '../helpers/host_handlers';


describe('API handlers over a real sample project', () => {
  it('creates the sample, imports facilities, and hands compact analysis inputs to a worker', async () => {
    const { dir, session, handlers } = testHost();
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
    const snapshotReply = await dispatch(handlers, 'project:snapshot:get', { parts: ['grid'] });
    const grid = decodeSnapshot(contract['project:snapshot:get'].output.parse((snapshotReply as { value: unknown }).value)).grid!.data!;
    expect(grid.count).toBe(24470);
    const { elderly, lon } = grid;
    const plain = readGridCsv(join(SAMPLE_DIR, 'wuhan_core_grid_100m.csv'));
    expect(elderly.reduce((a, b) => a + b, 0)).toBeCloseTo(plain.reduce((a, c) => a + c.pop60plus, 0), 6);
    expect(lon[0]).toBe(plain[0].lon);
    expect(inputs.facilities.map((f) => f.id)).toEqual(['demo-1', 'demo-2', 'demo-3', 'demo-4']);
    expect(inputs.boundaries?.[0].name).toBe('武汉市');
    expect(grid.cellSize?.cellWidthDeg).toBeCloseTo(1 / 1200, 8);
    session.close();
  });

  it('previews an import with the remembered mapping and exports GeoPackage as base64', async () => {
    const { dir, session, handlers } = testHost();
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

/** The ten WorldPop age/sex bands of Wuhan (1662 x 1668 cells each; their sum is the 60+ count). */
const BANDS = testData('wuhan/worldpop_agesex_60plus');
const bandUploads = () => ({
  files: readdirSync(BANDS)
    .filter((name) => name.endsWith('.tif'))
    .sort()
    .map((name) => ({ name, dataBase64: readFileSync(join(BANDS, name)).toString('base64') })),
});
const SAMPLE_CELLS = 24_470;
const WUHAN_60_CELLS = 494_676;

async function sampleSession() {
  const { dir, session, handlers } = testHost();
  await call(handlers, 'project:create', { path: join(dir, 'w.gpkg'), sample: 'wuhan-core' });
  const imports = async () => (await call(handlers, 'audit:list', { limit: 10_000 })).filter((entry) => entry.action === 'import');
  return { session, handlers, imports };
}

/** Polls the job every 20 ms until `until(status)` holds or it has ended; every status seen. */
async function pollJob(handlers: Handlers, jobId: string, until: (status: ImportJobStatus) => boolean): Promise<ImportJobStatus[]> {
  const seen: ImportJobStatus[] = [];
  for (;;) {
    const status = await call(handlers, 'layer:import:status', { jobId });
    seen.push(status);
    if (status.state !== 'running' || until(status)) return seen;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('import jobs: real progress, and cancel that writes nothing (real Wuhan 60+ bands)', () => {
  it('reports progress through parse and write, and refuses a second import while one runs', async () => {
    const { session, handlers, imports } = await sampleSession();
    const before = (await imports()).length;
    const started = await call(handlers, 'layer:import:start', { layer: 'population', file: bandUploads(), options: { replace: true } });
    expect(started).toMatchObject({ state: 'running', layer: 'population', progress: 0 });
    const second = await dispatch(handlers, 'layer:import:start', { layer: 'facilities', file: { path: join(SAMPLE_DIR, 'illustrative_facilities.csv') }, options: {} });
    expect(second).toMatchObject({ ok: false, error: { code: 'bad_input', message: expect.stringContaining('another import is still running'), reason: 'import_running' } });
    const seen = await pollJob(handlers, started.jobId, () => false);
    const last = seen[seen.length - 1];
    expect(last).toMatchObject({ state: 'done', progress: 1, report: { imported: WUHAN_60_CELLS, format: 'geotiff' } });
    const fractions = seen.map((s) => s.progress);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.filter((f) => f > 0 && f < 0.6).length).toBeGreaterThan(2);
    expect(seen.some((s) => s.phase === 'writing' && s.progress > 0.6 && s.progress < 1)).toBe(true);
    expect((await call(handlers, 'project:current:get', {}))?.counts.population).toBe(WUHAN_60_CELLS);
    expect((await imports()).length).toBe(before + 1);
    session.close();
  });

  it('cancel while parsing: nothing written, no audit entry, the sample grid stays', async () => {
    const { session, handlers, imports } = await sampleSession();
    const before = await imports();
    const started = await call(handlers, 'layer:import:start', { layer: 'population', file: bandUploads(), options: { replace: true } });
    const seen = await pollJob(handlers, started.jobId, (s) => s.phase === 'parsing' && s.progress > 0.1);
    expect(seen[seen.length - 1]).toMatchObject({ state: 'running', phase: 'parsing' });
    expect((await call(handlers, 'layer:import:cancel', { jobId: started.jobId })).cancelRequested).toBe(true);
    const ended = (await pollJob(handlers, started.jobId, () => false)).pop();
    expect(ended).toMatchObject({ state: 'cancelled', report: null, error: null });
    expect((await call(handlers, 'project:current:get', {}))?.counts.population).toBe(SAMPLE_CELLS);
    expect(await imports()).toEqual(before);
    session.close();
  });

  it('cancel while writing: the transaction is rolled back, the replaced grid comes back whole', async () => {
    const { session, handlers, imports } = await sampleSession();
    const before = await imports();
    const elderlyBefore = session.demandGrid().elderly.reduce((a, b) => a + b, 0);
    const started = await call(handlers, 'layer:import:start', { layer: 'population', file: bandUploads(), options: { replace: true } });
    const seen = await pollJob(handlers, started.jobId, (s) => s.phase === 'writing' && s.progress > 0.65);
    const atCancel = seen[seen.length - 1];
    expect(atCancel).toMatchObject({ state: 'running', phase: 'writing' });
    expect(atCancel.progress).toBeLessThan(1);
    await call(handlers, 'layer:import:cancel', { jobId: started.jobId });
    const ended = (await pollJob(handlers, started.jobId, () => false)).pop();
    expect(ended?.state).toBe('cancelled');
    expect((await call(handlers, 'project:current:get', {}))?.counts.population).toBe(SAMPLE_CELLS);
    session.invalidate();
    expect(session.demandGrid().elderly.reduce((a, b) => a + b, 0)).toBeCloseTo(elderlyBefore, 6);
    expect(await imports()).toEqual(before);
    session.close();
  });

  it('other calls wait while an import writes, so they never see half of it', async () => {
    const { session, handlers } = await sampleSession();
    const started = await call(handlers, 'layer:import:start', { layer: 'population', file: bandUploads(), options: { replace: true } });
    await pollJob(handlers, started.jobId, (s) => s.phase === 'writing');
    const info = await call(handlers, 'project:current:get', {});
    expect(info?.counts.population).toBe(WUHAN_60_CELLS);
    expect((await call(handlers, 'layer:import:status', { jobId: started.jobId })).state).toBe('done');
    session.close();
  });

  it('population into a non-empty layer is refused without replace or append; append refuses known cell ids', async () => {
    const { session, handlers, imports } = await sampleSession();
    const before = await imports();
    const file = { path: join(SAMPLE_DIR, 'wuhan_core_grid_100m.csv') };
    const again = await dispatch(handlers, 'layer:import', { layer: 'population', file, options: {} });
    expect(again).toMatchObject({ ok: false, error: { code: 'bad_input', reason: 'population_not_empty', params: { count: 24470 } } });
    expect((again as { error: { message: string } }).error.message).toMatch(/^wuhan_core_grid_100m\.csv, field layer: the population layer already holds 24,470 cells; .*--replace.*--append/);
    const appended = await dispatch(handlers, 'layer:import', { layer: 'population', file, options: { append: true } });
    expect(appended).toMatchObject({ ok: false, error: { reason: 'population_cell_exists', params: { id: '0' } } });
    expect((appended as { error: { message: string } }).error.message).toMatch(/^wuhan_core_grid_100m\.csv, row 1, field cell_id: cell_id "0" is already in the population layer/);
    expect((await call(handlers, 'project:current:get', {}))?.counts.population).toBe(SAMPLE_CELLS);
    expect(await imports()).toEqual(before);
    const replaced = await call(handlers, 'layer:import', { layer: 'population', file, options: { replace: true } });
    expect(replaced.imported).toBe(SAMPLE_CELLS);
    expect((await call(handlers, 'project:current:get', {}))?.counts.population).toBe(SAMPLE_CELLS);
    session.close();
  });
});
