import * as turf from '@turf/turf';
import { beforeAll, describe, expect, it } from 'vitest';
import { haversineM } from '../../../shared/geodesy/haversine';
import { facilityIsochrones, serviceAreas, type IsochroneFeature } from '../../../shared/engine/network/isochrones';
import { NetworkServiceModel } from '../../../shared/engine/network/network_service_model';
import { prepareCells, prepareNetwork, type PreparedCells } from '../../../shared/engine/network/prepare_network';
import { snapPoints } from '../../../shared/engine/network/snap_points';
import { lifeCircleThresholds } from '../../../shared/engine/network/thresholds';
import { gothenburgGrid, gothenburgRoads, randomFacilities } from './gothenburg_fixture';
import { OGR_SKIP, OGRINFO, ogrValidity } from './ogr_validity';

let cells: PreparedCells;
const thresholds = lifeCircleThresholds('minutes');
const PIXEL_M = 10;
const WIDTH_M = 100;

beforeAll(() => {
  cells = prepareCells(prepareNetwork(gothenburgRoads()), gothenburgGrid(100).grid, { maxSnapM: 300 });
});

const inside = (f: IsochroneFeature, lon: number, lat: number) => turf.booleanPointInPolygon([lon, lat], f.geometry);

describe('isochrones from the reached network', () => {
  // Facilities on the street network of the city centre.
  const facilities = randomFacilities(400, 21).filter((_, i) => i % 40 === 0);

  it('each facility area holds the cells it reaches and nothing beyond walking range', () => {
    const isochrones = facilityIsochrones(cells.network, facilities, thresholds, { pixelM: PIXEL_M, accessWidthM: WIDTH_M });
    let checkedInside = 0;
    for (const f of facilities) {
      const model = new NetworkServiceModel(cells, { thresholds });
      model.setFacilities([f]);
      const own = isochrones.features.filter((x) => x.properties.facilityId === f.id);
      if (model.facilitySnaps()[0].edge < 0) {
        expect(own).toEqual([]);
        continue;
      }
      expect(own.map((x) => x.properties.minutes)).toEqual([5, 10, 15]);
      for (const iso of own) {
        const limitM = iso.properties.limitM;
        // Cells reached with a margin for the pixels must be inside.
        for (let c = 0; c < cells.grid.count; c++) {
          if (model.cellCostM[c] <= limitM - 3 * PIXEL_M && cells.snaps.offM[c] <= WIDTH_M - PIXEL_M) {
            expect(inside(iso, cells.grid.lon[c], cells.grid.lat[c]), `cell ${c} of ${f.id} at ${limitM} m`).toBe(true);
            checkedInside++;
          }
        }
        // Walking costs at least the straight-line distance, so no vertex lies farther than the limit.
        for (const polygon of iso.geometry.coordinates) {
          for (const [lon, lat] of polygon[0]) expect(haversineM(f.lon, f.lat, lon, lat)).toBeLessThan(limitM + PIXEL_M * 1.5);
        }
      }
      // Shaped by the streets: every vertex lies within the access width (plus a pixel) of a street
      // piece the facility reaches, a property no hull or circle has.
      const graph = cells.network.graph;
      const reachedSegments: number[][] = [];
      for (let e = 0; e < graph.edgeCount; e++) {
        if (!(model.ws.dist[graph.edgeFrom[e]] <= 900 || model.ws.dist[graph.edgeTo[e]] <= 900 || e === model.facilitySnaps()[0].edge)) continue;
        for (let i = graph.edgeCoordStart[e]; i < graph.edgeCoordStart[e + 1] - 1; i++) {
          reachedSegments.push([graph.coordX[i], graph.coordY[i], graph.coordX[i + 1], graph.coordY[i + 1]]);
        }
      }
      const p = graph.projection;
      // The facility's own walk from its door to the street counts as reached too.
      const door = snapPoints(cells.network.index, [f.lon], [f.lat], 300);
      reachedSegments.push([
        (f.lon - p.lon0) * p.mPerDegLon, (f.lat - p.lat0) * p.mPerDegLat,
        (door.snapLon[0] - p.lon0) * p.mPerDegLon, (door.snapLat[0] - p.lat0) * p.mPerDegLat,
      ]);
      for (const polygon of own[2].geometry.coordinates) {
        for (const ring of polygon) {
          for (const [lon, lat] of ring) {
            const x = (lon - p.lon0) * p.mPerDegLon, y = (lat - p.lat0) * p.mPerDegLat;
            let nearest = Infinity;
            for (const [ax, ay, bx, by] of reachedSegments) {
              const dx = bx - ax, dy = by - ay;
              const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy || 1)));
              nearest = Math.min(nearest, Math.hypot(ax + t * dx - x, ay + t * dy - y));
            }
            expect(nearest).toBeLessThanOrEqual(WIDTH_M + PIXEL_M * Math.SQRT2);
          }
        }
      }
      expect(turf.area(own[0])).toBeLessThan(turf.area(own[1]));
      expect(turf.area(own[1])).toBeLessThan(turf.area(own[2]));
    }
    expect(checkedInside).toBeGreaterThan(200);
  });

  it('the merged service area holds every covered cell of the model', () => {
    const model = new NetworkServiceModel(cells, { thresholds });
    model.setFacilities(randomFacilities(80, 4));
    const areas = serviceAreas(model, { pixelM: PIXEL_M, accessWidthM: WIDTH_M });
    expect(areas.features.map((f) => f.properties.facilityId)).toEqual([null, null, null]);
    for (const [t, area] of areas.features.entries()) {
      const limitM = model.thresholds[t].limitM;
      let checked = 0;
      for (let c = 0; c < cells.grid.count; c += 3) {
        if (model.cellCostM[c] <= limitM - 3 * PIXEL_M && cells.snaps.offM[c] <= WIDTH_M - PIXEL_M) {
          expect(inside(area, cells.grid.lon[c], cells.grid.lat[c])).toBe(true);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(50);
    }
  });

  // Skipped only where ogrinfo (Debian gdal-bin) is missing: the cross-check needs GDAL itself; .ci/run installs it.
  it.skipIf(!OGRINFO)(`writes polygons GEOS accepts as valid ${OGRINFO ? '' : OGR_SKIP}`, () => {
    const model = new NetworkServiceModel(cells, { thresholds });
    model.setFacilities(randomFacilities(100, 3));
    for (const pixelM of [20, 10, 5]) {
      const areas = serviceAreas(model, { pixelM, accessWidthM: WIDTH_M });
      expect(ogrValidity(areas)).toEqual(['Valid Geometry', 'Valid Geometry', 'Valid Geometry']);
    }
    const perFacility = facilityIsochrones(cells.network, randomFacilities(30, 9), thresholds, { pixelM: PIXEL_M });
    expect(ogrValidity(perFacility).every((reason) => reason === 'Valid Geometry')).toBe(true);
    expect(perFacility.features.length).toBeGreaterThan(30);
  });
});
