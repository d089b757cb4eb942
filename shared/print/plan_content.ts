/**
 * The planning content of a sheet inside the map frame: an analysis's result (service circles in circle
 * mode, the merged walking service areas per threshold in network mode, and the gaps — uncovered cells
 * with older people — hatched so the population colours under them stay readable), the estates coloured
 * by their review verdict, and the scenario's proposals as facility symbols (drawn and labelled with the
 * facilities: map_content.ts). Colours are the app's (shared/map_style/plan_colors.ts, facility_style.ts).
 */
import type { MultiPolygon, Point, Polygon } from 'geojson';
import type { AnalysisResult, ThresholdResult } from '../engine/analysis/accessibility_analysis';
import { DEG_TO_RAD, EARTH_RADIUS_M } from '../geodesy/haversine';
import { CIRCLE_FILL, CIRCLE_LINE, UNCOVERED_HATCH } from '../map_style/facility_style';
import { ESTATE_VERDICT_COLORS, GAP_LINE, SERVICE_AREA_FILL, SERVICE_AREA_LINE } from '../map_style/plan_colors';
import type { FacilityKind } from '../schemas/entities';
import type { EstateVerdict } from '../usecases/review_estate';
import type { DisplayItem } from './display_list';
import type { SheetSizes } from './layout';
import type { PrintFacility } from './map_content';
import { lonLatToPage, type MapFrame } from './map_frame';
import { percent, planWords, type PlanWords } from './plan_words';
import type { PrintLanguage } from './print_words';

/** A proposal of the scenario as printed: its symbol by kind, its label with places and floor area. */
export interface PrintProposal {
  readonly name: string;
  readonly kind: FacilityKind;
  readonly lon: number;
  readonly lat: number;
  /** Day places; null when the proposal states none. */
  readonly capacity: number | null;
  readonly floorAreaM2: number | null;
}

/** An estate with the verdict of its latest stored review. */
export interface PrintEstate {
  readonly name: string | null;
  readonly verdict: EstateVerdict;
  readonly geometry: Point | Polygon | MultiPolygon;
}

/** An analysis run for the print: its result and the facilities it counted (circle centres). */
export interface PrintAnalysis {
  readonly result: AnalysisResult;
  readonly facilities: readonly { readonly lon: number; readonly lat: number }[];
  /** The facility kinds counted, as printed (e.g. "日间照料中心、社区养老服务站"). */
  readonly kindsText: string;
}

/** What a scenario and an analysis add to a sheet. */
export interface PrintPlan {
  /** The scenario's name; null for the facilities in service alone. */
  readonly scenario: string | null;
  readonly proposals: readonly PrintProposal[];
  readonly analysis: PrintAnalysis | null;
  readonly estates: readonly PrintEstate[];
}

/** Vertices of a printed service circle (a 1000 m circle at 1:50,000 is 20 mm: 128 chords stay within 0.01 mm). */
const CIRCLE_STEPS = 128;

/**
 * The geodesic circle of `radiusM` around (lon, lat) on the sphere of the coverage computation
 * (haversine, EARTH_RADIUS_M), as a closed WGS84 ring, clockwise from north.
 * @example geodesicCircle(114.3, 30.6, 1000, 4)[0] // [114.3, 30.60899…] (due north)
 */
export function geodesicCircle(lon: number, lat: number, radiusM: number, steps = CIRCLE_STEPS): Array<[number, number]> {
  const d = radiusM / EARTH_RADIUS_M;
  const phi = lat * DEG_TO_RAD;
  const lambda = lon * DEG_TO_RAD;
  const ring: Array<[number, number]> = [];
  for (let i = 0; i < steps; i++) {
    const bearing = (2 * Math.PI * i) / steps;
    const phi2 = Math.asin(Math.sin(phi) * Math.cos(d) + Math.cos(phi) * Math.sin(d) * Math.cos(bearing));
    const lambda2 = lambda + Math.atan2(Math.sin(bearing) * Math.sin(d) * Math.cos(phi), Math.cos(d) - Math.sin(phi) * Math.sin(phi2));
    ring.push([lambda2 / DEG_TO_RAD, phi2 / DEG_TO_RAD]);
  }
  return ring;
}

/** Polygon or MultiPolygon coordinates as polygons of rings. */
function polygonsOf(geometry: { type: string; coordinates: unknown }): number[][][][] {
  if (geometry.type === 'Polygon') return [geometry.coordinates as number[][][]];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates as number[][][][];
  return [];
}

/** A ring of lon/lat pairs projected onto the page, flat [x0, y0, x1, y1, …] mm. */
function pageRing(frame: MapFrame, ring: readonly (readonly number[])[]): number[] {
  const flat: number[] = [];
  for (const [lon, lat] of ring) flat.push(...lonLatToPage(frame, lon, lat));
  return flat;
}

/** The thresholds of the result, largest first (drawn under the smaller ones). */
function byLimitDescending(result: AnalysisResult): ThresholdResult[] {
  return [...result.thresholds].sort((a, b) => b.limitM - a.limitM);
}

/**
 * Line style of a threshold by its rank from the smallest (0): the smallest solid and thickest, larger
 * ones thinner and dashed (as the app draws nested service areas).
 */
export function thresholdLine(rank: number, sizes: SheetSizes): { strokeWidthMm: number; dashMm?: number[] } {
  const width = sizes.lineMm * Math.max(1.1, 2.2 - 0.5 * rank);
  if (rank === 0) return { strokeWidthMm: width };
  const unit = sizes.lineMm * 4;
  return { strokeWidthMm: width, dashMm: rank === 1 ? [3 * unit, 1.5 * unit] : [1 * unit, 1 * unit] };
}

/** The rank of each threshold from the smallest, by label. */
function thresholdRanks(result: AnalysisResult): Map<string, number> {
  return new Map([...result.thresholds].sort((a, b) => a.limitM - b.limitM).map((t, index) => [t.label, index]));
}

/**
 * Circle mode: for each radius (largest first) one filled path of every facility's circle (one path
 * with the nonzero rule, so overlapping circles do not darken) and the circles' outlines.
 */
function serviceCircleItems(frame: MapFrame, analysis: PrintAnalysis, sizes: SheetSizes): DisplayItem[] {
  const items: DisplayItem[] = [];
  const ranks = thresholdRanks(analysis.result);
  for (const threshold of byLimitDescending(analysis.result)) {
    const radiusM = threshold.radiusM ?? threshold.limitM;
    const rings = analysis.facilities.map((f) => pageRing(frame, geodesicCircle(f.lon, f.lat, radiusM)));
    if (rings.length === 0) continue;
    items.push({ kind: 'path', rings, closed: true, fill: CIRCLE_FILL, fillOpacity: 0.12 });
    items.push({ kind: 'path', rings, closed: true, stroke: CIRCLE_LINE, strokeOpacity: 0.9, ...thresholdLine(ranks.get(threshold.label) ?? 0, sizes) });
  }
  return items;
}

/** Network mode: the merged service area of every threshold (largest first), filled lightly and outlined. */
function serviceAreaItems(frame: MapFrame, analysis: PrintAnalysis, sizes: SheetSizes): DisplayItem[] {
  const items: DisplayItem[] = [];
  const ranks = thresholdRanks(analysis.result);
  const merged = (analysis.result.serviceAreas?.features ?? []).filter((f) => f.properties.facilityId === null);
  const order = [...merged].sort((a, b) => b.properties.limitM - a.properties.limitM);
  for (const feature of order) {
    const rings = polygonsOf(feature.geometry).flatMap((polygon) => polygon.map((ring) => pageRing(frame, ring)));
    if (rings.length === 0) continue;
    items.push({ kind: 'path', rings, closed: true, fill: SERVICE_AREA_FILL, fillOpacity: 0.1, fillRule: 'evenodd' });
    items.push({ kind: 'path', rings, closed: true, stroke: SERVICE_AREA_LINE, strokeOpacity: 0.9, ...thresholdLine(ranks.get(feature.properties.label) ?? 0, sizes) });
  }
  return items;
}

/**
 * Diagonal hatch lines (↗, `spacingMm` apart) inside polygons given as page rings (even–odd: holes
 * stay clear), as segments [x0, y0, x1, y1]. Each edge is met only by the lines within its own span.
 * @example hatchSegments([[0, 0, 10, 0, 10, 10, 0, 10]], 5).length // 3 (lines x + y = 5, 10, 15)
 */
export function hatchSegments(rings: readonly (readonly number[])[], spacingMm: number): number[][] {
  // Lines x + y = c; along a line, its points are ordered by x.
  const hits = new Map<number, number[]>();
  for (const ring of rings) {
    const count = ring.length / 2;
    for (let i = 0; i < count; i++) {
      const x1 = ring[2 * i], y1 = ring[2 * i + 1];
      const j = (i + 1) % count;
      const x2 = ring[2 * j], y2 = ring[2 * j + 1];
      const c1 = x1 + y1, c2 = x2 + y2;
      if (c1 === c2) continue;
      const lo = Math.min(c1, c2), hi = Math.max(c1, c2);
      // Half-open [lo, hi): a vertex on a line is counted once.
      for (let k = Math.ceil(lo / spacingMm); k * spacingMm < hi; k++) {
        const c = k * spacingMm;
        const t = (c - c1) / (c2 - c1);
        const x = x1 + t * (x2 - x1);
        let list = hits.get(k);
        if (!list) hits.set(k, (list = []));
        list.push(x);
      }
    }
  }
  const segments: number[][] = [];
  for (const [k, xs] of hits) {
    const c = k * spacingMm;
    xs.sort((a, b) => a - b);
    for (let i = 0; i + 1 < xs.length; i += 2) {
      // a line through a corner only touches the polygon
      if (xs[i + 1] - xs[i] > 1e-9) segments.push([xs[i], c - xs[i], xs[i + 1], c - xs[i + 1]]);
    }
  }
  return segments;
}

/** The hatch's spacing and line width, mm (the app's uncovered-cell hatch, at print size). */
export function gapHatchPaint(sizes: SheetSizes): { spacingMm: number; strokeWidthMm: number } {
  return { spacingMm: sizes.lineMm * 4, strokeWidthMm: sizes.lineMm * 0.5 };
}

/** The gaps: uncovered cells with older people, hatched, with a thin outline in the gap colour. */
function gapItems(frame: MapFrame, analysis: PrintAnalysis, sizes: SheetSizes): DisplayItem[] {
  const features = analysis.result.gaps?.geojson.features ?? [];
  const { spacingMm, strokeWidthMm } = gapHatchPaint(sizes);
  const segments: number[][] = [];
  const outlines: number[][] = [];
  for (const feature of features) {
    for (const polygon of polygonsOf(feature.geometry as { type: string; coordinates: unknown })) {
      const rings = polygon.map((ring) => pageRing(frame, ring));
      outlines.push(...rings);
      segments.push(...hatchSegments(rings, spacingMm));
    }
  }
  if (outlines.length === 0) return [];
  return [
    { kind: 'path', rings: segments, closed: false, stroke: UNCOVERED_HATCH, strokeWidthMm, strokeOpacity: 0.85 },
    { kind: 'path', rings: outlines, closed: true, stroke: GAP_LINE, strokeWidthMm: sizes.lineMm * 0.6, strokeOpacity: 0.8 },
  ];
}

/** An estate symbol (point) or swatch: a dot in its verdict's colour with a white edge. */
export function estateDot(verdict: EstateVerdict, x: number, y: number, radiusMm: number): DisplayItem {
  return { kind: 'circle', cxMm: x, cyMm: y, rMm: radiusMm, fill: ESTATE_VERDICT_COLORS[verdict], stroke: '#ffffff', strokeWidthMm: radiusMm * 0.3 };
}

/** The estates by verdict: polygons outlined and lightly filled, points as dots. */
function estateItems(frame: MapFrame, estates: readonly PrintEstate[], sizes: SheetSizes): DisplayItem[] {
  const areas: DisplayItem[] = [];
  const dots: DisplayItem[] = [];
  for (const estate of estates) {
    const color = ESTATE_VERDICT_COLORS[estate.verdict];
    if (estate.geometry.type === 'Point') {
      const [x, y] = lonLatToPage(frame, estate.geometry.coordinates[0], estate.geometry.coordinates[1]);
      dots.push(estateDot(estate.verdict, x, y, sizes.symbolRadiusMm * 0.75));
    } else {
      const rings = polygonsOf(estate.geometry).flatMap((polygon) => polygon.map((ring) => pageRing(frame, ring)));
      areas.push({ kind: 'path', rings, closed: true, fill: color, fillOpacity: 0.15, fillRule: 'evenodd', stroke: color, strokeWidthMm: sizes.lineMm * 1.8 });
    }
  }
  return [...areas, ...dots];
}

/**
 * What the plan draws under the boundaries and facilities: gaps, service circles or areas, estates.
 * @example planUnderItems(frame, plan, layout.sizes) // [hatch, gap outlines, circle fill, circle outlines, …]
 */
export function planUnderItems(frame: MapFrame, plan: PrintPlan | undefined, sizes: SheetSizes): DisplayItem[] {
  if (!plan) return [];
  const items: DisplayItem[] = [];
  const analysis = plan.analysis;
  if (analysis) {
    items.push(...gapItems(frame, analysis, sizes));
    items.push(...(analysis.result.mode === 'circle' ? serviceCircleItems(frame, analysis, sizes) : serviceAreaItems(frame, analysis, sizes)));
  }
  items.push(...estateItems(frame, plan.estates, sizes));
  return items;
}

/** The scenario's proposals as facilities to draw and label with the others (symbol: map_content.ts). */
export function proposalFacilities(plan: PrintPlan | undefined, language: PrintLanguage): PrintFacility[] {
  if (!plan) return [];
  const words = planWords(language);
  return plan.proposals.map((p) => ({
    name: p.name,
    label: words.proposalLabel(p.name, p.capacity, p.floorAreaM2),
    kind: p.kind,
    status: 'existing',
    lon: p.lon,
    lat: p.lat,
    illustrative: false,
    proposal: true,
  }));
}

/** The notes of the plan: the analysis as run and its figures per threshold (older people covered). */
export function planNotes(plan: PrintPlan | undefined, language: PrintLanguage, groupThousands: (n: number) => string): Array<{ text: string; color?: string; bold?: boolean }> {
  const analysis = plan?.analysis;
  if (!analysis) return [];
  const words = planWords(language);
  const { result } = analysis;
  const notes: Array<{ text: string; color?: string; bold?: boolean }> = [
    { text: words.analysisNote(result.mode, result.speedMps, analysis.kindsText, plan.scenario), color: '#212121' },
  ];
  for (const t of [...result.thresholds].sort((a, b) => a.limitM - b.limitM)) {
    notes.push({ text: words.figures(t, groupThousands(t.elderly.covered), groupThousands(t.elderly.total), percentOf(t)), color: '#212121', bold: true });
  }
  const capacity = result.capacity;
  if (capacity) {
    notes.push({ text: words.capacity(capacity.threshold, capacity.uptakeRate, groupThousands(capacity.totals.demand), groupThousands(capacity.totals.served)), color: '#212121' });
  }
  return notes;
}

function percentOf(t: ThresholdResult): string {
  return percent(t.elderly.ratio);
}

/** What the legend shows of the plan (only what is drawn). */
export interface PlanLegend {
  /** A scenario or an analysis decides which facilities are drawn: those that count. */
  countsFacilities: boolean;
  /** Proposal kinds drawn in the frame. */
  proposalKinds: FacilityKind[];
  analysis: { mode: 'circle' | 'network'; thresholds: Array<{ rank: number; text: string }>; gaps: boolean } | null;
  verdicts: EstateVerdict[];
}

/** The plan's legend entries from what was drawn. */
export function planLegend(plan: PrintPlan | undefined, drawn: readonly PrintFacility[], words: PlanWords): PlanLegend | null {
  if (!plan) return null;
  const proposalKinds = [...new Set(drawn.filter((f) => f.proposal).map((f) => f.kind))];
  const analysis = plan.analysis;
  const ranks = analysis ? thresholdRanks(analysis.result) : new Map<string, number>();
  const verdictOrder: EstateVerdict[] = ['compliant', 'non_compliant', 'incomplete'];
  return {
    countsFacilities: plan.scenario !== null || plan.analysis !== null,
    proposalKinds,
    analysis: analysis
      ? {
          mode: analysis.result.mode,
          thresholds: [...analysis.result.thresholds]
            .sort((a, b) => a.limitM - b.limitM)
            .map((t) => ({ rank: ranks.get(t.label) ?? 0, text: words.thresholdEntry(t, percentOf(t)) })),
          gaps: (analysis.result.gaps?.geojson.features.length ?? 0) > 0,
        }
      : null,
    verdicts: verdictOrder.filter((v) => plan.estates.some((e) => e.verdict === v)),
  };
}
