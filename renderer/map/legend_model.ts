/**
 * What the map legend shows, computed from the map's own style objects: each entry's swatch reads
 * the paint values of the very layers it stands for (buildMapStyle), so legend and map cannot
 * disagree. Only groups drawn now get an entry: a group without data, switched off by the user or
 * suppressed by the app (see LayerSettings.setSuppressed) is not listed (its switch stays in the
 * layers panel).
 */
import type * as maplibregl from 'maplibre-gl';
import type { ClassBreaks } from '../../shared/map_style/class_breaks';
import type { ClassDomainKind } from '../../shared/map_style/class_domain';
import type { CatalogGroup } from './layer_catalog';
import { LABEL_HALO, LABEL_STYLES } from './label_style';
import { buildMapStyle } from './map_style';
import { UNCOVERED_SHADE_RGBA } from './population_raster_layer';

let layersById: Map<string, maplibregl.LayerSpecification> | null = null;

/** A layer of the base style by id (the style is built once). */
export function styleLayer(id: string): maplibregl.LayerSpecification {
  layersById ??= new Map(buildMapStyle().layers.map((layer) => [layer.id, layer]));
  const layer = layersById.get(id);
  if (!layer) throw new Error(`layer ${id} is not in the map style`);
  return layer;
}

/** A paint value of a base-style layer (a constant; expressions are not legend material). */
export function paintOf(id: string, property: string): string | number {
  const paint = (styleLayer(id) as { paint?: Record<string, unknown> }).paint ?? {};
  const value = paint[property];
  if (typeof value !== 'string' && typeof value !== 'number') throw new Error(`${id} ${property} is not a constant`);
  return value;
}

export type Swatch =
  | { kind: 'fill'; fill: string; fillOpacity: number; stroke: string; strokeWidth: number }
  | { kind: 'line'; color: string; width: number; dashed: boolean }
  | { kind: 'ring'; fill: string; fillOpacity: number; stroke: string; dashed: boolean }
  | { kind: 'text'; colors: string[]; halo: string }
  /** The uncovered symbol over each class colour, as drawn: outline, hatch tile or shade. */
  | { kind: 'uncovered'; display: 'outline' | 'hatch' | 'shade'; stroke: string; strokeWidth: number; over: string[]; shaded: string[] };

export interface LegendEntry {
  group: CatalogGroup;
  swatch: Swatch;
  /** Figures for the label (counts, radius). */
  count?: number;
  proposals?: number;
  radiusM?: number;
  /** Estates: which of the two symbols are on the map. */
  marker?: boolean;
  polygon?: boolean;
}

export interface LegendInput {
  /** Drawn now: switched on and not suppressed. */
  drawn: (group: CatalogGroup) => boolean;
  classes: ClassBreaks | null;
  classDomain: ClassDomainKind;
  uncoveredCells: number | null;
  uncoveredDisplay: 'outline' | 'hatch';
  /** Large grids mark uncovered cells with a shade instead of outlines. */
  uncoveredShade: boolean;
  /** Service circles of facilities in service, and proposals of the analysis kinds with their circles. */
  circles: number;
  proposalCircles: number;
  radiusM: number;
  proposals: number;
  /** Estates drawn as polygons (fill + outline) and as points (square marker). */
  estatePolygons: number;
  estatePoints: number;
  roads: number;
  candidates: number;
  boundaries: number;
  /** Areas making up the study area (0: the whole project, nothing drawn). */
  studyAreas: number;
  /** Features that can carry a name label (facilities, proposals, estates, boundaries). */
  labelled: number;
}

/** `#rrggbb` over `#rrggbb` with alpha 0..255 → `#rrggbb` (what the canvas composites). */
export function composite(under: string, rgba: readonly [number, number, number, number]): string {
  const value = Number.parseInt(under.slice(1), 16);
  const base = [(value >> 16) & 255, (value >> 8) & 255, value & 255];
  const a = rgba[3] / 255;
  return `#${base.map((channel, i) => Math.round(rgba[i] * a + channel * (1 - a)).toString(16).padStart(2, '0')).join('')}`;
}

/** Legend entries top to bottom (the map's draw order reversed), for the groups drawn now. */
export function legendEntries(input: LegendInput): LegendEntry[] {
  const entries: LegendEntry[] = [];
  const add = (group: CatalogGroup, present: boolean, make: () => Omit<LegendEntry, 'group'>) => {
    if (present && input.drawn(group)) entries.push({ group, ...make() });
  };
  add('labels', input.labelled > 0, () => ({
    swatch: { kind: 'text', colors: LABEL_STYLES.map((style) => String(paintOf(style.layer, 'text-color'))), halo: String(paintOf(LABEL_STYLES[0].layer, 'text-halo-color')) || LABEL_HALO },
  }));
  add('proposals', input.proposals > 0, () => ({
    count: input.proposals,
    swatch: { kind: 'ring', fill: '#ffffff', fillOpacity: 1, stroke: String(paintOf('proposals-circle', 'circle-stroke-color')), dashed: false },
  }));
  add('candidates', input.candidates > 0, () => ({
    count: input.candidates,
    swatch: { kind: 'ring', fill: String(paintOf('candidates-circle', 'circle-color')), fillOpacity: 1, stroke: String(paintOf('candidates-circle', 'circle-stroke-color')), dashed: false },
  }));
  add('studyArea', input.studyAreas > 0, () => ({
    count: input.studyAreas,
    swatch: {
      kind: 'fill',
      fill: String(paintOf('study-area-mask', 'fill-color')),
      fillOpacity: Number(paintOf('study-area-mask', 'fill-opacity')),
      stroke: String(paintOf('study-area-line', 'line-color')),
      strokeWidth: Number(paintOf('study-area-line', 'line-width')),
    },
  }));
  add('boundaries', input.boundaries > 0, () => ({
    swatch: { kind: 'line', color: String(paintOf('boundary-line', 'line-color')), width: Number(paintOf('boundary-line', 'line-width')), dashed: true },
  }));
  add('proposalCircles', input.proposalCircles > 0, () => ({
    count: input.proposalCircles,
    radiusM: input.radiusM,
    swatch: {
      kind: 'ring',
      fill: String(paintOf('proposal-circles-fill', 'fill-color')),
      fillOpacity: Number(paintOf('proposal-circles-fill', 'fill-opacity')),
      stroke: String(paintOf('proposal-circles-line', 'line-color')),
      dashed: true,
    },
  }));
  add('circles', input.circles + input.proposalCircles > 0, () => ({
    count: input.circles + input.proposalCircles,
    proposals: input.proposalCircles,
    radiusM: input.radiusM,
    swatch: {
      kind: 'ring',
      fill: String(paintOf('circles-fill', 'fill-color')),
      fillOpacity: Number(paintOf('circles-fill', 'fill-opacity')),
      stroke: String(paintOf('circles-line', 'line-color')),
      dashed: false,
    },
  }));
  add('roads', input.roads > 0, () => ({ count: input.roads, swatch: { kind: 'line', color: String(paintOf('roads-line', 'line-color')), width: 2, dashed: false } }));
  add('estates', input.estatePolygons + input.estatePoints > 0, () => ({
    count: input.estatePolygons + input.estatePoints,
    marker: input.estatePoints > 0,
    polygon: input.estatePolygons > 0,
    swatch: {
      kind: 'fill',
      fill: String(paintOf('estates-fill', 'fill-color')),
      fillOpacity: Number(paintOf('estates-fill', 'fill-opacity')),
      stroke: String(paintOf('estates-line', 'line-color')),
      strokeWidth: Number(paintOf('estates-line', 'line-width')),
    },
  }));
  add('uncovered', input.uncoveredCells !== null, () => {
    const display = input.uncoveredShade ? 'shade' : input.uncoveredDisplay;
    const over = input.classes?.colors ?? [];
    return {
      count: input.uncoveredCells ?? 0,
      swatch: {
        kind: 'uncovered',
        display,
        stroke: String(paintOf('uncovered-area-line', 'line-color')),
        strokeWidth: Number(paintOf('uncovered-area-line', 'line-width')),
        over,
        shaded: display === 'shade' ? over.map((color) => composite(color, UNCOVERED_SHADE_RGBA)) : over,
      },
    };
  });
  return entries;
}
