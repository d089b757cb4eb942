import type * as maplibregl from 'maplibre-gl';
/** Colours of the review verdicts, shared by the review tables and the estates on the map. */
export const ESTATE_VERDICT_COLORS = { compliant: '#2e7d32', non_compliant: '#c62828', incomplete: '#b26a00' } as const;
export const CHECK_VERDICT_COLORS = { pass: '#2e7d32', fail: '#c62828', not_checkable: '#b26a00', advisory: '#546e7a', not_applicable: '#78909c' } as const;

/** The map source of the reviewed estates (properties: id, name, verdict). */
export const REVIEW_SOURCE = 'review-estates';

const verdictColor: maplibregl.ExpressionSpecification = [
  'match',
  ['get', 'verdict'],
  'compliant',
  ESTATE_VERDICT_COLORS.compliant,
  'non_compliant',
  ESTATE_VERDICT_COLORS.non_compliant,
  ESTATE_VERDICT_COLORS.incomplete,
];

/** Reviewed estates: outlines (polygons) and dots (points) in the colour of their verdict. */
export function reviewLayers(): maplibregl.LayerSpecification[] {
  return [
    { id: 'review-estates-fill', type: 'fill', source: REVIEW_SOURCE, filter: ['!=', ['geometry-type'], 'Point'], paint: { 'fill-color': verdictColor, 'fill-opacity': 0.15 } },
    { id: 'review-estates-line', type: 'line', source: REVIEW_SOURCE, filter: ['!=', ['geometry-type'], 'Point'], paint: { 'line-color': verdictColor, 'line-width': 2.5 } },
    {
      id: 'review-estates-point',
      type: 'circle',
      source: REVIEW_SOURCE,
      filter: ['==', ['geometry-type'], 'Point'],
      paint: { 'circle-color': verdictColor, 'circle-radius': 7, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 },
    },
  ];
}
