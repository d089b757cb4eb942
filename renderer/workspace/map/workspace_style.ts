/**
 * Sources and layers of the planner's workspace on the map: proposals (with their service circles),
 * service areas per threshold, candidate sites, residential estates and roads. They are part of the
 * offline base style (map_style.ts splices them in), so they exist before any data arrives and
 * visibility, opacity and order can be set at any time.
 */
import type * as maplibregl from 'maplibre-gl';
import { FACILITY_KIND_COLORS } from '../../../shared/map_style/facility_style';
import { PROPOSAL_COLOR, PROPOSAL_LINE } from '../../../shared/map_style/plan_colors';

export const WORKSPACE_SOURCE = {
  proposals: 'ws-proposals',
  proposalCircles: 'ws-proposal-circles',
  thresholds: 'ws-thresholds',
  candidates: 'ws-candidates',
  estates: 'ws-estates',
  roads: 'ws-roads',
} as const;

/** Service-area thresholds drawn as separate layers (GB 50180-2018 life circles). */
export const THRESHOLDS_M = [300, 500, 1000] as const;
export type ThresholdM = (typeof THRESHOLDS_M)[number];

export const PROPOSAL_SELECTED = '#ffb300';
export const CANDIDATE_COLOR = '#00838f';
export const ESTATE_FILL = '#8d6e63';
/** Outline of estate polygons and border of the estate marker (darker than the fill, reads on every class colour). */
export const ESTATE_LINE = '#4e342e';
/** The estate point marker: a square (facilities are round), made in code (estate_marker.ts). */
export const ESTATE_MARKER = { image: 'estate-marker', sizePx: 11, borderPx: 2 } as const;
/** Estate polygon fill opacity (the class colours stay readable underneath). */
export const ESTATE_FILL_OPACITY = 0.3;
export const ROAD_COLOR = '#78909c';
/** Outline colour and dash of each threshold's service areas. */
export const THRESHOLD_STYLE: Record<ThresholdM, { color: string; dash: number[] }> = {
  300: { color: '#2e7d32', dash: [1, 1] },
  500: { color: '#ef6c00', dash: [3, 2] },
  1000: { color: '#4527a0', dash: [6, 3] },
};

const empty = (): maplibregl.GeoJSONSourceSpecification => ({ type: 'geojson', data: { type: 'FeatureCollection', features: [] } });

export function workspaceSources(): Record<string, maplibregl.SourceSpecification> {
  return {
    [WORKSPACE_SOURCE.proposals]: { ...empty(), promoteId: 'pid' },
    [WORKSPACE_SOURCE.proposalCircles]: empty(),
    [WORKSPACE_SOURCE.thresholds]: empty(),
    [WORKSPACE_SOURCE.candidates]: empty(),
    [WORKSPACE_SOURCE.estates]: empty(),
    [WORKSPACE_SOURCE.roads]: empty(),
  };
}

const kindColor = (): maplibregl.ExpressionSpecification => {
  const match: unknown[] = ['match', ['get', 'kind']];
  for (const [kind, color] of Object.entries(FACILITY_KIND_COLORS)) match.push(kind, color);
  match.push(FACILITY_KIND_COLORS.other);
  return match as maplibregl.ExpressionSpecification;
};

/** Layers drawn under the existing facilities' service circles (context). */
export function contextLayers(): maplibregl.LayerSpecification[] {
  return [
    {
      id: 'estates-fill',
      type: 'fill',
      source: WORKSPACE_SOURCE.estates,
      filter: ['!=', ['geometry-type'], 'Point'],
      paint: { 'fill-color': ESTATE_FILL, 'fill-opacity': ESTATE_FILL_OPACITY },
    },
    {
      id: 'estates-line',
      type: 'line',
      source: WORKSPACE_SOURCE.estates,
      filter: ['!=', ['geometry-type'], 'Point'],
      paint: { 'line-color': ESTATE_LINE, 'line-width': 1.5 },
    },
    {
      // Estates stored as points: a square marker, kept clear of the round facility dots.
      id: 'estates-point',
      type: 'symbol',
      source: WORKSPACE_SOURCE.estates,
      filter: ['==', ['geometry-type'], 'Point'],
      layout: {
        'icon-image': ESTATE_MARKER.image,
        'icon-allow-overlap': true,
        'icon-ignore-placement': true,
        'icon-size': ['interpolate', ['linear'], ['zoom'], 10, 0.8, 15, 1.2],
      },
    },
    {
      id: 'roads-line',
      type: 'line',
      source: WORKSPACE_SOURCE.roads,
      paint: { 'line-color': ROAD_COLOR, 'line-width': ['interpolate', ['linear'], ['zoom'], 11, 0.5, 16, 2.5] },
    },
  ];
}

/** Layers drawn over the existing facilities' service circles: per-threshold areas, proposals' circles. */
export function serviceAreaLayers(): maplibregl.LayerSpecification[] {
  const thresholds: maplibregl.LayerSpecification[] = THRESHOLDS_M.map((radiusM) => ({
    id: `threshold-${radiusM}`,
    type: 'line',
    source: WORKSPACE_SOURCE.thresholds,
    filter: ['==', ['get', 'radiusM'], radiusM],
    layout: { visibility: 'none' },
    paint: { 'line-color': THRESHOLD_STYLE[radiusM].color, 'line-width': 1.5, 'line-dasharray': THRESHOLD_STYLE[radiusM].dash },
  }));
  return [
    ...thresholds,
    {
      id: 'proposal-circles-fill',
      type: 'fill',
      source: WORKSPACE_SOURCE.proposalCircles,
      paint: { 'fill-color': PROPOSAL_COLOR, 'fill-opacity': 0.1 },
    },
    {
      // A white casing keeps the dashed outline legible over the darkest population classes.
      id: 'proposal-circles-casing',
      type: 'line',
      source: WORKSPACE_SOURCE.proposalCircles,
      paint: { 'line-color': '#ffffff', 'line-width': 4, 'line-opacity': 0.85 },
    },
    {
      id: 'proposal-circles-line',
      type: 'line',
      source: WORKSPACE_SOURCE.proposalCircles,
      paint: { 'line-color': PROPOSAL_LINE, 'line-width': 2, 'line-dasharray': [3, 1.5] },
    },
  ];
}

/** Point layers on top of everything: candidate sites, then proposals (the things one edits). */
export function siteLayers(): maplibregl.LayerSpecification[] {
  const selected: maplibregl.ExpressionSpecification = ['boolean', ['feature-state', 'selected'], false];
  return [
    {
      id: 'candidates-circle',
      type: 'circle',
      source: WORKSPACE_SOURCE.candidates,
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 10, 3.5, 15, 7],
        'circle-color': '#ffffff',
        'circle-stroke-color': CANDIDATE_COLOR,
        'circle-stroke-width': 2.5,
      },
    },
    {
      id: 'proposals-halo',
      type: 'circle',
      source: WORKSPACE_SOURCE.proposals,
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 10, 11, 15, 15],
        'circle-color': PROPOSAL_SELECTED,
        'circle-opacity': ['case', selected, 0.55, 0],
      },
    },
    {
      id: 'proposals-circle',
      type: 'circle',
      source: WORKSPACE_SOURCE.proposals,
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 10, 6.5, 15, 10],
        'circle-color': kindColor(),
        'circle-stroke-color': PROPOSAL_COLOR,
        'circle-stroke-width': 3,
      },
    },
  ];
}
