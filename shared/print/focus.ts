/**
 * A sheet focused on one unit (an atlas page, shared/print/atlas.ts): the unit's extent to fit the
 * frame to, a grey mask over the map outside the unit with the unit's outline on top, a small table
 * of the unit's figures above the notes, and the page number at the title band's right end.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import type { DisplayItem } from './display_list';
import type { SheetLayout, SheetSizes } from './layout';
import { lonLatToPage, type MapFrame, type RectMm } from './map_frame';
import { geometryBbox } from '../geodesy/bbox';

/** The unit a sheet shows: the frame fits its extent grown by the margin; the rest of the map is greyed. */
export interface SheetFocus {
  readonly name: string;
  readonly geometry: Polygon | MultiPolygon;
  /** Margin around the unit's extent on each side, as a share of its size (default 0.08). */
  readonly marginShare?: number;
}

/** A small table in the marginalia, above the notes: a heading and label–value rows. */
export interface SheetFigures {
  readonly heading: string;
  readonly rows: ReadonlyArray<readonly [string, string]>;
}

export const DEFAULT_FOCUS_MARGIN = 0.08;
const MASK_FILL = '#757575';
const MASK_OPACITY = 0.55;
const FOCUS_LINE = '#0d47a1';
const TEXT = '#212121';
const MUTED = '#616161';

const polygonsOf = (geometry: Polygon | MultiPolygon) => (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates);

/**
 * [west, south, east, north] of a (multi)polygon's outer rings, WGS84.
 * @example geometryBounds({ type: 'Polygon', coordinates: [[[114, 30], [115, 30], [115, 31], [114, 30]]] }) // [114, 30, 115, 31]
 */
export function geometryBounds(geometry: Polygon | MultiPolygon): [number, number, number, number] {
  const box = geometryBbox(geometry);
  if (!box) throw new RangeError('the unit has no outline to print');
  return box;
}

/**
 * The mask and the outline, in page mm: one even-odd path of the frame's rectangle with the unit's
 * rings as holes (a hole of the unit is outside it, so it is greyed too), then the unit's outline.
 */
export function focusItems(frame: MapFrame, focus: SheetFocus, sizes: SheetSizes): DisplayItem[] {
  const { xMm, yMm, widthMm, heightMm } = frame.rect;
  const rings: number[][] = [];
  for (const polygon of polygonsOf(focus.geometry)) {
    for (const ring of polygon) {
      const flat: number[] = [];
      for (const [lon, lat] of ring) flat.push(...lonLatToPage(frame, lon, lat));
      rings.push(flat);
    }
  }
  const outside = [xMm, yMm, xMm + widthMm, yMm, xMm + widthMm, yMm + heightMm, xMm, yMm + heightMm];
  return [
    { kind: 'path', rings: [outside, ...rings], closed: true, fill: MASK_FILL, fillOpacity: MASK_OPACITY, fillRule: 'evenodd' },
    { kind: 'path', rings, closed: true, stroke: '#ffffff', strokeWidthMm: sizes.lineMm * 4.5 },
    { kind: 'path', rings, closed: true, stroke: FOCUS_LINE, strokeWidthMm: sizes.lineMm * 2.5 },
  ];
}

/** Line height of the figures table, mm. */
const rowHeightMm = (sizes: SheetSizes) => sizes.textMm * 1.5;

/** The height the figures table takes above the notes (with a gap below it), mm. */
export function figuresHeightMm(figures: SheetFigures | undefined, sizes: SheetSizes): number {
  return figures ? (figures.rows.length + 1.3) * rowHeightMm(sizes) + sizes.gapMm * 0.5 : 0;
}

/** The table from the top of `box`: the heading in bold, then each row's label and its value right-aligned. */
export function figuresItems(box: RectMm, figures: SheetFigures, sizes: SheetSizes): DisplayItem[] {
  const line = rowHeightMm(sizes);
  const right = box.xMm + box.widthMm;
  let y = box.yMm + sizes.headingMm;
  // The heading names the unit: a stroke of its outline before it says which line on the map it is.
  const swatch = sizes.textMm * 1.6;
  const lineY = y - sizes.headingMm * 0.32;
  const items: DisplayItem[] = [
    { kind: 'path', rings: [[box.xMm, lineY, box.xMm + swatch, lineY]], closed: false, stroke: FOCUS_LINE, strokeWidthMm: sizes.lineMm * 2.5 },
    { kind: 'text', text: figures.heading, xMm: box.xMm + swatch + sizes.textMm * 0.8, yMm: y, sizeMm: sizes.headingMm * 0.9, anchor: 'start', bold: true, color: TEXT },
  ];
  y += line * 0.3;
  for (const [label, value] of figures.rows) {
    y += line;
    items.push({ kind: 'path', rings: [[box.xMm, y + sizes.textMm * 0.35, right, y + sizes.textMm * 0.35]], closed: false, stroke: '#e0e0e0', strokeWidthMm: sizes.lineMm * 0.5 });
    items.push({ kind: 'text', text: label, xMm: box.xMm, yMm: y, sizeMm: sizes.textMm, anchor: 'start', color: MUTED });
    items.push({ kind: 'text', text: value, xMm: right, yMm: y, sizeMm: sizes.textMm, anchor: 'end', bold: true, color: TEXT });
  }
  return items;
}

/** "3/10" at the right end of the title band. */
export function pageLabelItems(layout: SheetLayout, label: string): DisplayItem[] {
  const { title: box, sizes } = layout;
  return [{ kind: 'text', text: label, xMm: box.xMm + box.widthMm, yMm: box.yMm + sizes.titleMm * 1.05, sizeMm: sizes.textMm, anchor: 'end', color: MUTED }];
}
