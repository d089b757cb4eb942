/**
 * Every switchable group of map layers, bottom to top in the default draw order, with the MapLibre
 * layer ids it stands for. The layers panel and the map legend both work on these groups.
 */
import { ANALYSIS_LAYER_GROUPS } from './analysis_style';
import { LABEL_LAYERS } from './label_style';
import { LAYER_GROUPS } from './map_style';

export const LAYER_CATALOG = {
  population: LAYER_GROUPS.population,
  uncovered: LAYER_GROUPS.uncovered,
  travelTime: ANALYSIS_LAYER_GROUPS.travelTime,
  estates: ['estates-fill', 'estates-line', 'estates-point'],
  roads: ['roads-line'],
  circles: LAYER_GROUPS.circles,
  serviceAreas: ANALYSIS_LAYER_GROUPS.serviceAreas,
  threshold300: ['threshold-300'],
  threshold500: ['threshold-500'],
  threshold1000: ['threshold-1000'],
  proposalCircles: ['proposal-circles-fill', 'proposal-circles-casing', 'proposal-circles-line'],
  gaps: ANALYSIS_LAYER_GROUPS.gaps,
  boundaries: LAYER_GROUPS.boundaries,
  studyArea: LAYER_GROUPS.studyArea,
  facilities: LAYER_GROUPS.facilities,
  candidates: ['candidates-circle'],
  sites: ANALYSIS_LAYER_GROUPS.sites,
  proposals: ['proposals-halo', 'proposals-circle'],
  labels: LABEL_LAYERS,
} as const satisfies Record<string, readonly string[]>;

export type CatalogGroup = keyof typeof LAYER_CATALOG;
export const CATALOG_GROUPS = Object.keys(LAYER_CATALOG) as CatalogGroup[];

/** Groups hidden until the user turns them on (they would clutter the first view). */
export const HIDDEN_AT_START: ReadonlySet<CatalogGroup> = new Set(['threshold300', 'threshold500', 'threshold1000']);

/** Paint properties that carry each layer type's opacity. */
export const OPACITY_PROPERTIES: Record<string, readonly string[]> = {
  fill: ['fill-opacity'],
  line: ['line-opacity'],
  circle: ['circle-opacity', 'circle-stroke-opacity'],
  raster: ['raster-opacity'],
  symbol: ['icon-opacity', 'text-opacity'],
};

/** Age groups the population layer can show (the grid's columns). */
export const AGE_GROUPS = ['elderly', 'age65', 'age80', 'population'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];
