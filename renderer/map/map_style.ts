/**
 * The offline base style: a plain background and the empty GeoJSON sources and layers of the
 * project. No remote sources, glyphs or sprites, so the map draws without network access: name
 * labels (label_style.ts) have no `glyphs` URL, so MapLibre draws every glyph locally from the
 * system's fonts (TinySDF), Chinese included.
 */
import type * as maplibregl from 'maplibre-gl';
import { NO_DATA_COLOR } from '../../shared/map_style/class_breaks';
import {
  BOUNDARY_LINE,
  CIRCLE_FILL,
  CIRCLE_LINE,
  facilityColorExpression,
  PROPOSED_OPACITY,
  STATUS_RING,
  STATUS_RING_GAP,
  STATUS_RING_WIDTH,
  FACILITY_STROKE,
  UNBUILT_STATUSES,
  UNCOVERED_LINE,
} from '../../shared/map_style/facility_style';
import { contextLayers, serviceAreaLayers, siteLayers, workspaceSources } from '../workspace/map/workspace_style';
import { labelLayers } from './label_style';

export const SOURCE = {
  population: 'population',
  populationPoints: 'population-points',
  circles: 'circles',
  boundaries: 'boundaries',
  facilities: 'facilities',
  /** Union of the uncovered cells as exact cell-edge polygons (used when the grid is drawn as an image). */
  uncoveredAreas: 'uncovered-areas',
  /** One point inside each boundary, carrying its name (one label per area, not one per tile). */
  areaLabels: 'area-labels',
  /** The study area: its outline and a mask over everything outside it (setStudyArea). */
  studyArea: 'study-area',
} as const;

/**
 * The lowest project layer (an invisible marker); a basemap goes underneath it and the population
 * image (added at runtime: canvas sources cannot be part of a style) right above it.
 */
/** The mask outside the study area and its outline. */
export const STUDY_AREA_MASK = '#3a3f47';
export const STUDY_AREA_LINE = '#1d4ed8';

export const FIRST_PROJECT_LAYER = 'project-bottom';

/** Layers coloured by the older-people classes. */
export const POPULATION_FILL_LAYERS = ['population-fill'] as const;

/** Map layers per legend entry, for the visibility switches. */
export const LAYER_GROUPS = {
  population: ['population-raster', 'population-fill', 'population-points'],
  uncovered: ['uncovered-shade', 'uncovered-area-hatch', 'uncovered-area-line', 'uncovered-hatch', 'uncovered-line', 'uncovered-points'],
  circles: ['circles-fill', 'circles-line'],
  boundaries: ['boundary-line'],
  studyArea: ['study-area-mask', 'study-area-line'],
  facilities: ['facilities-status-ring', 'facilities-circle'],
} as const;

/** Uncovered layers drawn only in the "outline and hatch" display (the outline is always drawn). */
export const UNCOVERED_HATCH_LAYERS = ['uncovered-hatch', 'uncovered-area-hatch'] as const;

/** The outline of uncovered cells: one colour and width on every path (cell outlines, union outlines, dots). */
export const UNCOVERED_OUTLINE = { color: UNCOVERED_LINE, widthPx: 1.5 } as const;
export type LayerGroup = keyof typeof LAYER_GROUPS;

const empty = (): maplibregl.GeoJSONSourceSpecification => ({
  type: 'geojson',
  data: { type: 'FeatureCollection', features: [] },
});

/**
 * The grid sources: 100 m cells need no tiles beyond z14 (overzoomed above), and a small tile
 * buffer is enough for squares; both cut the worker's tiling time for ~25 000 cells.
 */
const gridSource = (): maplibregl.GeoJSONSourceSpecification => ({ ...empty(), maxzoom: 14, buffer: 16 });

/** True for cells outside every service circle of the last analysis (set by the controller). */
const uncovered: maplibregl.ExpressionSpecification = ['boolean', ['feature-state', 'uncovered'], false];

const illustrative: maplibregl.ExpressionSpecification = ['==', ['to-number', ['get', 'illustrative'], 0], 1];

/** Facilities not built yet (planned, proposed): they carry a status ring (facility_style.ts). */
export const UNBUILT_FILTER: maplibregl.FilterSpecification = ['in', ['get', 'status'], ['literal', [...UNBUILT_STATUSES]]];

/** Dot radius of a facility in px by zoom, plus `extra` px (a number or a per-feature expression). */
const facilityRadius = (extra: number | maplibregl.ExpressionSpecification): maplibregl.ExpressionSpecification =>
  ['interpolate', ['linear'], ['zoom'], 10, ['+', 5, extra], 15, ['+', 9, extra]];

/** The status ring sits STATUS_RING_GAP outside the dot's stroke (thicker on illustrative records). */
const ringOffset = (): maplibregl.ExpressionSpecification => [
  'case',
  illustrative,
  FACILITY_STROKE.illustrative + STATUS_RING_GAP,
  FACILITY_STROKE.real + STATUS_RING_GAP,
];

export function buildMapStyle(): maplibregl.StyleSpecification {
  return {
    version: 8,
    name: 'siting-offline',
    sources: {
      [SOURCE.population]: gridSource(),
      [SOURCE.populationPoints]: gridSource(),
      [SOURCE.circles]: empty(),
      [SOURCE.boundaries]: empty(),
      [SOURCE.facilities]: empty(),
      [SOURCE.uncoveredAreas]: empty(),
      [SOURCE.areaLabels]: empty(),
      [SOURCE.studyArea]: empty(),
      ...workspaceSources(),
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#f4f3ef' } },
      { id: FIRST_PROJECT_LAYER, type: 'background', layout: { visibility: 'none' }, paint: { 'background-color': '#000000' } },
      {
        // Opaque and antialiased: 100 m cells stay visible when smaller than a pixel, and neither
        // tile edges nor overlapping cell edges show as seams. With a basemap the controller lowers
        // the opacity so streets show through.
        id: 'population-fill',
        type: 'fill',
        source: SOURCE.population,
        paint: { 'fill-color': NO_DATA_COLOR, 'fill-opacity': 1, 'fill-antialias': true },
      },
      {
        id: 'population-points',
        type: 'circle',
        source: SOURCE.populationPoints,
        paint: { 'circle-color': NO_DATA_COLOR, 'circle-radius': 3 },
      },
      {
        // Uncovered cells are marked with feature state on the grid source, so a new analysis
        // changes no geometry and needs no re-tiling.
        id: 'uncovered-hatch',
        type: 'fill',
        source: SOURCE.population,
        paint: { 'fill-pattern': 'uncovered-hatch', 'fill-antialias': false, 'fill-opacity': ['case', uncovered, 1, 0] },
      },
      {
        // Cell outlines (cells not on one regular grid: no union outline is built for them).
        id: 'uncovered-line',
        type: 'line',
        source: SOURCE.population,
        paint: { 'line-color': UNCOVERED_OUTLINE.color, 'line-width': UNCOVERED_OUTLINE.widthPx, 'line-opacity': ['case', uncovered, 1, 0] },
      },
      {
        id: 'uncovered-points',
        type: 'circle',
        source: SOURCE.populationPoints,
        paint: {
          'circle-radius': 5,
          'circle-opacity': 0,
          'circle-stroke-color': UNCOVERED_OUTLINE.color,
          'circle-stroke-width': UNCOVERED_OUTLINE.widthPx,
          'circle-stroke-opacity': ['case', uncovered, 1, 0],
        },
      },
      {
        id: 'uncovered-area-hatch',
        type: 'fill',
        source: SOURCE.uncoveredAreas,
        paint: { 'fill-pattern': 'uncovered-hatch', 'fill-antialias': false },
      },
      {
        // The outline of the uncovered areas at every zoom: marks them without changing the class colours.
        id: 'uncovered-area-line',
        type: 'line',
        source: SOURCE.uncoveredAreas,
        paint: { 'line-color': UNCOVERED_OUTLINE.color, 'line-width': UNCOVERED_OUTLINE.widthPx, 'line-opacity': 1 },
      },
      ...contextLayers(),
      {
        id: 'circles-fill',
        type: 'fill',
        source: SOURCE.circles,
        paint: { 'fill-color': CIRCLE_FILL, 'fill-opacity': 0.12 },
      },
      {
        id: 'circles-line',
        type: 'line',
        source: SOURCE.circles,
        paint: { 'line-color': CIRCLE_LINE, 'line-width': 1.5, 'line-opacity': 0.9 },
      },
      ...serviceAreaLayers(),
      {
        id: 'boundary-line',
        type: 'line',
        source: SOURCE.boundaries,
        paint: { 'line-color': BOUNDARY_LINE, 'line-width': 2, 'line-dasharray': [3, 2] },
      },
      {
        // Outside the study area: dimmed (analysis, gaps and suggestions are limited to the inside).
        id: 'study-area-mask',
        type: 'fill',
        source: SOURCE.studyArea,
        filter: ['==', ['get', 'part'], 'outside'],
        paint: { 'fill-color': STUDY_AREA_MASK, 'fill-opacity': 0.35 },
      },
      {
        id: 'study-area-line',
        type: 'line',
        source: SOURCE.studyArea,
        filter: ['==', ['get', 'part'], 'outline'],
        paint: { 'line-color': STUDY_AREA_LINE, 'line-width': 3 },
      },
      {
        // Under the dots: a white disc with a dark edge around planned and proposed facilities,
        // a ring that stands out on any population colour.
        id: 'facilities-status-ring',
        type: 'circle',
        source: SOURCE.facilities,
        filter: UNBUILT_FILTER,
        paint: {
          'circle-radius': facilityRadius(ringOffset()),
          'circle-color': '#ffffff',
          'circle-opacity': 0.9,
          'circle-stroke-color': STATUS_RING,
          'circle-stroke-width': STATUS_RING_WIDTH,
        },
      },
      {
        id: 'facilities-circle',
        type: 'circle',
        source: SOURCE.facilities,
        paint: {
          'circle-radius': facilityRadius(0),
          // Proposed (not yet decided) facilities are faded; the ring above says "not built yet".
          'circle-opacity': ['case', ['==', ['get', 'status'], 'proposed'], PROPOSED_OPACITY, 1],
          // Illustrative (made-up) facilities are hollow: white inside a ring of their kind's colour.
          'circle-color': ['case', illustrative, '#ffffff', facilityColorExpression() as maplibregl.ExpressionSpecification],
          'circle-stroke-color': ['case', illustrative, facilityColorExpression() as maplibregl.ExpressionSpecification, '#ffffff'],
          'circle-stroke-width': ['case', illustrative, FACILITY_STROKE.illustrative, FACILITY_STROKE.real],
          // Faded too: for illustrative (hollow) records the kind colour is in the stroke.
          'circle-stroke-opacity': ['case', ['==', ['get', 'status'], 'proposed'], PROPOSED_OPACITY + 0.15, 1],
        },
      },
      ...siteLayers(),
      ...labelLayers(),
    ],
  };
}
