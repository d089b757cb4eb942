/**
 * The review sheet's location map as display items (./review_sheet_page.ts places it): the frame of
 * the app's page (128 × 58 mm, renderer/components/review/ReviewSheetMap.tsx) with the same content
 * laid out by shared/usecases/review_sheet_map.ts — the estate, its care rooms, the nearest community
 * health station with the measured line, the service-radius circles — and the print pipeline's north
 * arrow and graphic scale bar (./marginalia.ts); the legend, scale and projection note beside it.
 */
import { layoutSheetMap, SHEET_MAP_COLORS as COLORS, type SheetMapLayout } from '../usecases/review_sheet_map';
import type { ReviewSheet } from '../usecases/review_sheet';
import { fillSheetText, REVIEW_SHEET_TEXT } from '../usecases/review_sheet_text';
import { rectPath, type DisplayItem } from './display_list';
import { sheetLayout, type SheetLayout } from './layout';
import { northArrowItems, scaleBarItems } from './marginalia';
import type { RectMm } from './map_frame';
import { paper } from './paper';
import { groupThousands, printWords, type PrintLanguage } from './print_words';
import { wrapText } from './text_measure';

/** The map frame, mm (the app page's). */
export const SHEET_MAP_FRAME_MM = { width: 128, height: 58 } as const;
/** The longest scale bar, mm (the app page's). */
const MAX_SCALE_BAR_MM = 30;
const INK = '#1d2327';
const MUTED = '#5f6b73';
const TEXT_MM = 2.8;
const NOTE_MM = 2.3;

export interface LocationMapBlock {
  height: number;
  draw: (y: number) => DisplayItem[];
  /** The frame relative to the block's top (yMm from the block's top); null without a map. */
  frame: RectMm | null;
  layout: SheetMapLayout | null;
}

/** The care room, station and estate symbols at a page point, mm (the app page's shapes). */
export function roomSymbol(x: number, y: number): DisplayItem[] {
  return [{ kind: 'circle', cxMm: x, cyMm: y, rMm: 1.2, fill: COLORS.room, stroke: '#ffffff', strokeWidthMm: 0.3 }];
}

export function stationSymbol(x: number, y: number): DisplayItem[] {
  return [
    rectPath(x - 1.5, y - 1.5, 3, 3, { fill: '#ffffff', stroke: COLORS.station, strokeWidthMm: 0.4 }),
    { kind: 'path', rings: [[x - 1, y, x + 1, y], [x, y - 1, x, y + 1]], closed: false, stroke: COLORS.station, strokeWidthMm: 0.5 },
  ];
}

function estateSymbol(x: number, y: number): DisplayItem[] {
  return [rectPath(x - 1.5, y - 1.5, 3, 3, { fill: COLORS.estate, fillOpacity: 0.25, stroke: COLORS.estate, strokeWidthMm: 0.4 })];
}

/**
 * The map and legend block `width` wide at `x`; with no place to show, the app page's sentence instead.
 * @example locationMapBlock(sheet.map, 'zh', { x: 14, width: 182 }).height // 58
 */
export function locationMapBlock(map: ReviewSheet['map'], language: PrintLanguage, { x, width }: { x: number; width: number }): LocationMapBlock {
  const T = REVIEW_SHEET_TEXT[language];
  const count = (value: number) => new Intl.NumberFormat(language === 'zh' ? 'zh-CN' : 'en', { maximumFractionDigits: 0 }).format(value);
  const hasPlace = map.polygons.length > 0 || map.point !== null || map.careRooms.length > 0;
  if (!hasPlace) {
    return {
      height: TEXT_MM * 1.6,
      draw: (y) => [{ kind: 'text', text: T.map.noMap, xMm: x, yMm: y + TEXT_MM * 1.1, sizeMm: TEXT_MM, anchor: 'start', color: MUTED }],
      frame: null,
      layout: null,
    };
  }
  const { width: w, height: h } = SHEET_MAP_FRAME_MM;
  const layout = layoutSheetMap(map, w, h, { maxScaleBarMm: MAX_SCALE_BAR_MM });
  const legendX = x + w + 4;
  const legendWidth = width - w - 4;

  const legend = (top: number): { items: DisplayItem[]; bottom: number } => {
    const items: DisplayItem[] = [];
    let y = top + TEXT_MM;
    const line = TEXT_MM * 1.55;
    items.push({ kind: 'text', text: T.map.legend, xMm: legendX, yMm: y, sizeMm: TEXT_MM, anchor: 'start', bold: true, color: INK });
    y += line;
    const entry = (symbol: (cx: number, cy: number) => DisplayItem[], text: string) => {
      const lines = wrapText(text, TEXT_MM, legendWidth - 7);
      items.push(...symbol(legendX + 2.5, y - TEXT_MM * 0.36));
      lines.forEach((textLine, k) => items.push({ kind: 'text', text: textLine, xMm: legendX + 6.5, yMm: y + k * TEXT_MM * 1.35, sizeMm: TEXT_MM, anchor: 'start', color: INK }));
      y += line + (lines.length - 1) * TEXT_MM * 1.35;
    };
    entry(estateSymbol, T.map.estate);
    if (map.careRooms.length > 0) entry(roomSymbol, T.map.careRoom);
    if (map.station) entry(stationSymbol, T.map.station);
    if (layout.link) entry((cx, cy) => [{ kind: 'path', rings: [[cx - 2.3, cy, cx + 2.3, cy]], closed: false, stroke: COLORS.link, strokeWidthMm: 0.3, dashMm: [0.8, 0.6] }], T.map.link);
    if (map.radius) {
      entry(
        (cx, cy) => [{ kind: 'circle', cxMm: cx, cyMm: cy, rMm: 1.4, fill: COLORS.radius, fillOpacity: 0.06, stroke: COLORS.radius, strokeWidthMm: 0.3, dashMm: [1, 0.6] }],
        fillSheetText(T.map.radius, { radius: count(map.radius.radiusM) }),
      );
    }
    y += TEXT_MM * 0.4;
    items.push({ kind: 'text', text: fillSheetText(T.map.scale, { denominator: groupThousands(layout.scaleDenominator) }), xMm: legendX, yMm: y, sizeMm: TEXT_MM, anchor: 'start', color: INK });
    y += TEXT_MM * 1.3;
    const note = fillSheetText(T.map.projection, { lon: layout.centre[0].toFixed(4), lat: layout.centre[1].toFixed(4) });
    for (const textLine of wrapText(note, NOTE_MM, legendWidth)) {
      items.push({ kind: 'text', text: textLine, xMm: legendX, yMm: y, sizeMm: NOTE_MM, anchor: 'start', color: MUTED });
      y += NOTE_MM * 1.35;
    }
    return { items, bottom: y };
  };
  const legendHeight = legend(0).bottom;

  return {
    height: Math.max(h, legendHeight),
    frame: { xMm: x, yMm: 0, widthMm: w, heightMm: h },
    layout,
    draw: (top) => {
      const at = (px: number, py: number): [number, number] => [x + px, top + py];
      const content: DisplayItem[] = [];
      for (const circle of layout.circles) {
        const [cx, cy] = at(circle.x, circle.y);
        content.push({ kind: 'circle', cxMm: cx, cyMm: cy, rMm: circle.radiusMm, fill: COLORS.radius, fillOpacity: 0.06, stroke: COLORS.radius, strokeWidthMm: 0.3, dashMm: [1.5, 1] });
      }
      if (layout.polygons.length > 0) {
        content.push({ kind: 'path', rings: layout.polygons.map((ring) => ring.flatMap(([px, py]) => at(px, py))), closed: true, fill: COLORS.estate, fillOpacity: 0.15, stroke: COLORS.estate, strokeWidthMm: 0.4 });
      }
      if (layout.point) content.push(...estateSymbol(...at(layout.point[0], layout.point[1])));
      if (layout.link) content.push({ kind: 'path', rings: [[...at(...layout.link.from), ...at(...layout.link.to)]], closed: false, stroke: COLORS.link, strokeWidthMm: 0.25, dashMm: [0.8, 0.6] });
      if (layout.station) content.push(...stationSymbol(...at(layout.station.x, layout.station.y)));
      for (const room of layout.careRooms) {
        const [rx, ry] = at(room.x, room.y);
        content.push(...roomSymbol(rx, ry));
        if (layout.careRooms.length > 1) content.push({ kind: 'text', text: String(room.number), xMm: rx + 1.6, yMm: ry - 1.2, sizeMm: 2.4, anchor: 'start', color: COLORS.room, haloMm: 0.3 });
      }
      const frame: RectMm = { xMm: x, yMm: top, widthMm: w, heightMm: h };
      // The pipeline's north arrow and scale bar need a sheet layout: an A4 one with their boxes in this frame.
      const pieces: SheetLayout = {
        ...sheetLayout(paper('A4'), 0, false),
        northArrow: { xMm: x + w - 3 - 8, yMm: top + 3, widthMm: 8, heightMm: 12 },
        scaleBar: { xMm: x + 2, yMm: top + h - 2 - 8, widthMm: 44, heightMm: 8 },
      };
      const bar = layout.scaleBar;
      return [
        rectPath(x, top, w, h, { fill: '#fbfcfc' }),
        { kind: 'clip', ...frame, items: content },
        ...northArrowItems(pieces, 0, printWords(language)),
        ...scaleBarItems(pieces, bar),
        rectPath(x, top, w, h, { stroke: INK, strokeWidthMm: 0.3 }),
        ...legend(top).items,
      ];
    },
  };
}
