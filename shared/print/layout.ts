/**
 * Where things go on the sheet, in mm: the title band across the top, the map frame, and the marginalia
 * panel (legend, then notes: coordinate system, scale, sources, date, author, purpose) beside the map
 * on landscape paper or below it on portrait paper. The scale bar and the north arrow sit inside the
 * map frame (bottom-left, top-right). Text and symbol sizes grow with the paper (Paper.scale).
 */
import type { RectMm } from './map_frame';
import type { Paper } from './paper';

/** Sizes of text, symbols and lines on this paper, mm. */
export interface SheetSizes {
  readonly titleMm: number;
  readonly subtitleMm: number;
  readonly headingMm: number;
  readonly textMm: number;
  readonly noteMm: number;
  readonly labelMm: number;
  readonly symbolRadiusMm: number;
  readonly lineMm: number;
  /** Gap between boxes, mm. */
  readonly gapMm: number;
}

export interface SheetLayout {
  readonly paper: Paper;
  readonly sizes: SheetSizes;
  /** Title and subtitle band. */
  readonly title: RectMm;
  readonly mapFrame: RectMm;
  /** Legend box (filled from its top). */
  readonly legend: RectMm;
  /** Notes box (filled from its top; on landscape paper it shares the panel with the legend, below it). */
  readonly notes: RectMm;
  /** North arrow box, inside the map frame's top-right corner. */
  readonly northArrow: RectMm;
  /** Scale bar box, inside the map frame's bottom-left corner. */
  readonly scaleBar: RectMm;
}

/** A4 sizes in mm, multiplied by Paper.scale (an A4 text of 2.8 mm is 8 pt). */
const A4_SIZES: SheetSizes = {
  titleMm: 6,
  subtitleMm: 3.6,
  headingMm: 3.3,
  textMm: 2.8,
  noteMm: 2.3,
  labelMm: 2.4,
  symbolRadiusMm: 1.4,
  lineMm: 0.3,
  gapMm: 4,
};

/**
 * The sheet's boxes. `notesHeightMm` is the height the notes need at this paper's sizes (the caller
 * wraps them first); on landscape paper they fill the bottom of the side panel, on portrait the right
 * part of the band below the map.
 * @example sheetLayout(paper('A4', 'landscape'), 40, true).mapFrame // { xMm: 10, yMm: 26, widthMm: 209, heightMm: 174 }
 */
export function sheetLayout(sheetPaper: Paper, notesHeightMm: number, hasSubtitle: boolean): SheetLayout {
  const s = sheetPaper.scale;
  const sizes = Object.fromEntries(Object.entries(A4_SIZES).map(([key, value]) => [key, value * s])) as unknown as SheetSizes;
  const m = sheetPaper.marginMm;
  const width = sheetPaper.widthMm - 2 * m;
  const height = sheetPaper.heightMm - 2 * m;
  const titleHeight = sizes.titleMm * 1.5 + (hasSubtitle ? sizes.subtitleMm * 1.5 : 0) + sizes.gapMm / 2;
  const title: RectMm = { xMm: m, yMm: m, widthMm: width, heightMm: titleHeight };
  const top = m + titleHeight + sizes.gapMm / 2;
  const bodyHeight = height - titleHeight - sizes.gapMm / 2;
  let mapFrame: RectMm, legend: RectMm, notes: RectMm;
  if (sheetPaper.orientation === 'landscape') {
    const panelWidth = 66 * s;
    mapFrame = { xMm: m, yMm: top, widthMm: width - panelWidth - sizes.gapMm, heightMm: bodyHeight };
    const panelX = m + width - panelWidth;
    const notesTop = m + height - notesHeightMm;
    legend = { xMm: panelX, yMm: top, widthMm: panelWidth, heightMm: notesTop - sizes.gapMm - top };
    notes = { xMm: panelX, yMm: notesTop, widthMm: panelWidth, heightMm: notesHeightMm };
  } else {
    const bandHeight = Math.max(64 * s, notesHeightMm);
    mapFrame = { xMm: m, yMm: top, widthMm: width, heightMm: bodyHeight - bandHeight - sizes.gapMm };
    const bandTop = m + height - bandHeight;
    const legendWidth = width * 0.5;
    legend = { xMm: m, yMm: bandTop, widthMm: legendWidth - sizes.gapMm, heightMm: bandHeight };
    notes = { xMm: m + legendWidth, yMm: bandTop, widthMm: width - legendWidth, heightMm: bandHeight };
  }
  const inset = 3 * s;
  const northSize = 14 * s;
  const northArrow: RectMm = {
    xMm: mapFrame.xMm + mapFrame.widthMm - inset - northSize * 0.7,
    yMm: mapFrame.yMm + inset,
    widthMm: northSize * 0.7,
    heightMm: northSize,
  };
  const barWidth = Math.min(mapFrame.widthMm * 0.35, 70 * s);
  const barHeight = 11 * s;
  const scaleBar: RectMm = { xMm: mapFrame.xMm + inset, yMm: mapFrame.yMm + mapFrame.heightMm - inset - barHeight, widthMm: barWidth, heightMm: barHeight };
  return { paper: sheetPaper, sizes, title, mapFrame, legend, notes, northArrow, scaleBar };
}
