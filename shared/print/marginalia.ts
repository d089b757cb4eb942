/**
 * The marginalia of a sheet as display items: title, legend (only the layers actually drawn), graphic
 * scale bar, north arrow and notes.
 */
import { NO_DATA_COLOR, type ClassBreaks } from '../map_style/class_breaks';
import { BOUNDARY_LINE } from '../map_style/facility_style';
import type { FacilityKind, FacilityStatus } from '../schemas/entities';
import { rectPath, type DisplayItem } from './display_list';
import type { SheetLayout } from './layout';
import { facilitySymbol } from './map_content';
import type { MapFrame, RectMm, ScaleBar } from './map_frame';
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
}

/** Class ranges "lower – upper" (integers from 10 up, else one decimal), the last closed by the maximum. */
export function classRanges(classes: ClassBreaks): string[] {
  const format = (value: number) => (value >= 10 ? groupThousands(value) : String(Math.round(value * 10) / 10));
  const bounds = [classes.min, ...classes.breaks, classes.max];
  return classes.colors.map((_, index) => `${format(bounds[index])} – ${format(bounds[index + 1])}`);
}

/** The legend, top-down in its box; entries that do not fit in the box's height are left out. */
export function legendItems(layout: SheetLayout, content: LegendContent, words: PrintWords): DisplayItem[] {
  const { legend: box, sizes } = layout;
  const items: DisplayItem[] = [];
  const line = sizes.textMm * 1.55;
  const swatchW = sizes.textMm * 1.6;
  const swatchH = sizes.textMm * 1.0;
  const textX = box.xMm + swatchW + sizes.textMm * 0.8;
  let y = box.yMm + sizes.headingMm;
  const bottom = box.yMm + box.heightMm;
  const heading = (text: string) => {
    items.push({ kind: 'text', text, xMm: box.xMm, yMm: y, sizeMm: sizes.headingMm * 0.9, anchor: 'start', bold: true, color: TEXT });
    y += line;
  };
  const entry = (draw: (cx: number, cy: number) => DisplayItem[], text: string, color = TEXT) => {
    if (y > bottom) return;
    const cy = y - sizes.textMm * 0.36;
    items.push(...draw(box.xMm + swatchW / 2, cy));
    items.push({ kind: 'text', text, xMm: textX, yMm: y, sizeMm: sizes.textMm, anchor: 'start', color });
    y += line;
  };
  items.push({ kind: 'text', text: words.legend, xMm: box.xMm, yMm: y, sizeMm: sizes.headingMm, anchor: 'start', bold: true, color: TEXT });
  y += line * 1.3;
  if (content.population) {
    heading(content.population.label);
    const { classes } = content.population;
    classRanges(classes).forEach((range, index) => {
      entry((cx, cy) => [rectPath(cx - swatchW / 2, cy - swatchH / 2, swatchW, swatchH, { fill: classes.colors[index], stroke: '#9e9e9e', strokeWidthMm: 0.1 })], range);
    });
    if (content.population.hasNoData) entry((cx, cy) => [rectPath(cx - swatchW / 2, cy - swatchH / 2, swatchW, swatchH, { fill: NO_DATA_COLOR })], words.noData);
    entry(() => [], `(${words.quantileClasses})`, MUTED);
    y += line * 0.3;
  }
  if (content.kinds.length > 0) {
    heading(words.facilities);
    for (const kind of content.kinds) {
      entry((cx, cy) => facilitySymbol({ kind, status: 'existing', illustrative: content.hasIllustrative }, cx, cy, sizes.symbolRadiusMm), words.kinds[kind]);
    }
    if (content.statuses.some((status) => status !== 'existing')) {
      for (const status of content.statuses) {
        entry((cx, cy) => facilitySymbol({ kind: 'other', status, illustrative: false }, cx, cy, sizes.symbolRadiusMm), words.statuses[status]);
      }
    }
    if (content.hasIllustrative) entry(() => [], words.illustrative, MUTED);
    y += line * 0.3;
  }
  if (content.hasBoundaries) {
    entry(
      (cx, cy) => [{ kind: 'path', rings: [[cx - swatchW / 2, cy, cx + swatchW / 2, cy]], closed: false, stroke: BOUNDARY_LINE, strokeWidthMm: sizes.lineMm * 1.6, dashMm: [2, 0.6, 0.3, 0.6].map((v) => v * layout.paper.scale) }],
      words.boundaries,
    );
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
