/**
 * Failing units are named by name and by id: community names repeat across streets (two 新村社区), so
 * the map hatches the unit by its id in the boundaries layer, never every unit of that name.
 */
import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { AreaInput } from '../../../shared/engine/areas/area_coverage';
import { demandGridFromRecords } from '../../../shared/engine/demand_grid';
import { PRESETS } from '../../../shared/rules/presets';
import { checkDistrict, type DistrictFacility } from '../../../shared/usecases/check_district';
import { failingUnitFeatures } from '../../../renderer/map/review_overlay';

const square = (w: number, s: number, size: number): AreaInput['geometry'] => ({
  type: 'MultiPolygon',
  coordinates: [[[[w, s], [w + size, s], [w + size, s + size], [w, s + size], [w, s]]]],
});

// Two urban communities of the same name in two streets; only the western one has a day-care centre.
const COMMUNITIES: AreaInput[] = [
  { id: 'west-xincun', name: '新村社区', level: 'community', urban: true, geometry: square(114.20, 30.50, 0.01) },
  { id: 'east-xincun', name: '新村社区', level: 'community', urban: true, geometry: square(114.30, 30.50, 0.01) },
  { id: 'east-hexie', name: '和谐社区', level: 'community', urban: true, geometry: square(114.32, 30.50, 0.01) },
];
const CENTRE: DistrictFacility = { id: 'f1', name: '西新村日间照料中心', kind: 'day_care', status: 'existing', lon: 114.205, lat: 30.505, beds: null, nursingBeds: null };
const HEXIE: DistrictFacility = { ...CENTRE, id: 'f2', name: '和谐社区服务站', kind: 'community_station', lon: 114.325 };

describe('failing units by id', () => {
  const grid = demandGridFromRecords(COMMUNITIES.map((c) => ({ lon: c.geometry.coordinates[0][0][0][0] + 0.005, lat: 30.505, population: 100, elderly: 20 })));
  const snapshot = { grid, facilities: [], candidates: [], boundaries: COMMUNITIES, cellSize: null, network: null };

  it('lists the community without a facility by its id, though another community has its name', () => {
    const result = checkDistrict(snapshot, [CENTRE, HEXIE], PRESETS.doumen);
    const urban = result.checks.find((c) => c.rule === 'community_facility_coverage' && c.group === 'urban_community')!;
    expect(urban.verdict).toBe('fail');
    expect(urban.value).toBeCloseTo(2 / 3, 12);
    expect(urban.failing).toEqual(['新村社区']);
    expect(urban.failingIds).toEqual(['east-xincun']);
  });

  it('the map hatches that unit only', () => {
    const boundaries: FeatureCollection = {
      type: 'FeatureCollection',
      features: COMMUNITIES.map((c) => ({ type: 'Feature', geometry: c.geometry, properties: { id: c.id, name: c.name, level: c.level } })),
    };
    const drawn = failingUnitFeatures(boundaries, ['east-xincun']);
    expect(drawn.features.map((f) => f.properties?.id)).toEqual(['east-xincun']);
  });
});
