/**
 * A study area in network mode, on the real Gothenburg OSM network with the fixture's made-up demand
 * grid (gothenburg_fixture.ts; no population raster exists for Gothenburg) and an ILLUSTRATIVE study
 * polygon drawn here: the study area's cells keep the walking times the whole-project run gives them
 * (the snaps are the full grid's, cut down), so the limited figures equal the whole run's covered
 * mask summed over the cells Turf finds inside.
 */
import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import type { AreaInput } from '../../../shared/engine/areas/area_coverage';
import { analyseProjectAccessibility } from '../../../shared/usecases/accessibility_analysis';
import { walkNetworkFromRoads, type ProjectSnapshot } from '../../../shared/usecases/project_snapshot';
import { gothenburgGrid, gothenburgRoads, randomFacilities } from '../engine_network/gothenburg_fixture';

describe('study area in network mode', () => {
  it('gives every inside cell the walking coverage of the whole-project run', () => {
    const { grid } = gothenburgGrid(250, 7);
    const roads = gothenburgRoads();
    // Made-up facilities: the fixture's random ones plus two inside the study area and one just outside it.
    const made = [...randomFacilities(12, 3), { id: 'in-a', lon: 11.96, lat: 57.7, capacity: 30 }, { id: 'in-b', lon: 11.945, lat: 57.712, capacity: 30 }, { id: 'out', lon: 12.015, lat: 57.7, capacity: 30 }];
    const facilities = made.map((f) => ({ ...f, name: f.id, kind: 'day_care' as const, origin: 'facility' as const }));
    // ILLUSTRATIVE study area: a made-up pentagon over central Gothenburg (not a real district).
    const ring = [[11.93, 57.69], [11.99, 57.68], [12.01, 57.71], [11.97, 57.73], [11.925, 57.715], [11.93, 57.69]];
    const area: AreaInput = { id: 'centre', name: 'centre (illustrative)', level: 'district', urban: true, geometry: { type: 'MultiPolygon', coordinates: [[ring]] } };
    const snapshot = (): ProjectSnapshot => ({ grid, facilities, candidates: [], boundaries: [area], cellSize: null, network: walkNetworkFromRoads(() => roads, grid) });
    const options = { mode: 'network' as const, minutes: [10] };
    const whole = analyseProjectAccessibility(snapshot(), options, ['day_care']);
    const limited = analyseProjectAccessibility(snapshot(), { ...options, studyArea: ['centre'] }, ['day_care']);
    const polygon = turf.polygon([ring]);
    let cells = 0, elderly = 0, covered = 0, coveredCells = 0;
    for (let i = 0; i < grid.count; i++) {
      if (!turf.booleanPointInPolygon([grid.lon[i], grid.lat[i]], polygon)) continue;
      cells++;
      elderly += grid.elderly[i];
      if (whole.result.coveredLargest[i] === 1) {
        coveredCells++;
        covered += grid.elderly[i];
      }
    }
    expect(cells).toBeGreaterThan(100);
    expect(limited.grid.count).toBe(cells);
    expect(limited.result.thresholds[0].cells).toEqual({ total: cells, covered: coveredCells });
    expect(limited.result.thresholds[0].elderly.total).toBeCloseTo(elderly, 6);
    expect(limited.result.thresholds[0].elderly.covered).toBeCloseTo(covered, 6);
    expect(coveredCells).toBeGreaterThan(0);
    expect(coveredCells).toBeLessThan(cells);
  }, 120_000);
});
