/**
 * Name labels: one label point per area of the shipped Wuhan boundary, inside its area; label layers
 * never overlap one another and are placed in priority order (proposals first), with no glyph URL.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { areaLabelPoints, LABEL_LAYERS } from '../../../renderer/map/label_style';
import { buildMapStyle } from '../../../renderer/map/map_style';
import { SAMPLE_DIR } from '../../helpers/paths';

describe('name labels', () => {
  it('puts one label inside each named area of the Wuhan boundary', () => {
    const areas = JSON.parse(readFileSync(join(SAMPLE_DIR, 'wuhan_boundary_osm.geojson'), 'utf8')) as FeatureCollection<Polygon | MultiPolygon>;
    const named = areas.features.filter((feature) => typeof feature.properties?.name === 'string' && feature.properties.name !== '');
    expect(named.length).toBeGreaterThan(0);
    const points = areaLabelPoints(areas);
    expect(points.features.map((point) => point.properties?.name)).toEqual(named.map((feature) => feature.properties?.name));
    points.features.forEach((point, index) => expect(turf.booleanPointInPolygon(point, named[index] as Feature<Polygon | MultiPolygon>)).toBe(true));
  });

  it('declares collision handling, priority order and no remote glyphs', () => {
    const style = buildMapStyle();
    expect(style.glyphs).toBeUndefined();
    const ids = style.layers.map((layer) => layer.id);
    // Later symbol layers are placed first: areas < estates < facilities < proposals, all on top.
    expect(ids.slice(-LABEL_LAYERS.length)).toEqual([...LABEL_LAYERS]);
    for (const id of LABEL_LAYERS) {
      const layer = style.layers.find((candidate) => candidate.id === id) as { layout: Record<string, unknown> };
      expect(layer.layout['text-allow-overlap']).toBe(false);
      expect(layer.layout['text-ignore-placement']).toBe(false);
    }
  });
});
