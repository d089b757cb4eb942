/**
 * What is drawn inside the map frame: the population grid image, boundaries, facility symbols by kind
 * and status (the app's map style: shared/map_style/facility_style.ts), and facility labels placed
 * around their symbols without overlapping each other, the symbols or the frame's edge.
 */
import type { LineString, MultiPolygon, Polygon } from 'geojson';
import { BOUNDARY_LINE, FACILITY_KIND_COLORS, PROPOSED_OPACITY, STATUS_RING } from '../map_style/facility_style';
import { PROPOSAL_COLOR } from '../map_style/plan_colors';
import type { FacilityKind, FacilityStatus } from '../schemas/entities';
import type { DisplayItem } from './display_list';
import type { SheetSizes } from './layout';
import { lonLatToPage, type MapFrame } from './map_frame';
import { CAP_HEIGHT_EM, textWidthMm } from './text_measure';

export interface PrintBoundary {
  readonly name: string | null;
  readonly geometry: Polygon | MultiPolygon;
}

export interface PrintFacility {
  readonly name: string | null;
  readonly kind: FacilityKind;
  readonly status: FacilityStatus;
  readonly lon: number;
  readonly lat: number;
  readonly illustrative: boolean;
  /** A scenario's proposal (plan_content.ts): drawn with the proposal edge, labelled first. */
  readonly proposal?: boolean;
  /** The label when it is more than the name (a proposal's places and floor area). */
  readonly label?: string;
}

/** A road of the project's roads layer (context under the thematic layers). */
export interface PrintRoad {
  readonly geometry: LineString;
}

/** Roads: thin grey lines, ROAD_WIDTH_LINES × the sheet's line width. */
export const ROAD_LINE = '#b0b0b0';
export const ROAD_WIDTH_LINES = 0.6;

/**
 * The roads as one path of polylines in page mm, only those whose bounding box meets the frame (the
 * frame clips them); null when none does.
 */
export function roadItem(frame: MapFrame, roads: readonly PrintRoad[], sizes: SheetSizes): DisplayItem | null {
  const { xMm, yMm, widthMm, heightMm } = frame.rect;
  const rings: number[][] = [];
  for (const road of roads) {
    const flat: number[] = [];
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const [lon, lat] of road.geometry.coordinates) {
      const [x, y] = lonLatToPage(frame, lon, lat);
      flat.push(x, y);
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
    }
    if (flat.length >= 4 && x1 >= xMm && x0 <= xMm + widthMm && y1 >= yMm && y0 <= yMm + heightMm) rings.push(flat);
  }
  return rings.length > 0 ? { kind: 'path', rings, closed: false, stroke: ROAD_LINE, strokeWidthMm: sizes.lineMm * ROAD_WIDTH_LINES } : null;
}

/** A facility's symbol on the page (for tests and the preview's hit testing). */
export interface PlacedSymbol {
  readonly facility: PrintFacility;
  readonly xMm: number;
  readonly yMm: number;
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/**
 * Boundary outlines as paths in page mm (rings projected vertex by vertex; the frame clips them). Only
 * boundaries with a line in the frame are drawn: one that encloses the whole frame shows nothing and
 * stays out of the legend.
 */
export function boundaryItems(frame: MapFrame, boundaries: readonly PrintBoundary[], sizes: SheetSizes): DisplayItem[] {
  const { xMm, yMm, widthMm, heightMm } = frame.rect;
  const items: DisplayItem[] = [];
  for (const boundary of boundaries) {
    const polygons = boundary.geometry.type === 'Polygon' ? [boundary.geometry.coordinates] : boundary.geometry.coordinates;
    const rings: number[][] = [];
    let visible = false;
    for (const polygon of polygons) {
      for (const ring of polygon) {
        const flat: number[] = [];
        for (const [lon, lat] of ring) flat.push(...lonLatToPage(frame, lon, lat));
        for (let i = 2; i < flat.length && !visible; i += 2) {
          // a segment whose bounding box meets the frame (conservative: may draw an outline just outside)
          const sx0 = Math.min(flat[i - 2], flat[i]), sx1 = Math.max(flat[i - 2], flat[i]);
          const sy0 = Math.min(flat[i - 1], flat[i + 1]), sy1 = Math.max(flat[i - 1], flat[i + 1]);
          visible = sx1 >= xMm && sx0 <= xMm + widthMm && sy1 >= yMm && sy0 <= yMm + heightMm;
        }
        rings.push(flat);
      }
    }
    if (!visible) continue;
    items.push({ kind: 'path', rings, closed: true, stroke: BOUNDARY_LINE, strokeWidthMm: sizes.lineMm * 1.6, dashMm: [18, 3, 1, 3].map((v) => v * sizes.lineMm) });
  }
  return items;
}

/**
 * One facility symbol at (x, y): a dot in its kind's colour (hollow with a thick edge when
 * illustrative), a dark ring around planned and proposed ones, proposed ones faded.
 */
export function facilitySymbol(facility: Pick<PrintFacility, 'kind' | 'status' | 'illustrative' | 'proposal'>, x: number, y: number, radiusMm: number): DisplayItem[] {
  const color = FACILITY_KIND_COLORS[facility.kind];
  if (facility.proposal) {
    // As the app draws proposals: a dot of the kind's colour in a thick proposal-coloured edge.
    return [{ kind: 'circle', cxMm: x, cyMm: y, rMm: radiusMm * 1.1, fill: color, stroke: PROPOSAL_COLOR, strokeWidthMm: radiusMm * 0.5 }];
  }
  const opacity = facility.status === 'proposed' ? PROPOSED_OPACITY : 1;
  const items: DisplayItem[] = [];
  if (facility.status !== 'existing') {
    items.push({ kind: 'circle', cxMm: x, cyMm: y, rMm: radiusMm * 1.65, stroke: STATUS_RING, strokeWidthMm: radiusMm * 0.3 });
  }
  items.push(
    facility.illustrative
      ? { kind: 'circle', cxMm: x, cyMm: y, rMm: radiusMm * 0.8, fill: '#ffffff', fillOpacity: opacity, stroke: color, strokeWidthMm: radiusMm * 0.45, strokeOpacity: opacity }
      : { kind: 'circle', cxMm: x, cyMm: y, rMm: radiusMm, fill: color, fillOpacity: opacity, stroke: '#ffffff', strokeWidthMm: radiusMm * 0.25 },
  );
  return items;
}

/**
 * Facility symbols and their labels. Labels try eight places around the symbol (right, left, above,
 * below, then the diagonals) and take the first that stays inside the frame and clear of every symbol
 * and every label placed before; a label with no free place is left out.
 */
export function facilityItems(frame: MapFrame, facilities: readonly PrintFacility[], sizes: SheetSizes): { items: DisplayItem[]; placed: PlacedSymbol[] } {
  const { xMm, yMm, widthMm, heightMm } = frame.rect;
  const r = sizes.symbolRadiusMm;
  const placed: PlacedSymbol[] = [];
  for (const facility of facilities) {
    const [x, y] = lonLatToPage(frame, facility.lon, facility.lat);
    if (x < xMm || x > xMm + widthMm || y < yMm || y > yMm + heightMm) continue;
    placed.push({ facility, xMm: x, yMm: y });
  }
  // A scenario's proposals first, then built facilities: their labels get the best places.
  const rank = (f: PrintFacility) => (f.proposal ? 0 : f.status === 'existing' ? 1 : 2);
  const order = [...placed].sort((a, b) => rank(a.facility) - rank(b.facility));
  const symbols: DisplayItem[] = [];
  // Symbols: proposals on top of the rest.
  for (const p of [...order].sort((a, b) => Number(Boolean(a.facility.proposal)) - Number(Boolean(b.facility.proposal)))) {
    symbols.push(...facilitySymbol(p.facility, p.xMm, p.yMm, r));
  }
  // A symbol's box holds its status ring (1.65 r); labels keep a further 0.4 r away.
  const half = r * 1.7;
  const taken: Box[] = placed.map((p) => ({ x0: p.xMm - half, y0: p.yMm - half, x1: p.xMm + half, y1: p.yMm + half }));
  const labels: DisplayItem[] = [];
  const size = sizes.labelMm;
  const cap = size * CAP_HEIGHT_EM;
  const pad = 0.2 * r;
  const gap = half + 2 * pad;
  for (const p of order) {
    const text = (p.facility.label ?? p.facility.name)?.trim();
    if (!text) continue;
    const w = textWidthMm(text, size);
    const candidates: Array<[number, number, 'start' | 'middle' | 'end']> = [
      [p.xMm + gap, p.yMm + cap / 2, 'start'],
      [p.xMm - gap, p.yMm + cap / 2, 'end'],
      [p.xMm, p.yMm - gap, 'middle'],
      [p.xMm, p.yMm + gap + cap, 'middle'],
      [p.xMm + gap * 0.75, p.yMm - gap * 0.75, 'start'],
      [p.xMm - gap * 0.75, p.yMm - gap * 0.75, 'end'],
      [p.xMm + gap * 0.75, p.yMm + gap * 0.75 + cap, 'start'],
      [p.xMm - gap * 0.75, p.yMm + gap * 0.75 + cap, 'end'],
    ];
    for (const [tx, ty, anchor] of candidates) {
      const left = anchor === 'start' ? tx : anchor === 'end' ? tx - w : tx - w / 2;
      const box: Box = { x0: left - pad, y0: ty - cap - pad, x1: left + w + pad, y1: ty + size * 0.25 };
      const inside = box.x0 >= xMm && box.x1 <= xMm + widthMm && box.y0 >= yMm && box.y1 <= yMm + heightMm;
      if (!inside || taken.some((other) => overlaps(box, other))) continue;
      taken.push(box);
      labels.push({ kind: 'text', text, xMm: tx, yMm: ty, sizeMm: size, anchor, color: '#212121', haloMm: size * 0.18 });
      break;
    }
  }
  return { items: [...symbols, ...labels], placed };
}
