/**
 * The analysis worker's memory between runs (renderer/workers/worker_memory.ts) on the Wuhan sample:
 * the grid is sent once per version and kept; a run that sends only the version gets the same figures;
 * a version the worker does not hold is refused rather than answered from another grid.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readProjectSnapshot } from '../../../electron/services/store/project_snapshot';
import { ProjectStore } from '../../../electron/services/store/project_store';
import { loadSample } from '../../../electron/services/load_sample';
import { importLayer } from '../../../electron/services/import/import_into_project';
import { runAnalysisTask } from '../../../renderer/workers/analysis_task';
import { WorkerMemory } from '../../../renderer/workers/worker_memory';
import type { GridPayload } from '../../../renderer/workers/worker_inputs';
import { SAMPLE_DIR, tempDir } from '../../helpers/paths';

describe('the worker keeps the grid of a version across runs', () => {
  it('answers a run that sends only the version with the figures of the grid it holds, and refuses an unknown version', async () => {
    const store = ProjectStore.create(join(tempDir(), 'memory.gpkg'));
    await loadSample(store, 'wuhan-core');
    await importLayer(store, 'facilities', { path: join(SAMPLE_DIR, 'illustrative_facilities.csv') }, {});
    const snapshot = readProjectSnapshot(store);
    const { grid } = snapshot;
    const memory = new WorkerMemory();
    const run = (payload: GridPayload, radiusM: number) =>
      runAnalysisTask(
        { grid: payload, cellSize: null, facilities: [...snapshot.facilities], kinds: ['day_care', 'community_station'], roads: null, boundaries: null, options: { mode: 'circle', radiiM: [radiusM] }, serviceAreas: false },
        memory,
      );
    const sent: GridPayload = {
      key: 'v1',
      data: { count: grid.count, fid: grid.fid!.slice(), lon: grid.lon.slice(), lat: grid.lat.slice(), population: grid.population.slice(), elderly: grid.elderly.slice(), hasPopulation: true, hasElderly: true },
    };
    const first = run(sent, 1000);
    expect(first.gridKey).toBe('v1');
    expect(memory.gridKey).toBe('v1');
    const again = run({ key: 'v1', data: null }, 1000);
    expect(again.summary.thresholds).toEqual(first.summary.thresholds);
    expect(Array.from(again.fid)).toEqual(Array.from(grid.fid!));
    // Another radius on the held grid: the figures the same grid gives when sent afresh.
    const held800 = run({ key: 'v1', data: null }, 800).summary.thresholds[0].elderly;
    const fresh800 = runAnalysisTask(
      { grid: { ...sent, key: 'v2', data: { ...sent.data!, fid: grid.fid!.slice() } }, cellSize: null, facilities: [...snapshot.facilities], kinds: ['day_care', 'community_station'], roads: null, boundaries: null, options: { mode: 'circle', radiiM: [800] }, serviceAreas: false },
      new WorkerMemory(),
    ).summary.thresholds[0].elderly;
    expect(held800).toEqual(fresh800);
    expect(held800.covered).toBeLessThan(first.summary.thresholds[0].elderly.covered);
    expect(() => run({ key: 'v0', data: null }, 1000)).toThrow('the worker holds no population grid of version v0; send the grid again');
    store.close();
  });
});
