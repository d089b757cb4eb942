/**
 * The estate review sheet (审查意见表) on A4 portrait paper as display lists, one per page, for the
 * print pipeline's writers (PDF, SVG): the same content (shared/usecases/review_sheet.ts), the same
 * words (review_sheet_text.ts) and the same order as the app's printable page
 * (renderer/components/review/ReviewSheet.tsx): title; 1. project and estate; 2. inputs and the care
 * rooms; 3. the rule table with its sources; 4. the conclusion; 5. the location map with its legend;
 * the signature lines. Content that does not fit flows onto further pages: a table row never splits,
 * the table's header row is repeated, each page after the first starts with the title and the estate
 * marked "continued", and every page ends with "page X of Y".
 *
 * Text is wrapped with text_measure.ts, whose widths are the print font's for ASCII and 1 em for any
 * other character (Noto Sans CJK's hanzi and full-width punctuation are 1 em; the few other glyphs used
 * here — ², °, —, – — are narrower), so a wrapped line is never wider than its cell.
 */
import { CHECK_VERDICT_COLORS, ESTATE_VERDICT_COLORS } from '../map_style/plan_colors';
import type { ReviewSheet, ReviewSheetRule } from '../usecases/review_sheet';
import { fillSheetText, REVIEW_SHEET_TEXT, type ReviewSheetText } from '../usecases/review_sheet_text';
import type { SheetMapLayout } from '../usecases/review_sheet_map';
import type { DisplayItem, DisplayList } from './display_list';
import { rectPath } from './display_list';
import type { RectMm } from './map_frame';
import type { PrintLanguage } from './print_words';
import { locationMapBlock } from './review_sheet_page_map';
import { textWidthMm, wrapText } from './text_measure';

/** A4 portrait, mm; the content's margins are the app page's (@page margin: 10mm 14mm). */
export const SHEET_PAGE_MM = { width: 210, height: 297, left: 14, right: 196, top: 10, bottom: 281 } as const;
const WIDTH = SHEET_PAGE_MM.right - SHEET_PAGE_MM.left;
/** Baseline of the footer ("page X of Y"), below the content. */
const FOOTER_Y = 288;

export const SHEET_SIZES = { titleMm: 5.2, sectionMm: 3.5, textMm: 2.8, smallMm: 2.3, verdictMm: 4.2 } as const;
const LINE = 1.3;
const PAD_X = 1.2;
const PAD_Y = 0.7;

export const SHEET_INK = { text: '#1d2327', muted: '#5f6b73', rule: '#8a949c', headerFill: '#eef1f3' } as const;

export interface ReviewSheetDrawing {
  /** One display list per page, A4 portrait. */
  pages: DisplayList[];
  /** The sheet's title (the PDF's title). */
  title: string;
  /** The location map: its page (0-based), frame on that page and layout (null when the estate has no place). */
  map: { page: number; frame: RectMm; layout: SheetMapLayout } | null;
}

export interface ReviewSheetPageOptions {
  /** How the review date is written; default: its local date, long form, in the sheet's language. */
  dateText?: string;
}

/** Number formatting as the app's page does it (renderer/i18n/format.ts). */
export function sheetFormatters(language: PrintLanguage) {
  const locale = language === 'zh' ? 'zh-CN' : 'en';
  const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const plain = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  return {
    locale,
    count: (value: number) => count.format(value),
    number: (value: number) => plain.format(Math.round(value * 100) / 100),
    date: (iso: string) => new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric' }).format(new Date(iso)),
  };
}

/** One table cell: its text wrapped to the column, and an optional muted second paragraph. */
interface Cell {
  text: string;
  align?: 'start' | 'end';
  bold?: boolean;
  color?: string;
  sizeMm?: number;
  /** Header cell: shaded. */
  header?: boolean;
  /** Columns spanned (default 1). */
  span?: number;
  note?: string;
}

interface Row {
  height: number;
  draw: (y: number) => DisplayItem[];
}

function lineHeight(sizeMm: number): number {
  return sizeMm * LINE;
}

/** Baseline of the first line of a text block whose top is `top`. */
function firstBaseline(top: number, sizeMm: number): number {
  return top + (lineHeight(sizeMm) - sizeMm) / 2 + sizeMm * 0.88;
}

function textLines(lines: readonly string[], x: number, top: number, sizeMm: number, style: { anchor?: 'start' | 'middle' | 'end'; bold?: boolean; color?: string }): DisplayItem[] {
  const baseline = firstBaseline(top, sizeMm);
  return lines.map((text, k) => ({ kind: 'text', text, xMm: x, yMm: baseline + k * lineHeight(sizeMm), sizeMm, anchor: style.anchor ?? 'start', bold: style.bold, color: style.color ?? SHEET_INK.text }));
}

/** A table row of cells over columns `widths` starting at the left margin; cells are top-aligned. */
function tableRow(cells: readonly Cell[], widths: readonly number[]): Row {
  let column = 0;
  const placed = cells.map((cell) => {
    const span = cell.span ?? 1;
    const x = SHEET_PAGE_MM.left + widths.slice(0, column).reduce((a, b) => a + b, 0);
    const width = widths.slice(column, column + span).reduce((a, b) => a + b, 0);
    column += span;
    const size = cell.sizeMm ?? SHEET_SIZES.textMm;
    const inner = width - 2 * PAD_X;
    const lines = cell.text === '' ? [] : wrapText(cell.text, size, inner, cell.bold);
    const noteLines = cell.note ? wrapText(cell.note, SHEET_SIZES.smallMm, inner) : [];
    const height = lines.length * lineHeight(size) + noteLines.length * lineHeight(SHEET_SIZES.smallMm);
    return { cell, x, width, size, lines, noteLines, height };
  });
  const height = Math.max(lineHeight(SHEET_SIZES.textMm), ...placed.map((p) => p.height)) + 2 * PAD_Y;
  return {
    height,
    draw: (y) =>
      placed.flatMap(({ cell, x, width, size, lines, noteLines }) => {
        const textX = cell.align === 'end' ? x + width - PAD_X : x + PAD_X;
        const anchor = cell.align === 'end' ? 'end' : 'start';
        const top = y + PAD_Y;
        return [
          rectPath(x, y, width, height, { ...(cell.header ? { fill: SHEET_INK.headerFill } : {}), stroke: SHEET_INK.rule, strokeWidthMm: 0.2 }),
          ...textLines(lines, textX, top, size, { anchor, bold: cell.bold ?? cell.header, color: cell.color }),
          ...textLines(noteLines, textX, top + lines.length * lineHeight(size), SHEET_SIZES.smallMm, { anchor, color: SHEET_INK.muted }),
        ];
      }),
  };
}

/** A block of wrapped lines across `widthMm` at `x`. */
function paragraph(text: string, x: number, widthMm: number, sizeMm: number, style: { bold?: boolean; color?: string } = {}): Row {
  const lines = wrapText(text, sizeMm, widthMm, style.bold);
  return { height: lines.length * lineHeight(sizeMm), draw: (y) => textLines(lines, x, y, sizeMm, style) };
}

/** The pages being filled: a cursor that moves to a new page when a block does not fit. */
class Flow {
  readonly pages: DisplayItem[][] = [[]];
  y: number = SHEET_PAGE_MM.top;
  private top: number = SHEET_PAGE_MM.top;
  constructor(private readonly continuation: () => Row) {}

  get items(): DisplayItem[] {
    return this.pages[this.pages.length - 1];
  }

  /** Starts a new page when `height` does not fit below the cursor (and the page is not empty); true when it did. */
  ensure(height: number): boolean {
    if (this.y + height <= SHEET_PAGE_MM.bottom || this.y <= this.top) return false;
    this.pages.push([]);
    const head = this.continuation();
    this.items.push(...head.draw(SHEET_PAGE_MM.top));
    this.y = this.top = SHEET_PAGE_MM.top + head.height;
    return true;
  }

  place(row: Row, gapAfter = 0): void {
    this.items.push(...row.draw(this.y));
    this.y += row.height + gapAfter;
  }

  space(mm: number): void {
    this.y += mm;
  }
}

/**
 * The sheet's pages in `language`.
 * @example reviewSheetPages(sheet, 'zh').pages.length // 1 for an estate with one care room under chishui
 */
export function reviewSheetPages(sheet: ReviewSheet, language: PrintLanguage, options: ReviewSheetPageOptions = {}): ReviewSheetDrawing {
  const T: ReviewSheetText = REVIEW_SHEET_TEXT[language];
  const fill = fillSheetText;
  const format = sheetFormatters(language);
  const zh = language === 'zh';
  const { header, inputs, rules, conclusion } = sheet;
  const none = '—';
  const num = (value: number | null | undefined) => (value === null || value === undefined ? none : format.number(value));
  const yesNo = (value: boolean | null) => (value === null ? T.inputs.notGiven : value ? T.inputs.yes : T.inputs.no);
  const ruleText = (rule: ReviewSheetRule) => (zh ? rule.zh : rule.en);
  const ruleNumber = (id: string) => rules.findIndex((rule) => rule.id === id) + 1;
  const unitText = (rule: ReviewSheetRule) => (rule.unit ? T.units[rule.unit] : '');
  const measured = (rule: ReviewSheetRule, value: number | null) => (rule.unit === 'm' && value !== null ? format.count(value) : num(value));
  const estateName = header.estate.name ?? header.estate.id;
  const left = SHEET_PAGE_MM.left;

  const continuation = (): Row => {
    const line = `${T.title} ${T.continued}  ${estateName} (${header.estate.id})`;
    const text = paragraph(line, left, WIDTH, SHEET_SIZES.smallMm, { color: SHEET_INK.muted });
    return {
      height: text.height + 3,
      draw: (y) => [...text.draw(y), { kind: 'path', rings: [[left, y + text.height + 1, left + WIDTH, y + text.height + 1]], closed: false, stroke: SHEET_INK.rule, strokeWidthMm: 0.2 }],
    };
  };
  const flow = new Flow(continuation);
  const section = (title: string, keepWith: number) => {
    const row = paragraph(title, left, WIDTH, SHEET_SIZES.sectionMm, { bold: true });
    flow.space(1.5);
    flow.ensure(row.height + 1 + keepWith);
    flow.place(row, 1);
  };
  /** A table: rows placed one by one, the header row (when given) repeated on every page the table continues on. */
  const table = (rows: readonly Row[], head: Row | null, gapAfter = 0) => {
    if (head) {
      flow.ensure(head.height + (rows[0]?.height ?? 0));
      flow.place(head);
    }
    for (const row of rows) {
      if (flow.ensure(row.height) && head) flow.place(head);
      flow.place(row);
    }
    flow.space(gapAfter);
  };

  // Title.
  flow.place(paragraph(T.title, left, WIDTH, SHEET_SIZES.titleMm, { bold: true }), 1);
  const title = flow.items.splice(0);
  flow.items.push(...title.map((item) => (item.kind === 'text' ? { ...item, xMm: left + WIDTH / 2, anchor: 'middle' as const } : item)));

  // 1. Project and estate.
  const grid4 = [26, 65, 26, 65];
  const dateText = options.dateText ?? format.date(header.reviewedAt);
  const basics = [
    tableRow([{ text: T.header.project, header: true }, { text: header.project }, { text: T.header.reviewedAt, header: true }, { text: dateText, note: header.stored ? undefined : T.header.notStored }], grid4),
    tableRow([{ text: T.header.estate, header: true }, { text: header.estate.name ?? none }, { text: T.header.estateId, header: true }, { text: header.estate.id }], grid4),
    tableRow([{ text: T.header.type, header: true }, { text: header.type ? T.types[header.type] : T.inputs.notGiven }, { text: T.header.area, header: true }, { text: header.area ? T.areas[header.area] : T.inputs.notGiven }], grid4),
    tableRow([{ text: T.header.preset, header: true }, { text: fill(T.header.presetValue, { name: zh ? header.preset.zh : header.preset.en, id: header.preset.id, version: header.preset.version }), span: 3 }], grid4),
  ];
  section(T.sections.basics, basics[0].height);
  table(basics, null);

  // 2. Inputs.
  const grid2 = [62, 120];
  const station = inputs.healthStation;
  const householdsText =
    inputs.households === null
      ? T.inputs.notGiven
      : inputs.householdsEstimated
        ? fill(T.inputs.householdsEstimated, { households: format.count(inputs.households), area: num(inputs.residentialFloorAreaM2), unit: num(inputs.averageUnitM2) })
        : format.count(inputs.households);
  const inputRows = [
    tableRow([{ text: T.inputs.households, header: true }, { text: householdsText }], grid2),
    tableRow([{ text: T.inputs.coLocated, header: true }, { text: yesNo(inputs.coLocatedWithHealthStation) }], grid2),
    tableRow([{ text: T.inputs.synchronous, header: true }, { text: yesNo(inputs.synchronousProvision) }], grid2),
    tableRow(
      [
        { text: T.inputs.station, header: true },
        { text: station ? fill(T.inputs.stationValue, { name: station.name ?? station.id, distance: format.count(station.distanceM), room: station.room + 1, method: T.methods[station.method] }) : T.inputs.notGiven },
      ],
      grid2,
    ),
  ];
  section(T.sections.inputs, inputRows[0].height);
  table(inputRows, null, 1.5);
  const roomWidths = [30, 34, 36, 36, 46];
  const roomHead = tableRow(
    [{ text: '', header: true }, { text: T.inputs.floorArea, header: true, align: 'end' }, { text: T.inputs.floors, header: true }, { text: T.inputs.basement, header: true }, { text: T.inputs.location, header: true }],
    roomWidths,
  );
  const roomRows = inputs.careRooms.map((room) =>
    tableRow(
      [
        { text: fill(T.inputs.room, { number: room.number }) },
        { text: num(room.floorAreaM2), align: 'end' },
        { text: room.floorLevels ? room.floorLevels.join(', ') : T.inputs.notGiven },
        { text: yesNo(room.basement) },
        { text: room.lon !== null && room.lat !== null ? `${room.lon.toFixed(5)}, ${room.lat.toFixed(5)}` : T.inputs.notPlaced },
      ],
      roomWidths,
    ),
  );
  if (inputs.careRooms.length > 1) roomRows.push(tableRow([{ text: T.inputs.total, bold: true }, { text: num(inputs.careFloorAreaM2), align: 'end' }, { text: '', span: 3 }], roomWidths));
  const caption = paragraph(T.inputs.careRooms, left, WIDTH, SHEET_SIZES.textMm, { bold: true });
  flow.ensure(caption.height + roomHead.height + (roomRows[0]?.height ?? 0));
  flow.place(caption, 0.5);
  table(roomRows, roomHead);

  // 3. The rule table and its sources (each document once, cited by number: the titles are long).
  const ruleWidths = [8, 77, 27, 15, 15, 15, 9, 16];
  const documents = [...new Set(rules.map((rule) => rule.source.document))];
  const ruleHead = tableRow(
    [
      { text: T.table.number, header: true },
      { text: T.table.rule, header: true },
      { text: T.table.source, header: true },
      { text: T.table.required, header: true, align: 'end' },
      { text: T.table.provided, header: true, align: 'end' },
      { text: T.table.shortfall, header: true, align: 'end' },
      { text: T.table.unit, header: true },
      { text: T.table.verdict, header: true },
    ],
    ruleWidths,
  );
  const ruleRows = rules.map((rule, index) => {
    const flag = rule.providedFlag !== undefined;
    const notes = [!rule.binding ? T.advisoryRule : '', rule.estimated ? T.estimated : '', rule.method ? T.methods[rule.method] : ''].filter(Boolean);
    return tableRow(
      [
        { text: String(index + 1), align: 'end' },
        { text: ruleText(rule), note: notes.length > 0 ? `(${notes.join(zh ? '；' : '; ')})` : undefined },
        { text: `[${documents.indexOf(rule.source.document) + 1}] ${rule.source.clause}`, sizeMm: SHEET_SIZES.smallMm, color: SHEET_INK.muted },
        { text: flag ? T.inputs.yes : measured(rule, rule.required), align: 'end' },
        { text: flag ? yesNo(rule.providedFlag ?? null) : measured(rule, rule.provided), align: 'end' },
        { text: rule.verdict === 'fail' && rule.shortfall !== null ? measured(rule, rule.shortfall) : '', align: 'end' },
        { text: unitText(rule) },
        { text: T.checkVerdicts[rule.verdict], bold: true, color: CHECK_VERDICT_COLORS[rule.verdict] },
      ],
      ruleWidths,
    );
  });
  section(T.sections.rules, ruleHead.height + (ruleRows[0]?.height ?? 0));
  table(ruleRows, ruleHead, 1);
  for (const [index, document] of documents.entries()) {
    const row = paragraph(`[${index + 1}] ${document}`, left, WIDTH, SHEET_SIZES.smallMm, { color: SHEET_INK.muted });
    flow.ensure(row.height);
    flow.place(row);
  }

  // 4. The conclusion, in a box of the verdict's colour (one box per page when it continues).
  const verdictColor = ESTATE_VERDICT_COLORS[conclusion.verdict];
  const inset = 2.5;
  const innerX = left + inset;
  const innerWidth = WIDTH - 2 * inset;
  const conclusionRows: Row[] = [paragraph(fill(T.conclusion.verdict, { verdict: T.verdicts[conclusion.verdict] }), innerX, innerWidth, SHEET_SIZES.verdictMm, { bold: true, color: verdictColor })];
  const listItem = (text: string) => paragraph(text, innerX + 3, innerWidth - 3, SHEET_SIZES.textMm);
  if (conclusion.failing.length > 0) {
    conclusionRows.push(paragraph(T.conclusion.failing, innerX, innerWidth, SHEET_SIZES.textMm, { bold: true }));
    for (const id of conclusion.failing) {
      const rule = rules.find((r) => r.id === id);
      if (!rule) continue;
      const unit = unitText(rule);
      const shortfall = rule.shortfall !== null ? fill(T.conclusion.shortfall, { shortfall: `${measured(rule, rule.shortfall)} ${unit}`.trim() }) : '';
      const item =
        rule.required !== null && rule.provided !== null
          ? fill(T.conclusion.failingItem, { rule: `${ruleNumber(id)}. ${ruleText(rule)}`, required: `${measured(rule, rule.required)} ${unit}`.trim(), provided: `${measured(rule, rule.provided)} ${unit}`.trim(), shortfall })
          : `${ruleNumber(id)}. ${ruleText(rule)}`;
      conclusionRows.push(listItem(item));
    }
  }
  if (conclusion.missing.length > 0) {
    conclusionRows.push(paragraph(T.conclusion.missing, innerX, innerWidth, SHEET_SIZES.textMm, { bold: true }));
    for (const item of conclusion.missing) {
      const rule = rules.find((r) => r.id === item.rule);
      const input = (T.missingInputs as Record<string, string>)[item.field] ?? item.field;
      const what = item.room === null ? input : fill(T.missingOfRoom, { input, room: item.room });
      conclusionRows.push(listItem(fill(T.conclusion.missingItem, { rule: `${ruleNumber(item.rule)}. ${rule ? ruleText(rule) : item.rule}`, input: what })));
    }
  }
  if (conclusion.verdict === 'compliant') conclusionRows.push(paragraph(T.conclusion.allMet, innerX, innerWidth, SHEET_SIZES.textMm));
  section(T.sections.conclusion, conclusionRows[0].height + 2 * inset);
  let boxTop = flow.y;
  let boxPage = flow.pages.length;
  const closeBox = (bottom: number) => flow.pages[boxPage - 1].push(rectPath(left, boxTop, WIDTH, bottom - boxTop, { stroke: verdictColor, strokeWidthMm: 0.4 }));
  flow.space(inset);
  for (const [k, row] of conclusionRows.entries()) {
    const bottomBefore = flow.y;
    if (flow.ensure(row.height + inset)) {
      closeBox(bottomBefore + inset / 2);
      boxTop = flow.y;
      boxPage = flow.pages.length;
      flow.space(inset);
    }
    flow.place(row, k === 0 ? 1 : 0.6);
  }
  flow.space(inset - 0.6);
  closeBox(flow.y);

  // 5. The location map and its legend, kept together with the signature lines below it.
  const mapBlock = locationMapBlock(sheet.map, language, { x: left, width: WIDTH });
  const signatureHeight = 12;
  section(T.sections.map, mapBlock.height + signatureHeight);
  const mapPage = flow.pages.length - 1;
  const mapTop = flow.y;
  flow.place(mapBlock);

  // The signature lines.
  flow.ensure(signatureHeight);
  const signatureBaseline = flow.y + 9;
  const column = WIDTH / sheet.signatures.length;
  sheet.signatures.forEach((line, k) => {
    const x = left + k * column;
    const label = T.signatures[line];
    flow.items.push({ kind: 'text', text: label, xMm: x, yMm: signatureBaseline, sizeMm: SHEET_SIZES.textMm, anchor: 'start', color: SHEET_INK.text });
    const lineStart = x + textWidthMm(label, SHEET_SIZES.textMm) + 2;
    flow.items.push({ kind: 'path', rings: [[lineStart, signatureBaseline + 0.8, x + column - 6, signatureBaseline + 0.8]], closed: false, stroke: SHEET_INK.text, strokeWidthMm: 0.25 });
  });
  flow.space(signatureHeight);

  // Footers: the estate at the left, "page X of Y" at the right.
  const pageCount = flow.pages.length;
  const pages = flow.pages.map((items, k): DisplayList => ({
    widthMm: SHEET_PAGE_MM.width,
    heightMm: SHEET_PAGE_MM.height,
    items: [
      ...items,
      { kind: 'text', text: `${estateName} (${header.estate.id})`, xMm: left, yMm: FOOTER_Y, sizeMm: SHEET_SIZES.smallMm, anchor: 'start', color: SHEET_INK.muted },
      { kind: 'text', text: fill(T.page, { page: k + 1, pages: pageCount }), xMm: SHEET_PAGE_MM.right, yMm: FOOTER_Y, sizeMm: SHEET_SIZES.smallMm, anchor: 'end', color: SHEET_INK.muted },
    ],
  }));
  const map = mapBlock.frame && mapBlock.layout ? { page: mapPage, frame: { ...mapBlock.frame, yMm: mapTop + mapBlock.frame.yMm }, layout: mapBlock.layout } : null;
  return { pages, title: `${T.title}: ${estateName}`, map };
}
