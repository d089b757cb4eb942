import type * as maplibregl from 'maplibre-gl';
import { CHECK_VERDICT_COLORS, ESTATE_VERDICT_COLORS } from '../../shared/map_style/plan_colors';
/** The estate selected in the Review panel, outlined over its verdict colour. */
export const SELECTED_ESTATE_COLOR = '#0d47a1';
/** Boundary units that fail the selected district check: hatched and outlined in the fail colour. */
export const FAILING_UNIT_COLOR = CHECK_VERDICT_COLORS.fail;
export const FAILING_UNIT_HATCH = 'review-failing-hatch';

/** The map source of the reviewed estates (properties: id, name, verdict). */
export const REVIEW_SOURCE = 'review-estates';
/** The map source of the failing units of the selected district check (properties: id, name, level). */
export const FAILING_UNITS_SOURCE = 'review-failing-units';

/** Layers whose features are estates, top first (the reviewed ones, then the estates layer's). */
export const ESTATE_CLICK_LAYERS = ['review-estates-point', 'review-estates-line', 'review-estates-fill', 'estates-point', 'estates-line', 'estates-fill'] as const;

const verdictColor: maplibregl.ExpressionSpecification = [
  'match',
  ['get', 'verdict'],
  'compliant',
  ESTATE_VERDICT_COLORS.compliant,
  'non_compliant',
  ESTATE_VERDICT_COLORS.non_compliant,
  ESTATE_VERDICT_COLORS.incomplete,
];

/** Only the estate `id`, of the given geometry kind. */
export function selectedEstateFilter(id: string | null, points: boolean): maplibregl.FilterSpecification {
  return ['all', [points ? '==' : '!=', ['geometry-type'], 'Point'], ['==', ['get', 'id'], id ?? '']];
}

/** Failing units (under the estates), then the reviewed estates: outlines (polygons) and dots (points) in the colour of their verdict, and the selected estate. */
export function reviewLayers(): maplibregl.LayerSpecification[] {
  return [
    { id: 'review-failing-fill', type: 'fill', source: FAILING_UNITS_SOURCE, paint: { 'fill-pattern': FAILING_UNIT_HATCH } },
    { id: 'review-failing-line', type: 'line', source: FAILING_UNITS_SOURCE, paint: { 'line-color': FAILING_UNIT_COLOR, 'line-width': 2, 'line-dasharray': [3, 2] } },
    { id: 'review-estates-fill', type: 'fill', source: REVIEW_SOURCE, filter: ['!=', ['geometry-type'], 'Point'], paint: { 'fill-color': verdictColor, 'fill-opacity': 0.15 } },
    { id: 'review-estates-line', type: 'line', source: REVIEW_SOURCE, filter: ['!=', ['geometry-type'], 'Point'], paint: { 'line-color': verdictColor, 'line-width': 2.5 } },
    {
      id: 'review-estates-point',
      type: 'circle',
      source: REVIEW_SOURCE,
      filter: ['==', ['geometry-type'], 'Point'],
      paint: { 'circle-color': verdictColor, 'circle-radius': 7, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 },
    },
    { id: 'review-selected-line', type: 'line', source: REVIEW_SOURCE, filter: selectedEstateFilter(null, false), paint: { 'line-color': SELECTED_ESTATE_COLOR, 'line-width': 5 } },
    {
      id: 'review-selected-point',
      type: 'circle',
      source: REVIEW_SOURCE,
      filter: selectedEstateFilter(null, true),
      paint: { 'circle-color': 'rgba(0,0,0,0)', 'circle-radius': 11, 'circle-stroke-color': SELECTED_ESTATE_COLOR, 'circle-stroke-width': 3.5 },
    },
  ];
}
