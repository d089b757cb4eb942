/**
 * The accessibility use case (shared/usecases/accessibility_analysis.ts) on the Wuhan sample with its
 * illustrative facilities: the facilities of the kinds are counted, the settings are checked against
 * the one schema's limits before anything runs, and the result echoes what it used.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importLayer } from '../../../electron/services/import/import_into_project';
import { loadSample } from '../../../electron/services/load_sample';
import { readProjectSnapshot } from '../../../electron/services/store/project_snapshot';
import { ProjectStore } from '../../../electron/services/store/project_store';
import { haversineM } from '../../../shared/geodesy/haversine';
import { analyseProjectAccessibility } from '../../../shared/usecases/accessibility_analysis';
import type { ProjectSnapshot } from '../../../shared/usecases/project_snapshot';
import { SAMPLE_DIR, tempDir } from '../../helpers/paths';

let snapshot: ProjectSnapshot;

beforeAll(async () => {
  const store = ProjectStore.create(join(tempDir(), 'access.gpkg'));
  await loadSample(store, 'wuhan-core');
  await importLayer(store, 'facilities', { path: join(SAMPLE_DIR, 'illustrative_facilities.csv') }, {});
  snapshot = readProjectSnapshot(store);
});

describe('accessibility analysis: one use case', () => {
  it('counts the facilities of the kinds only, with coverage equal to a cell-by-cell count', () => {
    const { result, facilities } = analyseProjectAccessibility(snapshot, { mode: 'circle', radiiM: [800], capacity: true }, ['day_care']);
    expect(facilities.map((f) => f.kind)).toEqual(facilities.map(() => 'day_care'));
    expect(facilities.length).toBeGreaterThan(0);
    expect(facilities.length).toBeLessThan(snapshot.facilities.length);
    const { grid } = snapshot;
    let covered = 0;
    for (let i = 0; i < grid.count; i++) if (facilities.some((f) => haversineM(f.lon, f.lat, grid.lon[i], grid.lat[i]) <= 800)) covered += grid.elderly[i];
    expect(result.thresholds[0].elderly.covered).toBeCloseTo(covered, 6);
    expect(result.parameters).toEqual({ mode: 'circle', speedMps: null, stepsFactor: null, maxSnapM: null, statisticsHorizonFactor: null, uptakeRate: 0.03 });
  });

  it('refuses settings outside the schema limits, naming the setting, before anything runs', () => {
    expect(() => analyseProjectAccessibility(snapshot, { mode: 'circle', radiiM: [0] }, ['day_care'])).toThrow('field radiiM.0: radiiM.0 must be metres in (0, 100000], got 0');
    expect(() => analyseProjectAccessibility(snapshot, { mode: 'circle', capacity: true, uptakeRate: 0 }, ['day_care'])).toThrow(
      'field uptakeRate: uptakeRate must be a share in (0, 1], e.g. 0.03, got 0',
    );
    expect(() => analyseProjectAccessibility(snapshot, { mode: 'network', minutes: [15] }, ['day_care'])).toThrow('network mode needs a roads layer');
  });
});
