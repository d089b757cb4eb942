import { describe, expect, it } from 'vitest';
import { isInputError } from '../../../shared/errors';
import { roadsFromGeoJson } from '../../../shared/engine/network/roads_from_geojson';
import { LIFE_CIRCLE_PRESETS, lifeCircleThresholds, resolveThresholds, WALKING_SPEED_PRESETS } from '../../../shared/engine/network/thresholds';

describe('thresholds', () => {
  it('has the GB 50180-2018 life circles and the older walkers speed presets', () => {
    expect(LIFE_CIRCLE_PRESETS.map((p) => [p.minutes, p.distanceM])).toEqual([[5, 300], [10, 500], [15, 1000]]);
    expect(WALKING_SPEED_PRESETS.map((p) => p.speedMps)).toEqual([0.8, 1.0, 1.2]);
  });

  it('turns minutes into level-walking metres at the speed, and distances into walking times', () => {
    expect(resolveThresholds(lifeCircleThresholds('minutes'), 0.8).map((t) => [t.limitM, t.limitSeconds])).toEqual([
      [240, 300], [480, 600], [720, 900],
    ]);
    const byDistance = resolveThresholds(lifeCircleThresholds('distance'), 1.2);
    expect(byDistance.map((t) => t.limitM)).toEqual([300, 500, 1000]);
    expect(byDistance[1].limitSeconds).toBeCloseTo(416.667, 3);
    expect(resolveThresholds([{ label: '12 min', minutes: 12 }], 1)[0]).toEqual({ label: '12 min', limitM: 720, limitSeconds: 720 });
  });

  it('rejects bad speeds and thresholds with the value in the message', () => {
    expect(() => resolveThresholds(lifeCircleThresholds(), 0)).toThrow('speedMps must be in (0, 10], got 0');
    expect(() => resolveThresholds([{ label: 'x', minutes: -5 }], 1)).toThrow('threshold 0 (x): minutes must be > 0, got -5');
    expect(() => resolveThresholds([], 1)).toThrow('at least one threshold is needed');
  });
});

describe('roads from GeoJSON', () => {
  it('keeps lines, splits multi-lines, walks polygon outlines and skips points', () => {
    const result = roadsFromGeoJson({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', id: 'way/1', properties: { highway: 'footway', foot: 'yes', layer: 1 }, geometry: { type: 'LineString', coordinates: [[0, 0], [1, 1]] } },
        { type: 'Feature', properties: { highway: 'path' }, geometry: { type: 'MultiLineString', coordinates: [[[0, 0], [1, 0]], [[2, 0], [3, 0]]] } },
        { type: 'Feature', properties: { '@id': 'way/3', highway: 'pedestrian', area: 'yes' }, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] } },
        { type: 'Feature', properties: { highway: 'bus_stop' }, geometry: { type: 'Point', coordinates: [0, 0] } },
      ],
    });
    expect(result.roads.map((r) => [r.id, r.highway, r.geometry.coordinates.length])).toEqual([
      ['way/1', 'footway', 2], ['feature-1#0', 'path', 2], ['feature-1#1', 'path', 2], ['way/3', 'pedestrian', 4],
    ]);
    expect(result.roads[0].tags).toEqual({ highway: 'footway', foot: 'yes', layer: '1' });
    expect(result.ringsFromPolygons).toBe(1);
    expect(result.skipped).toEqual([{ feature: 3, reason: 'unsupported geometry Point' }]);
  });

  it('rejects what is not a FeatureCollection with an InputError', () => {
    try {
      roadsFromGeoJson({ type: 'Feature' }, 'roads.json');
      expect.unreachable();
    } catch (error) {
      expect(isInputError(error)).toBe(true);
      expect((error as Error).message).toBe('roads.json: expected a GeoJSON FeatureCollection (expected {"type":"FeatureCollection","features":[...]})');
    }
  });
});
