/**
 * Layers of the accessibility results on the map: walking-time classes of the cells (an image over
 * the grid, or points), service areas, coverage-gap outlines and suggested sites. Colours keep apart
 * from the population ramp (yellow-orange-red) and the facility kinds; walking-time colours are in
 * travel_time_colors.ts.
 */
import type * as maplibregl from 'maplibre-gl';
import { GAP_LINE, SERVICE_AREA_FILL, SERVICE_AREA_LINE } from '../../shared/map_style/plan_colors';

export const GAP_SELECTED_LINE = '#1a1a1a';
export const SITE_COLOR = '#d94801';

export const ANALYSIS_SOURCE = {
  /** A canvas source added at runtime (canvas sources cannot be part of a style). */
  travelImage: 'analysis-travel-image',
  travelPoints: 'analysis-travel-points',
  serviceAreas: 'analysis-service-areas',
  gaps: 'analysis-gaps',
  sites: 'analysis-sites',
} as const;

/** Layer ids per legend switch (see Legend's toggles). */
export const ANALYSIS_LAYER_GROUPS = {
  travelTime: ['analysis-travel-image', 'analysis-travel-points'],
  serviceAreas: ['analysis-service-areas-fill', 'analysis-service-areas-line'],
  gaps: ['analysis-gaps-fill', 'analysis-gaps-line', 'analysis-gaps-selected'],
  sites: ['analysis-sites'],
} as const;
export type AnalysisLayerGroup = keyof typeof ANALYSIS_LAYER_GROUPS;

/** circle colour by the `travelClass` property: ['match', class, 0, c0, 1, c1, …, transparent]. */
export function travelPointColor(colors: readonly string[]): maplibregl.ExpressionSpecification {
  if (colors.length === 0) return ['to-color', 'rgba(0,0,0,0)'];
  const match: unknown[] = ['match', ['get', 'travelClass']];
  colors.forEach((color, index) => match.push(index, color));
  match.push('rgba(0,0,0,0)');
  return match as maplibregl.ExpressionSpecification;
}

const selected: maplibregl.ExpressionSpecification = ['boolean', ['feature-state', 'selected'], false];

/** GeoJSON layers with the ids they go below (see the base style's draw order). */
export function analysisLayers(): Array<{ layer: maplibregl.LayerSpecification; before: string }> {
  return [
    {
      before: 'boundary-line',
      layer: {
        id: 'analysis-travel-points',
        type: 'circle',
        source: ANALYSIS_SOURCE.travelPoints,
        paint: { 'circle-color': 'rgba(0,0,0,0)', 'circle-radius': 4, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 0.5 },
      },
    },
    {
      before: 'boundary-line',
      layer: {
        id: 'analysis-service-areas-fill',
        type: 'fill',
        source: ANALYSIS_SOURCE.serviceAreas,
        // Nested areas: each adds a light veil, so the smallest (innermost) reads darkest.
        paint: { 'fill-color': SERVICE_AREA_FILL, 'fill-opacity': 0.07 },
      },
    },
    {
      before: 'boundary-line',
      layer: {
        id: 'analysis-service-areas-line',
        type: 'line',
        source: ANALYSIS_SOURCE.serviceAreas,
        paint: {
          'line-color': SERVICE_AREA_LINE,
          // Innermost (order 0) thickest and solid; larger thresholds thinner.
          'line-width': ['interpolate', ['linear'], ['get', 'order'], 0, 2.2, 3, 1],
          'line-opacity': 0.9,
        },
      },
    },
    {
      before: 'facilities-status-ring',
      layer: {
        id: 'analysis-gaps-fill',
        type: 'fill',
        source: ANALYSIS_SOURCE.gaps,
        paint: { 'fill-color': GAP_LINE, 'fill-opacity': ['case', selected, 0.35, 0] },
      },
    },
    {
      before: 'facilities-status-ring',
      layer: {
        id: 'analysis-gaps-line',
        type: 'line',
        source: ANALYSIS_SOURCE.gaps,
        paint: { 'line-color': GAP_LINE, 'line-width': 1.6, 'line-dasharray': [2, 1], 'line-opacity': ['case', selected, 0, 1] },
      },
    },
    {
      // The chosen gap: a solid dark outline (dash patterns cannot depend on feature state).
      before: 'facilities-status-ring',
      layer: {
        id: 'analysis-gaps-selected',
        type: 'line',
        source: ANALYSIS_SOURCE.gaps,
        paint: { 'line-color': GAP_SELECTED_LINE, 'line-width': 3, 'line-opacity': ['case', selected, 1, 0] },
      },
    },
  ];
}

/** Suggested sites go on top of everything (added last, no `before`). */
export function siteLayer(): maplibregl.LayerSpecification {
  return {
    id: 'analysis-sites',
    type: 'symbol',
    source: ANALYSIS_SOURCE.sites,
    layout: {
      'icon-image': ['concat', 'site-marker-', ['to-string', ['get', 'rank']]],
      'icon-allow-overlap': true,
      'icon-ignore-placement': true,
      'icon-anchor': 'bottom',
    },
  };
}
