/**
 * Name labels on the map: areas (boundaries such as streets), estates, facilities and proposals.
 * MapLibre places them with collision detection (text-allow-overlap false): a label that would
 * overlap one already placed is left out. Symbol layers higher in the style are placed first, so
 * the order below is the priority, lowest first: areas < estates < facilities < proposals (the
 * things one edits win). Glyphs are drawn locally from the font stack (no glyphs URL: works
 * offline, Chinese included).
 */
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, Point } from 'geojson';
import type * as maplibregl from 'maplibre-gl';
import { PROPOSAL_LINE } from '../../shared/map_style/plan_colors';
import { ESTATE_LINE, WORKSPACE_SOURCE } from '../workspace/map/workspace_style';

/** System fonts with CJK coverage, as a CSS family list (MapLibre hands the stack to the canvas). */
export const LABEL_FONT = ['Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', 'sans-serif'];

/** Label layers, bottom (lowest priority) to top. */
export const LABEL_LAYERS = ['labels-areas', 'labels-estates', 'labels-facilities', 'labels-proposals'] as const;

export interface LabelStyle {
  layer: (typeof LABEL_LAYERS)[number];
  source: string;
  color: string;
  sizePx: number;
  /** Zoom from which the labels show (below it they would only collide). */
  minzoom: number;
}

/** One place for each label kind's look, read by the map layers and the legend. */
export const LABEL_STYLES: readonly LabelStyle[] = [
  { layer: 'labels-areas', source: 'area-labels', color: '#455a64', sizePx: 13, minzoom: 10 },
  { layer: 'labels-estates', source: WORKSPACE_SOURCE.estates, color: ESTATE_LINE, sizePx: 11, minzoom: 13 },
  { layer: 'labels-facilities', source: 'facilities', color: '#1a1a1a', sizePx: 12, minzoom: 12 },
  { layer: 'labels-proposals', source: WORKSPACE_SOURCE.proposals, color: PROPOSAL_LINE, sizePx: 12, minzoom: 11 },
];

export const LABEL_HALO = '#ffffff';

const name: maplibregl.ExpressionSpecification = ['coalesce', ['get', 'name'], ''];

export function labelLayers(): maplibregl.LayerSpecification[] {
  return LABEL_STYLES.map((style): maplibregl.LayerSpecification => {
    const areas = style.layer === 'labels-areas';
    return {
      id: style.layer,
      type: 'symbol',
      source: style.source,
      minzoom: style.minzoom,
      filter: ['!=', name, ''],
      layout: {
        'text-field': name,
        'text-font': LABEL_FONT,
        'text-size': style.sizePx,
        'text-allow-overlap': false,
        'text-ignore-placement': false,
        'text-optional': false,
        'text-max-width': 8,
        'text-padding': 3,
        'symbol-placement': 'point',
        // Points: beside the marker, on the first side that is free. Areas: at their centre.
        ...(areas
          ? { 'text-letter-spacing': 0.08 }
          : { 'text-variable-anchor': ['top', 'bottom', 'right', 'left'], 'text-radial-offset': 1.1, 'text-justify': 'auto' as const }),
      },
      paint: { 'text-color': style.color, 'text-halo-color': LABEL_HALO, 'text-halo-width': 1.5, 'text-halo-blur': 0.5 },
    };
  });
}

/**
 * One label point per named area, inside it (turf.pointOnFeature: the centroid when it falls
 * inside, else a point on the surface), so an area spanning many tiles is labelled once.
 */
export function areaLabelPoints(areas: FeatureCollection): FeatureCollection<Point> {
  const features: Feature<Point>[] = [];
  for (const area of areas.features) {
    const name = area.properties?.name;
    if (typeof name !== 'string' || name === '' || !area.geometry) continue;
    try {
      features.push({ type: 'Feature', properties: { name, level: area.properties?.level ?? null }, geometry: turf.pointOnFeature(area).geometry });
    } catch {
      // A degenerate geometry gets no label (it is drawn as it is).
    }
  }
  return { type: 'FeatureCollection', features };
}
