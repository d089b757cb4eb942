/**
 * One print sheet (选址图) from the project's layers: the use case behind `siting map`, the hosts and the
 * app's preview. It lays the page out in millimetres, fits the data into the map frame in a projected
 * CRS, and returns the display list every writer draws, with the page facts `siting map --json` reports.
 */
import type { DemandGrid } from '../engine/demand_grid';
import { InputError } from '../errors';
import { quantileBreaks } from '../map_style/class_breaks';
import { FACILITY_KINDS, FACILITY_STATUSES } from '../schemas/entities';
import type { DisplayItem, DisplayList, ImageItem } from './display_list';
import { DEFAULT_FOCUS_MARGIN, figuresHeightMm, figuresItems, focusItems, geometryBounds, pageLabelItems, type SheetFigures, type SheetFocus } from './focus';
import { gridImage } from './grid_image';
import { sheetLayout } from './layout';
import { boundaryItems, facilityItems, roadItem, type PlacedSymbol, type PrintBoundary, type PrintFacility, type PrintRoad } from './map_content';
import { fitMapFrame, scaleBar, type Extent, type MapFrame } from './map_frame';
import { legendItems, neatLine, northArrowItems, noteLineHeightMm, notesItems, scaleBarItems, titleItems, wrapNotes, type Note } from './marginalia';
import type { Paper } from './paper';
import { planLegend, planNotes, planUnderItems, proposalFacilities, type PrintPlan } from './plan_content';
import { planWords } from './plan_words';
import { groupThousands, printWords, type PrintLanguage } from './print_words';

export const PRINT_PURPOSES = ['internal', 'public'] as const;
export type PrintPurpose = (typeof PRINT_PURPOSES)[number];

/** Population classes: the app's five quantile classes (renderer/map/use_population_layer.ts). */
const CLASS_COUNT = 5;

/**
 * The classes of a grid's values, kept per values array: an atlas classifies the same grid on every page
 * (a grid's arrays are never changed in place; another grid version comes as new arrays).
 */
const classesByValues = new WeakMap<Float64Array, ReturnType<typeof quantileBreaks>>();
function classesOf(values: Float64Array): ReturnType<typeof quantileBreaks> {
  if (!classesByValues.has(values)) classesByValues.set(values, quantileBreaks(values, CLASS_COUNT));
  return classesByValues.get(values)!;
}

export interface SheetInput {
  readonly paper: Paper;
  readonly language: PrintLanguage;
  readonly title: string;
  readonly subtitle?: string;
  /** internal: stamped "仅供规划工作使用，不作公开出版"; public: carries the 审图号 (warned when empty). */
  readonly purpose: PrintPurpose;
  readonly reviewNumber?: string;
  /** The map date as printed, e.g. "2026-12-07". */
  readonly mapDate: string;
  readonly author?: string;
  /** Data sources and attributions, one per entry (WorldPop, © OpenStreetMap contributors, …). */
  readonly sources: readonly string[];
  /** Resolution of the raster parts (the population grid), dots per inch. */
  readonly dpi: number;
  readonly boundaries: readonly PrintBoundary[];
  readonly facilities: readonly PrintFacility[];
  readonly population: { grid: DemandGrid; cellSize: { cellWidthDeg: number; cellHeightDeg: number } | null } | null;
  /** An atlas page: the frame fits this unit (plus a margin) and the map outside it is greyed. */
  readonly focus?: SheetFocus;
  /** A small table of figures above the notes (an atlas page's unit figures). */
  readonly figures?: SheetFigures;
  /** Printed at the title band's right end, e.g. "3/10". */
  readonly pageLabel?: string;
  /** A scenario's proposals, an analysis run for the print and the reviewed estates (plan_content.ts). */
  readonly plan?: PrintPlan;
  /** The project's roads, drawn as thin grey lines for context (the offline default has no basemap). */
  readonly roads?: readonly PrintRoad[];
  /**
   * A tile basemap (its attribution belongs in `sources`): the notes say how its tiles were
   * reprojected (and warn when they are GCJ-02); `image` is the basemap resampled into this sheet's
   * frame (shared/print/basemap_raster.ts), absent while the frame is being found (sheetFrame).
   */
  readonly basemap?: { readonly gcj02: boolean; readonly image?: ImageItem };
}

/** Opacity of the population grid over a basemap: the streets and places read through the classes. */
export const GRID_OPACITY_OVER_BASEMAP = 0.6;

/** The page facts of `siting map --json`. */
export interface SheetPage {
  /** [width, height], mm. */
  readonly paperMm: [number, number];
  /** [x, y, width, height], mm from the page's top-left corner. */
  readonly mapFrameMm: [number, number, number, number];
  readonly crs: string;
  readonly extent: Extent;
  readonly scaleDenominator: number;
  readonly title: string;
}

export interface Sheet {
  readonly page: SheetPage;
  readonly drawing: DisplayList;
  readonly frame: MapFrame;
  readonly symbols: readonly PlacedSymbol[];
  /** English sentences for the caller to show (e.g. a public map without its 审图号). */
  readonly warnings: string[];
}

/** [west, south, east, north] of the grid and the facilities (else the boundaries), WGS84. */
function dataBounds(input: SheetInput): [number, number, number, number] {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  const add = (lon: number, lat: number) => {
    w = Math.min(w, lon);
    e = Math.max(e, lon);
    s = Math.min(s, lat);
    n = Math.max(n, lat);
  };
  const grid = input.population?.grid;
  if (grid) for (let c = 0; c < grid.count; c++) add(grid.lon[c], grid.lat[c]);
  for (const f of input.facilities) add(f.lon, f.lat);
  if (!Number.isFinite(w)) {
    for (const b of input.boundaries) {
      const polygons = b.geometry.type === 'Polygon' ? [b.geometry.coordinates] : b.geometry.coordinates;
      for (const polygon of polygons) for (const [lon, lat] of polygon[0]) add(lon, lat);
    }
  }
  if (!Number.isFinite(w)) throw new InputError('nothing to print: the project has no population cells, facilities or boundaries', {}, { reason: 'print_nothing_to_draw' });
  return [w, s, e, n];
}

/** The layout, frame and notes of a sheet (the frame depends on the notes' height). */
function sheetGeometry(input: SheetInput) {
  const words = printWords(input.language);
  const warnings: string[] = [];
  const notes: Note[] = [];
  if (input.purpose === 'internal') notes.push({ text: words.internalStamp, color: '#c62828', bold: true });
  else {
    const number = input.reviewNumber?.trim() ?? '';
    notes.push({ text: `${words.reviewNumber}${number}`, color: '#212121', bold: true });
    if (number === '') warnings.push('a public map needs its map-review number (审图号); the field is empty');
  }
  notes.push(...planNotes(input.plan, input.language, groupThousands));
  if (input.basemap) notes.push({ text: words.basemapNote(input.basemap.gcj02), ...(input.basemap.gcj02 ? { color: '#c62828' } : {}) });
  // The scenario's proposals are drawn and labelled with the facilities.
  const facilities = [...input.facilities, ...proposalFacilities(input.plan, input.language)];
  // The CRS note depends on the frame, which depends on the notes' height: fit once with a placeholder
  // of the same length (the CRS note's length varies by a few characters at most).
  const bounds = input.focus ? geometryBounds(input.focus.geometry) : dataBounds({ ...input, facilities });
  const padding = input.focus ? (input.focus.marginShare ?? DEFAULT_FOCUS_MARGIN) : undefined;
  const draftFrame = fitMapFrame(bounds, { xMm: 0, yMm: 0, widthMm: 100, heightMm: 100 }, padding);
  const crsNote = (frame: MapFrame) => {
    const def = frame.crs.definition;
    return def.family === 'web_mercator' ? words.crsWebMercator : words.crsGaussKruger(def.centralMeridianDeg!, def.code);
  };
  const restNotes = (frame: MapFrame): Note[] => [
    { text: crsNote(frame) },
    { text: words.scale(groupThousands(frame.scaleDenominator)) },
    ...(input.sources.length > 0 ? [{ text: `${words.sources}${input.sources.join(words.listSeparator)}` }] : []),
    { text: `${words.mapDate}${input.mapDate}` },
    ...(input.author ? [{ text: `${words.author}${input.author}` }] : []),
  ];
  const probeLayout = sheetLayout(input.paper, 0, Boolean(input.subtitle));
  const noteSize = probeLayout.sizes.noteMm;
  const notesWidth = probeLayout.notes.widthMm;
  const draftLines = wrapNotes([...notes, ...restNotes({ ...draftFrame, scaleDenominator: 1_000_000 })], notesWidth, noteSize);
  const figuresHeight = figuresHeightMm(input.figures, probeLayout.sizes);
  const layout = sheetLayout(input.paper, figuresHeight + (draftLines.length + 1) * noteLineHeightMm(noteSize), Boolean(input.subtitle));
  const frame = fitMapFrame(bounds, layout.mapFrame, padding);
  const lines = wrapNotes([...notes, ...restNotes(frame)], layout.notes.widthMm, noteSize);
  return { words, warnings, facilities, frame, layout, lines, figuresHeight, noteSize };
}

/**
 * The map frame of the sheet `composeSheet(input)` draws, without drawing it: a basemap is fetched for
 * this frame, then the sheet is composed with its image (the image does not move the frame).
 */
export function sheetFrame(input: SheetInput): MapFrame {
  return sheetGeometry(input).frame;
}

/**
 * Composes one sheet.
 * @example composeSheet({ paper: paper('A4'), language: 'zh', title: '武汉市养老服务设施布局图', purpose: 'internal', mapDate: '2026-12-07', sources: [], dpi: 300, boundaries, facilities, population }).page.crs // "EPSG:4547"
 */
export function composeSheet(input: SheetInput): Sheet {
  const { words, warnings, facilities, frame, layout, lines, figuresHeight, noteSize } = sheetGeometry(input);
  const { sizes } = layout;

  const mapItems: DisplayItem[] = [];
  if (input.basemap?.image) mapItems.push(input.basemap.image);
  let population: Parameters<typeof legendItems>[1]['population'] = null;
  if (input.population && input.population.grid.count > 0) {
    const { grid, cellSize } = input.population;
    const values = grid.hasElderly ? grid.elderly : grid.population;
    const classes = classesOf(values);
    if (classes) {
      const image = gridImage(frame, grid, cellSize, values, classes, input.dpi);
      if (image) {
        mapItems.push(input.basemap?.image ? { ...image, opacity: GRID_OPACITY_OVER_BASEMAP } : image);
        population = { classes, label: grid.hasElderly ? words.elderlyPerCell : words.populationPerCell, hasNoData: false };
      }
    }
  }
  const roads = input.roads && input.roads.length > 0 ? roadItem(frame, input.roads, sizes) : null;
  if (roads) mapItems.push(roads);
  mapItems.push(...planUnderItems(frame, input.plan, sizes));
  const boundaryDrawing = boundaryItems(frame, input.boundaries, sizes);
  mapItems.push(...boundaryDrawing);
  if (input.focus) mapItems.push(...focusItems(frame, input.focus, sizes));
  const { items: facilityDrawing, placed } = facilityItems(frame, facilities, sizes);
  mapItems.push(...facilityDrawing);

  const drawn = placed.map((p) => p.facility);
  const existingDrawn = drawn.filter((f) => !f.proposal);
  const bar = scaleBar(frame.scaleDenominator, layout.scaleBar.widthMm - sizes.noteMm * 5);
  const items: DisplayItem[] = [
    { kind: 'clip', ...frame.rect, items: mapItems },
    neatLine(frame, sizes.lineMm),
    ...scaleBarItems(layout, bar),
    ...northArrowItems(layout, trueNorthBearingDeg(frame), words),
    ...titleItems(layout, input.title, input.subtitle),
    ...legendItems(
      layout,
      {
        population,
        kinds: FACILITY_KINDS.filter((kind) => existingDrawn.some((f) => f.kind === kind)),
        statuses: FACILITY_STATUSES.filter((status) => existingDrawn.some((f) => f.status === status)),
        hasIllustrative: existingDrawn.some((f) => f.illustrative),
        hasBoundaries: boundaryDrawing.length > 0,
        hasRoads: roads !== null,
        plan: sheetPlanLegend(input, drawn),
      },
      words,
    ),
    ...(input.figures ? figuresItems(layout.notes, input.figures, sizes) : []),
    ...notesItems(figuresHeight > 0 ? { ...layout.notes, yMm: layout.notes.yMm + figuresHeight } : layout.notes, lines, noteSize),
    ...(input.pageLabel ? pageLabelItems(layout, input.pageLabel) : []),
  ];
  const { xMm, yMm, widthMm, heightMm } = frame.rect;
  return {
    page: {
      paperMm: [input.paper.widthMm, input.paper.heightMm],
      mapFrameMm: [xMm, yMm, widthMm, heightMm],
      crs: frame.crs.id,
      extent: frame.extent,
      scaleDenominator: frame.scaleDenominator,
      title: input.title,
    },
    drawing: { widthMm: input.paper.widthMm, heightMm: input.paper.heightMm, items },
    frame,
    symbols: placed,
    warnings,
  };
}

/** Direction of true north at the frame's centre, degrees clockwise from the page's up. */
function trueNorthBearingDeg(frame: MapFrame): number {
  const [minX, minY, maxX, maxY] = frame.extent;
  const [lon, lat] = frame.toWgs84((minX + maxX) / 2, (minY + maxY) / 2);
  const [x0, y0] = frame.fromWgs84(lon, lat);
  const [x1, y1] = frame.fromWgs84(lon, lat + 0.01);
  return (Math.atan2(x1 - x0, y1 - y0) * 180) / Math.PI;
}

/** The plan's legend entries with their words (null without a plan). */
function sheetPlanLegend(input: SheetInput, drawn: readonly PrintFacility[]): { legend: NonNullable<ReturnType<typeof planLegend>>; words: ReturnType<typeof planWords> } | null {
  const words = planWords(input.language);
  const legend = planLegend(input.plan, drawn, words);
  return legend ? { legend, words } : null;
}
