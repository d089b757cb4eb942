/**
 * The marginalia of a sheet as display items: title, legend (only the layers actually drawn), graphic
 * scale bar, north arrow and notes.
 */
import { NO_DATA_COLOR, type ClassBreaks } from '../map_style/class_breaks';
import { BOUNDARY_LINE, CIRCLE_FILL, CIRCLE_LINE, UNCOVERED_HATCH } from '../map_style/facility_style';
import { GAP_LINE, SERVICE_AREA_FILL, SERVICE_AREA_LINE } from '../map_style/plan_colors';
import type { FacilityKind, FacilityStatus } from '../schemas/entities';
import { rectPath, type DisplayItem } from './display_list';
import type { SheetLayout } from './layout';
import { facilitySymbol, ROAD_LINE, ROAD_WIDTH_LINES } from './map_content';
import type { MapFrame, RectMm, ScaleBar } from './map_frame';
import { estateDot, gapHatchPaint, hatchSegments, thresholdLine, type PlanLegend } from './plan_content';
import type { PlanWords } from './plan_words';
import { groupThousands, type PrintWords } from './print_words';
import { wrapText } from './text_measure';

const TEXT = '#212121';
const MUTED = '#616161';

export function titleItems(layout: SheetLayout, title: string, subtitle: string | undefined): DisplayItem[] {
  const { title: box, sizes } = layout;
  const cx = box.xMm + box.widthMm / 2;
  const items: DisplayItem[] = [{ kind: 'text', text: title, xMm: cx, yMm: box.yMm + sizes.titleMm * 1.05, sizeMm: sizes.titleMm, anchor: 'middle', bold: true, color: TEXT }];
  if (subtitle) items.push({ kind: 'text', text: subtitle, xMm: cx, yMm: box.yMm + sizes.titleMm * 1.5 + sizes.subtitleMm * 1.05, sizeMm: sizes.subtitleMm, anchor: 'middle', color: MUTED });
  return items;
}

/** What the legend shows: only layers drawn on this sheet. */
export interface LegendContent {
  /** Population classes with their colours, and the label of the classified count. */
  population: { classes: ClassBreaks; label: string; hasNoData: boolean } | null;
  kinds: FacilityKind[];
  statuses: FacilityStatus[];
  hasIllustrative: boolean;
  hasBoundaries: boolean;
  hasRoads?: boolean;
  /** A scenario's proposals, an analysis's thresholds and gaps, estates by verdict (plan_content.ts). */
  plan?: { legend: PlanLegend; words: PlanWords } | null;
}

/** Class ranges "lower – upper" (integers from 10 up, else one decimal), the last closed by the maximum. */
export function classRanges(classes: ClassBreaks): string[] {
  const format = (value: number) => (value >= 10 ? groupThousands(value) : String(Math.round(value * 10) / 10));
  const bounds = [classes.min, ...classes.breaks, classes.max];
  return classes.colors.map((_, index) => `${format(bounds[index])} – ${format(bounds[index + 1])}`);
}

/** Narrowest legend column, mm on A4 (a wider box is split into two columns). */
const LEGEND_COLUMN_MM = 40;

/**
 * The legend, top-down in its box; when the box is wide enough for two columns, entries that do not
 * fit in the first column's height continue in the second; entries that fit nowhere are left out.
 */
export function legendItems(layout: SheetLayout, content: LegendContent, words: PrintWords): DisplayItem[] {
  const { legend: box, sizes } = layout;
  const items: DisplayItem[] = [];
  const line = sizes.textMm * 1.55;
  const swatchW = sizes.textMm * 1.6;
  const swatchH = sizes.textMm * 1.0;
  const columns = box.widthMm >= 2 * LEGEND_COLUMN_MM * layout.paper.scale ? 2 : 1;
  const columnWidth = box.widthMm / columns;
  let column = 0;
  let left = box.xMm;
  let y = box.yMm + sizes.headingMm;
  const bottom = box.yMm + box.heightMm;
  let columnTop = y;
  /** Moves to the next column when `lines` more lines do not fit in this one; false when none is left. */
  const room = (lines: number) => {
    if (y + (lines - 1) * line <= bottom) return true;
    if (column + 1 >= columns) return false;
    column++;
    left = box.xMm + column * columnWidth;
    y = columnTop;
    return true;
  };
  /** A section's heading; the section (`entries` lines) moves to the next column when it does not fit in this one. */
  const heading = (text: string, entries: number) => {
    if (!room(1 + entries) && !room(2)) return;
    items.push({ kind: 'text', text, xMm: left, yMm: y, sizeMm: sizes.headingMm * 0.9, anchor: 'start', bold: true, color: TEXT });
    y += line;
  };
  const entry = (draw: (cx: number, cy: number) => DisplayItem[], text: string, color = TEXT) => {
    if (y > bottom && !room(1)) return;
    const cy = y - sizes.textMm * 0.36;
    items.push(...draw(left + swatchW / 2, cy));
    // Wrapped to the column (a long entry takes more lines rather than running into the next column).
    const textX = left + swatchW + sizes.textMm * 0.8;
    const width = left + columnWidth - sizes.textMm * 0.8 - textX;
    for (const part of wrapText(text, sizes.textMm, width)) {
      items.push({ kind: 'text', text: part, xMm: textX, yMm: y, sizeMm: sizes.textMm, anchor: 'start', color });
      y += line;
    }
  };
  const space = () => {
    y += line * 0.3;
  };
  const swatch = (paint: Parameters<typeof rectPath>[4]) => (cx: number, cy: number) => [rectPath(cx - swatchW / 2, cy - swatchH / 2, swatchW, swatchH, paint)];
  items.push({ kind: 'text', text: words.legend, xMm: box.xMm, yMm: y, sizeMm: sizes.headingMm, anchor: 'start', bold: true, color: TEXT });
  y += line * 1.3;
  columnTop = y;
  if (content.population) {
    const { classes } = content.population;
    heading(content.population.label, classes.colors.length + (content.population.hasNoData ? 2 : 1));
    classRanges(classes).forEach((range, index) => {
      entry(swatch({ fill: classes.colors[index], stroke: '#9e9e9e', strokeWidthMm: 0.1 }), range);
    });
    if (content.population.hasNoData) entry(swatch({ fill: NO_DATA_COLOR }), words.noData);
    entry(() => [], `(${words.quantileClasses})`, MUTED);
    space();
  }
  const plan = content.plan;
  if (plan?.legend.analysis) {
    const { analysis } = plan.legend;
    heading(analysis.mode === 'circle' ? plan.words.serviceCircles : plan.words.serviceAreas, analysis.thresholds.length + (analysis.gaps ? 1 : 0));
    const color = analysis.mode === 'circle' ? { fill: CIRCLE_FILL, line: CIRCLE_LINE } : { fill: SERVICE_AREA_FILL, line: SERVICE_AREA_LINE };
    for (const threshold of analysis.thresholds) {
      const paint = { fill: color.fill, fillOpacity: 0.15, stroke: color.line, ...thresholdLine(threshold.rank, sizes) };
      entry(
        (cx, cy) =>
          analysis.mode === 'circle'
            ? [{ kind: 'circle', cxMm: cx, cyMm: cy, rMm: swatchH * 0.6, ...paint }]
            : [rectPath(cx - swatchW / 2, cy - swatchH / 2, swatchW, swatchH, paint)],
        threshold.text,
      );
    }
    if (analysis.gaps) {
      entry((cx, cy) => {
        const x0 = cx - swatchW / 2, y0 = cy - swatchH / 2;
        const ring = [x0, y0, x0 + swatchW, y0, x0 + swatchW, y0 + swatchH, x0, y0 + swatchH];
        const { spacingMm, strokeWidthMm } = gapHatchPaint(sizes);
        return [
          { kind: 'path', rings: hatchSegments([ring], spacingMm), closed: false, stroke: UNCOVERED_HATCH, strokeWidthMm, strokeOpacity: 0.85 },
          { kind: 'path', rings: [ring], closed: true, stroke: GAP_LINE, strokeWidthMm: sizes.lineMm * 0.6 },
        ];
      }, plan.words.gaps);
    }
    space();
  }
  if (content.kinds.length > 0) {
    const statusLines = content.statuses.some((status) => status !== 'existing') ? content.statuses.length : 0;
    heading(plan?.legend.countsFacilities ? plan.words.countedFacilities : words.facilities, content.kinds.length + statusLines + (content.hasIllustrative ? 1 : 0));
    for (const kind of content.kinds) {
      entry((cx, cy) => facilitySymbol({ kind, status: 'existing', illustrative: content.hasIllustrative }, cx, cy, sizes.symbolRadiusMm), words.kinds[kind]);
    }
    if (content.statuses.some((status) => status !== 'existing')) {
      for (const status of content.statuses) {
        entry((cx, cy) => facilitySymbol({ kind: 'other', status, illustrative: false }, cx, cy, sizes.symbolRadiusMm), words.statuses[status]);
      }
    }
    if (content.hasIllustrative) entry(() => [], words.illustrative, MUTED);
    space();
  }
  if (plan && plan.legend.proposalKinds.length > 0) {
    heading(plan.words.proposals, plan.legend.proposalKinds.length);
    for (const kind of plan.legend.proposalKinds) {
      entry((cx, cy) => facilitySymbol({ kind, status: 'existing', illustrative: false, proposal: true }, cx, cy, sizes.symbolRadiusMm), words.kinds[kind]);
    }
    space();
  }
  if (plan && plan.legend.verdicts.length > 0) {
    heading(plan.words.estates, plan.legend.verdicts.length);
    for (const verdict of plan.legend.verdicts) entry((cx, cy) => [estateDot(verdict, cx, cy, sizes.symbolRadiusMm * 0.75)], plan.words.verdicts[verdict]);
    space();
  }
  if (content.hasBoundaries) {
    entry(
      (cx, cy) => [{ kind: 'path', rings: [[cx - swatchW / 2, cy, cx + swatchW / 2, cy]], closed: false, stroke: BOUNDARY_LINE, strokeWidthMm: sizes.lineMm * 1.6, dashMm: [2, 0.6, 0.3, 0.6].map((v) => v * layout.paper.scale) }],
      words.boundaries,
    );
  }
  if (content.hasRoads) {
    entry((cx, cy) => [{ kind: 'path', rings: [[cx - swatchW / 2, cy, cx + swatchW / 2, cy]], closed: false, stroke: ROAD_LINE, strokeWidthMm: sizes.lineMm * ROAD_WIDTH_LINES }], words.roads);
  }
  return items;
}

/** The graphic scale bar: alternating black and white segments, 0, the middle and the end labelled. */
export function scaleBarItems(layout: SheetLayout, bar: ScaleBar): DisplayItem[] {
  const { scaleBar: box, sizes } = layout;
  const pad = sizes.textMm * 0.6;
  const x0 = box.xMm + pad + sizes.noteMm;
  const barHeight = sizes.textMm * 0.55;
  const barY = box.yMm + box.heightMm - pad - barHeight;
  const items: DisplayItem[] = [rectPath(box.xMm, box.yMm, bar.lengthMm + 2 * pad + sizes.noteMm * 3.5, box.heightMm, { fill: '#ffffff', fillOpacity: 0.85 })];
  const segment = bar.lengthMm / bar.segments;
  for (let i = 0; i < bar.segments; i++) {
    items.push(rectPath(x0 + i * segment, barY, segment, barHeight, { fill: i % 2 === 0 ? '#212121' : '#ffffff', stroke: '#212121', strokeWidthMm: sizes.lineMm * 0.6 }));
  }
  const unit = bar.unit === 'km' ? 1000 : 1;
  const label = (metres: number) => String(Math.round((metres / unit) * 100) / 100);
  const labelY = barY - sizes.noteMm * 0.5;
  items.push({ kind: 'text', text: '0', xMm: x0, yMm: labelY, sizeMm: sizes.noteMm, anchor: 'middle', color: TEXT });
  const half = Math.floor(bar.segments / 2);
  items.push({ kind: 'text', text: label((bar.lengthM * half) / bar.segments), xMm: x0 + half * segment, yMm: labelY, sizeMm: sizes.noteMm, anchor: 'middle', color: TEXT });
  items.push({ kind: 'text', text: `${label(bar.lengthM)} ${bar.unit}`, xMm: x0 + bar.lengthMm, yMm: labelY, sizeMm: sizes.noteMm, anchor: 'start', color: TEXT });
  return items;
}

/**
 * A north arrow pointing to true north: `bearingDeg` is true north's direction on the page, clockwise
 * from up (the Gauss–Krüger grid's meridian convergence, a fraction of a degree near the central meridian).
 */
export function northArrowItems(layout: SheetLayout, bearingDeg: number, words: PrintWords): DisplayItem[] {
  const { northArrow: box, sizes } = layout;
  const cx = box.xMm + box.widthMm / 2;
  const textSize = sizes.textMm * 1.1;
  const top = box.yMm + textSize * 1.2;
  const length = box.heightMm - textSize * 1.4;
  const half = box.widthMm * 0.32;
  const angle = (bearingDeg * Math.PI) / 180;
  const cy = top + length / 2;
  const rotate = (x: number, y: number): [number, number] => {
    const dx = x - cx, dy = y - cy;
    return [cx + dx * Math.cos(angle) - dy * Math.sin(angle), cy + dx * Math.sin(angle) + dy * Math.cos(angle)];
  };
  const tip = rotate(cx, top);
  const base = rotate(cx, top + length * 0.72);
  const left = rotate(cx - half, top + length);
  const right = rotate(cx + half, top + length);
  return [
    rectPath(box.xMm, box.yMm, box.widthMm, box.heightMm, { fill: '#ffffff', fillOpacity: 0.85 }),
    { kind: 'path', rings: [[...tip, ...base, ...left]], closed: true, fill: '#ffffff', stroke: TEXT, strokeWidthMm: sizes.lineMm * 0.8 },
    { kind: 'path', rings: [[...tip, ...right, ...base]], closed: true, fill: TEXT, stroke: TEXT, strokeWidthMm: sizes.lineMm * 0.8 },
    { kind: 'text', text: words.north, xMm: cx, yMm: box.yMm + textSize * 1.0, sizeMm: textSize, anchor: 'middle', bold: true, color: TEXT },
  ];
}

/** One block of the notes: its lines are wrapped to the notes' width. */
export interface Note {
  readonly text: string;
  readonly color?: string;
  readonly bold?: boolean;
}

/** The notes wrapped into lines at the notes' size; their height is lines × line height. */
export function wrapNotes(notes: readonly Note[], widthMm: number, sizeMm: number): Array<{ text: string; color: string; bold: boolean }> {
  return notes.flatMap((note) => wrapText(note.text, sizeMm, widthMm, note.bold).map((text) => ({ text, color: note.color ?? MUTED, bold: note.bold ?? false })));
}

export function noteLineHeightMm(sizeMm: number): number {
  return sizeMm * 1.45;
}

export function notesItems(box: RectMm, lines: ReturnType<typeof wrapNotes>, sizeMm: number): DisplayItem[] {
  return lines.map((line, index) => ({
    kind: 'text',
    text: line.text,
    xMm: box.xMm,
    yMm: box.yMm + sizeMm + index * noteLineHeightMm(sizeMm),
    sizeMm,
    anchor: 'start',
    bold: line.bold,
    color: line.color,
  }));
}

/** The map frame's neat line. */
export function neatLine(frame: MapFrame, lineMm: number): DisplayItem {
  const { xMm, yMm, widthMm, heightMm } = frame.rect;
  return rectPath(xMm, yMm, widthMm, heightMm, { stroke: TEXT, strokeWidthMm: lineMm * 1.6 });
}
