/**
 * Service-area polygons of an analysis: circle mode on the real Wuhan core grid (disc unions checked
 * cell by cell against haversine distances, and by area against πr²) and network mode on the real
 * Gothenburg network (merged areas and per-facility isochrones against the model's cell times).
 * GEOS validity through GDAL when ogrinfo is installed.
 */
import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { runAccessibilityAnalysis } from '../../../shared/engine/analysis/accessibility_analysis';
import type { ServiceAreaFeature } from '../../../shared/engine/analysis/service_area_features';
import { prepareNetwork } from '../../../shared/engine/network/prepare_network';
import { snapPoints } from '../../../shared/engine/network/snap_points';
import { haversineM } from '../../../shared/geodesy/haversine';
import { gothenburgGrid, gothenburgRoads, randomFacilities, seededRandom } from '../engine_network/gothenburg_fixture';
import { OGR_SKIP, OGRINFO, ogrValidity } from '../engine_network/ogr_validity';
import { wuhanGrid } from '../engine_network/wuhan_fixture';

const inside = (f: ServiceAreaFeature, lon: number, lat: number) => turf.booleanPointInPolygon([lon, lat], f.geometry);

describe('circle service areas on the Wuhan core grid', () => {
  const { grid } = wuhanGrid();
  const random = seededRandom(12);
  const facilities = Array.from({ length: 12 }, (_, i) => ({ id: `dc${i}`, lon: 114.22 + random() * 0.12, lat: 30.52 + random() * 0.1 }));
  const radii = [300, 1000];
  const result = runAccessibilityAnalysis({ grid, facilities }, { mode: 'circle', radiiM: radii, serviceAreas: { perFacility: true } });
  const features = result.serviceAreas!.features;

  it('has the merged area per radius, then each facility per radius, with their thresholds', () => {
    expect(features).toHaveLength(radii.length * (1 + facilities.length));
    expect(features.slice(0, 2).map((f) => f.properties)).toEqual([
      { facilityId: null, label: '300 m', minutes: null, radiusM: 300, networkM: null, limitM: 300 },
      { facilityId: null, label: '1000 m', minutes: null, radiusM: 1000, networkM: null, limitM: 1000 },
    ]);
    expect(features[2].properties).toMatchObject({ facilityId: 'dc0', radiusM: 300 });
    expect(features.at(-1)!.properties).toMatchObject({ facilityId: 'dc11', radiusM: 1000 });
  });

  it('the merged area holds the covered cells and leaves out the others (up to a pixel at the rim)', () => {
    for (const [t, radiusM] of radii.entries()) {
      const area = features[t];
      const pixelM = Math.max(10, radiusM / 100);
      let coveredInside = 0;
      for (let c = 0; c < grid.count; c += 2) {
        const nearest = Math.min(...facilities.map((f) => haversineM(f.lon, f.lat, grid.lon[c], grid.lat[c])));
        if (nearest <= radiusM - 1.5 * pixelM) {
          expect(inside(area, grid.lon[c], grid.lat[c]), `cell ${c} at ${nearest} m`).toBe(true);
          coveredInside++;
        } else if (nearest >= radiusM + 1.5 * pixelM && nearest < radiusM * 2) {
          expect(inside(area, grid.lon[c], grid.lat[c]), `cell ${c} at ${nearest} m`).toBe(false);
        }
      }
      expect(coveredInside).toBeGreaterThan(radiusM === 300 ? 40 : 400);
      // The coverage figure counts the same cells (all of them, not every other one).
      expect(result.thresholds[t].cells.covered).toBeGreaterThan(coveredInside);
    }
  });

  it('each facility disc has the area πr² (to 2 %), and the union is no larger than their sum', () => {
    for (const [t, radiusM] of radii.entries()) {
      const own = features.filter((f) => f.properties.facilityId !== null && f.properties.radiusM === radiusM);
      expect(own).toHaveLength(facilities.length);
      for (const f of own) expect(Math.abs(turf.area(f) / (Math.PI * radiusM ** 2) - 1)).toBeLessThan(0.02);
      const sum = own.reduce((s, f) => s + turf.area(f), 0);
      expect(turf.area(features[t])).toBeLessThanOrEqual(sum * 1.001);
    }
  });

  // Skipped only where ogrinfo (Debian gdal-bin) is missing: the cross-check needs GDAL itself; .ci/run installs it.
  it.skipIf(!OGRINFO)(`are polygons GEOS accepts as valid ${OGRINFO ? '' : OGR_SKIP}`, () => {
    expect(ogrValidity(result.serviceAreas!).every((reason) => reason === 'Valid Geometry')).toBe(true);
  });
});

describe('network service areas on the Gothenburg network', () => {
  const { grid } = gothenburgGrid(250, 2);
  const facilities = randomFacilities(200, 6).filter((f) => f.lon > 11.94 && f.lon < 12.02 && f.lat > 57.685 && f.lat < 57.725).slice(0, 8);
  const result = runAccessibilityAnalysis(
    { grid, facilities, roads: gothenburgRoads() },
    { mode: 'network', minutes: [5, 10], speedMps: 1, serviceAreas: { perFacility: true } },
  );
  const features = result.serviceAreas!.features;
  // The cells' walk off the street, from the same snapping: areas reach 100 m off the street.
  const snaps = snapPoints(prepareNetwork(gothenburgRoads()).index, grid.lon, grid.lat, 300);

  it('merged areas hold every covered cell near the street; per-facility areas come after them', () => {
    const merged = features.filter((f) => f.properties.facilityId === null);
    expect(merged.map((f) => f.properties)).toEqual([
      { facilityId: null, label: '5 min', minutes: 5, radiusM: null, networkM: null, limitM: 300 },
      { facilityId: null, label: '10 min', minutes: 10, radiusM: null, networkM: null, limitM: 600 },
    ]);
    for (const [t, area] of merged.entries()) {
      let checked = 0;
      for (let c = 0; c < grid.count; c++) {
        // 3 pixels of margin for the raster; cells farther than the access width from the street are not drawn.
        if (result.cellMinutes![c] * 60 <= area.properties.limitM - 30 && snaps.offM[c] <= 90) {
          expect(inside(area, grid.lon[c], grid.lat[c]), `cell ${c}`).toBe(true);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(t === 0 ? 3 : 15);
    }
    const own = features.filter((f) => f.properties.facilityId !== null);
    expect(new Set(own.map((f) => f.properties.facilityId)).size).toBe(facilities.length - (result.network!.facilitiesOffNetwork ?? []).length);
    expect(own.length).toBe(2 * new Set(own.map((f) => f.properties.facilityId)).size);
    // A facility's own 10-minute area lies inside the merged 10-minute area (up to the raster's pixel).
    const mergedArea = turf.area(merged[1]);
    const union = own.filter((f) => f.properties.minutes === 10).reduce((s, f) => s + turf.area(f), 0);
    expect(mergedArea).toBeLessThanOrEqual(union * 1.01);
  });

  // Skipped only where ogrinfo (Debian gdal-bin) is missing: the cross-check needs GDAL itself; .ci/run installs it.
  it.skipIf(!OGRINFO)(`are polygons GEOS accepts as valid ${OGRINFO ? '' : OGR_SKIP}`, () => {
    expect(ogrValidity(result.serviceAreas!).every((reason) => reason === 'Valid Geometry')).toBe(true);
  });
});
