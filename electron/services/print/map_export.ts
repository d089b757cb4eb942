/**
 * `siting map`: one sheet of the project drawn by the shared print pipeline (shared/print/sheet.ts)
 * and written as PDF, SVG or PNG (+ world file). Headless: no window, no browser.
 */
import type { LineString, MultiPolygon, Point, Polygon } from 'geojson';
import type { AnalysisOptions } from '../../../shared/engine/analysis/accessibility_analysis';
import { facilitiesInService } from '../../../shared/engine/facilities_in_service';
import { InputError } from '../../../shared/errors';
import type { RunControl } from '../../../shared/run_control';
import { isIllustrative } from '../../../shared/map_style/facility_style';
import { FacilityKind, FacilityStatus, type Boundary } from '../../../shared/schemas/entities';
import { type PrintBoundary, type PrintFacility, type PrintRoad } from '../../../shared/print/map_content';
import { basemapImage, basemapPlan, type BasemapTileCrs } from '../../../shared/print/basemap_raster';
import type { PrintAnalysis, PrintEstate, PrintPlan, PrintProposal } from '../../../shared/print/plan_content';
import { planWords } from '../../../shared/print/plan_words';
import { analyseProjectAccessibility } from '../../../shared/usecases/accessibility_analysis';
import type { EstateVerdict } from '../../../shared/usecases/review_estate';
import { latestStoredReviews } from '../rules/stored_reviews';
import { readProjectSnapshot } from '../store/project_snapshot';
import { paper } from '../../../shared/print/paper';
import { printWords, type PrintLanguage } from '../../../shared/print/print_words';
import { BASELINE_SCENARIO_WORDS, scenarioDisplayName } from '../../../shared/schemas/scenario_words';
import { DEFAULTS } from '../../../shared/settings/siting_settings';
import { composeSheet, sheetFrame, type PrintPurpose, type Sheet, type SheetInput, type SheetPage } from '../../../shared/print/sheet';
import { displayListToSvg } from '../../../shared/print/svg';
import type { ProjectStore } from '../store/project_store';
import { exportAtlas, prepareAtlas } from './atlas_export';
import { basemapTemplate, fetchTiles, templateHost } from './basemap_tiles';
import { writePdf } from './pdf_writer';
import { rasteriseSvg, worldFile } from './png_writer';
import { writeFileAtomically } from '../export/write_file_atomically';

/** The resolution of the raster parts, dpi. */
const MIN_DPI = 72;
const MAX_DPI = 600;

export const MAP_FORMATS = ['pdf', 'svg', 'png'] as const;
export type MapFormat = (typeof MAP_FORMATS)[number];

export interface MapExportOptions {
  out: string;
  paper?: string;
  orientation?: string;
  title?: string;
  subtitle?: string;
  /** The scenario (id or name) whose proposals are drawn and counted. */
  scenario?: string;
  /**
   * An analysis to run and draw (the settings of `siting analyze`: electron/cli/analyze_options.ts);
   * `kinds` are the facility kinds that count, also without an analysis when a scenario is given.
   */
  analysis?: AnalysisOptions;
  kinds?: readonly FacilityKind[];
  dpi?: number;
  purpose?: PrintPurpose;
  reviewNumber?: string;
  author?: string;
  language?: PrintLanguage;
  /** The printed map date; today (local time, YYYY-MM-DD) when absent. */
  mapDate?: string;
  /** An atlas: one page per unit of this boundary level (electron/services/print/atlas_export.ts). */
  atlas?: Boundary['level'];
  /**
   * A tile basemap under the map: 'project' (the project's Settings.basemapUrl) or an XYZ template;
   * none when absent (offline: the project's roads and boundaries give the context).
   */
  basemap?: string;
  /** The basemap's attribution in the sources; its host when absent. */
  basemapAttribution?: string;
  /** What the basemap's tiles are drawn in ('gcj02' for AutoNavi/Amap); 'wgs84' when absent. */
  basemapCrs?: BasemapTileCrs;
  /** Tiles fetched at most (the zoom steps down to stay within it); shared/print/basemap_raster.ts MAX_BASEMAP_TILES when absent. */
  basemapMaxTiles?: number;
}

export interface MapExportResult {
  pages: SheetPage[];
  out: string[];
  warnings: string[];
}

export function mapFormatFromPath(path: string): MapFormat | null {
  const extension = /\.([a-z]+)$/i.exec(path)?.[1]?.toLowerCase();
  return (MAP_FORMATS as readonly string[]).includes(extension ?? '') ? (extension as MapFormat) : null;
}

function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

function printFacilities(store: ProjectStore, counted: ((features: ReturnType<ProjectStore['listFeatures']>) => ReturnType<ProjectStore['listFeatures']>) | null): PrintFacility[] {
  const features = store.listFeatures('facilities');
  return (counted ? counted(features) : features).flatMap((feature) => {
    if (feature.geometry.type !== 'Point') return [];
    const [lon, lat] = (feature.geometry as Point).coordinates;
    const kind = FacilityKind.safeParse(feature.properties.kind);
    const status = FacilityStatus.safeParse(feature.properties.status);
    return [{
      name: typeof feature.properties.name === 'string' ? feature.properties.name : null,
      kind: kind.success ? kind.data : 'other',
      status: status.success ? status.data : 'existing',
      lon,
      lat,
      illustrative: isIllustrative(feature.properties.illustrative),
    }];
  });
}

function printProposals(store: ProjectStore, scenario: string): PrintProposal[] {
  return store.listFeatures('proposals', { scenario }).flatMap((feature) => {
    if (feature.geometry.type !== 'Point') return [];
    const [lon, lat] = (feature.geometry as Point).coordinates;
    const kind = FacilityKind.safeParse(feature.properties.kind);
    const count = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);
    return [{
      name: String(feature.properties.name ?? ''),
      kind: kind.success ? kind.data : 'other',
      lon,
      lat,
      capacity: count(feature.properties.capacity),
      floorAreaM2: count(feature.properties.floor_area_m2),
    }];
  });
}

/** The estates with a stored review, coloured by the verdict of their latest review. */
function printEstates(store: ProjectStore): PrintEstate[] {
  if (store.countOf('estates') === 0) return [];
  const verdicts = new Map<string, EstateVerdict>(latestStoredReviews(store).map((review) => [review.id, review.verdict]));
  if (verdicts.size === 0) return [];
  return store.listFeatures('estates').flatMap((feature) => {
    const verdict = verdicts.get(String(feature.properties.id ?? ''));
    const type = feature.geometry.type;
    if (!verdict || (type !== 'Point' && type !== 'Polygon' && type !== 'MultiPolygon')) return [];
    return [{ name: typeof feature.properties.name === 'string' ? feature.properties.name : null, verdict, geometry: feature.geometry as Point | Polygon | MultiPolygon }];
  });
}

/** The roads layer's lines (a multi-part road is stored as several records). */
function printRoads(store: ProjectStore): PrintRoad[] {
  if (store.countOf('roads') === 0) return [];
  return store.listFeatures('roads').flatMap((feature) => (feature.geometry.type === 'LineString' ? [{ geometry: feature.geometry as LineString }] : []));
}

/** Roads imported from OpenStreetMap (read_osm_source.ts gives them ids "way/…") need ODbL's credit. */
const OSM_ROADS_ATTRIBUTION = 'Roads © OpenStreetMap contributors, ODbL 1.0';

function printBoundaries(store: ProjectStore): PrintBoundary[] {
  return store.listFeatures('boundaries').flatMap((feature) =>
    feature.geometry.type === 'Polygon' || feature.geometry.type === 'MultiPolygon'
      ? [{ name: typeof feature.properties.name === 'string' ? feature.properties.name : null, geometry: feature.geometry as Polygon | MultiPolygon }]
      : [],
  );
}

/** The sheets of a map and what their writers need (buildSheets → writeMap). */
export interface MapSheets {
  sheets: Sheet[];
  /** Resolution of the raster parts, and of the whole page in a PNG. */
  dpi: number;
  author?: string;
  warnings: string[];
}

/** A written map: the file's bytes, and for a PNG its world file (.pgw) text. */
export interface WrittenMap {
  bytes: Uint8Array;
  worldFile: string | null;
}

/** The sheet input of the project for `options`; `format` only chooses the default dpi (150 for PNG, else 300). */
function sheetInput(store: ProjectStore, options: Omit<MapExportOptions, 'out'>, format: MapFormat): { input: SheetInput; dpi: number } {
  const dpi = options.dpi ?? (format === 'png' ? 150 : 300);
  if (!(dpi >= MIN_DPI && dpi <= MAX_DPI)) throw new InputError(`--dpi must be between ${MIN_DPI} and ${MAX_DPI}, got ${dpi}`, { field: 'dpi' }, { reason: 'print_dpi_out_of_range', params: { dpi, min: MIN_DPI, max: MAX_DPI } });
  const language = options.language ?? 'zh';
  const info = store.info();
  const words = printWords(language);
  const plan = readPlan(store, options, language);
  // With a scenario or an analysis, the facilities drawn are those that count (one rule: facilities_in_service.ts).
  const kinds = options.kinds ?? DEFAULTS.kinds;
  const counts = plan && (plan.scenario !== null || plan.analysis !== null);
  const facilities = printFacilities(store, counts ? (features) => facilitiesInService(features.map((f) => ({ ...f, kind: String(f.properties.kind), status: f.properties.status })), [], kinds).facilities : null);
  const facilitySources = [...new Set(store.listFeatures('facilities').map((f) => f.properties.source).filter((s): s is string => typeof s === 'string' && s.trim() !== ''))];
  const listDate = store.layerChangedAt('facilities')?.slice(0, 10) ?? null;
  const scenarioName = plan?.scenario ?? null;
  const roads = printRoads(store);
  const osmRoads = roads.length > 0 && store.listFeatures('roads').some((f) => String(f.properties.id ?? '').startsWith('way/'));
  const grid = store.countOf('population') > 0 ? { grid: store.loadDemandGrid(), cellSize: store.populationCellSize() } : null;
  const input: SheetInput = {
    paper: paper(options.paper ?? 'A4', options.orientation ?? 'portrait'),
    language,
    title: options.title ?? (scenarioName ? planWords(language).scenarioTitle(info.name, scenarioName) : words.defaultTitle(info.name)),
    subtitle: options.subtitle,
    purpose: options.purpose ?? 'internal',
    reviewNumber: options.reviewNumber,
    mapDate: options.mapDate ?? today(),
    author: options.author,
    sources: [
      ...info.attributions,
      ...(osmRoads && !info.attributions.includes(OSM_ROADS_ATTRIBUTION) ? [OSM_ROADS_ATTRIBUTION] : []),
      // The facility list's source and date: the date it last changed in the project (imported or edited).
      ...facilitySources.map((source) => `${words.facilities}: ${source}${listDate ? words.listDate(listDate) : ''}`),
    ],
    dpi,
    boundaries: printBoundaries(store),
    facilities,
    population: grid,
    plan: plan ?? undefined,
    roads,
  };
  return { input, dpi };
}

/**
 * The project's sheet for `options` (the one layout of `siting map`, the hosts' `map:export` and the
 * app's preview `map:preview`); `format` only chooses the default dpi (150 for PNG, else 300).
 */
export function buildSheets(store: ProjectStore, options: Omit<MapExportOptions, 'out'>, format: MapFormat = 'svg'): MapSheets {
  const { input, dpi } = sheetInput(store, options, format);
  const sheet = composeSheet(input);
  return { sheets: [sheet], dpi, author: options.author, warnings: sheet.warnings };
}

/**
 * The project's sheet over a tile basemap: the frame is found first, the tiles covering it at the
 * print's resolution are fetched (all of them, or the print is refused) and resampled into the frame,
 * then the sheet is composed with that image under the population grid.
 */
export async function buildSheetWithBasemap(store: ProjectStore, options: Omit<MapExportOptions, 'out'> & { basemap: string }, format: MapFormat = 'svg'): Promise<MapSheets> {
  const template = basemapTemplate(options.basemap, store.settings().basemapUrl);
  const { input: plain, dpi } = sheetInput(store, options, format);
  const tileCrs = options.basemapCrs ?? 'wgs84';
  const attribution = options.basemapAttribution?.trim() || printWords(plain.language).basemapSource(templateHost(template));
  const input: SheetInput = { ...plain, sources: [...plain.sources, attribution], basemap: { gcj02: tileCrs === 'gcj02' } };
  const frame = sheetFrame(input);
  const plan = basemapPlan(frame, dpi, tileCrs, options.basemapMaxTiles);
  const tiles = await fetchTiles(template, plan.tiles);
  const sheet = composeSheet({ ...input, basemap: { gcj02: tileCrs === 'gcj02', image: basemapImage(frame, plan, tiles) } });
  return { sheets: [sheet], dpi, author: options.author, warnings: sheet.warnings };
}

/** The SVG text of a one-sheet map (also the input of the PNG writer and the app's preview). */
export function mapSvg(map: MapSheets): string {
  if (map.sheets.length !== 1) throw new InputError(`an SVG or PNG holds one page; this map has ${map.sheets.length}`, { field: 'out' });
  return displayListToSvg(map.sheets[0].drawing);
}

/** The map as a file of `format`: one PDF of every sheet, or one sheet as SVG or PNG (+ world file). */
export async function writeMap(map: MapSheets, format: MapFormat): Promise<WrittenMap> {
  if (format === 'pdf') {
    return { bytes: await writePdf(map.sheets.map((sheet) => sheet.drawing), { title: map.sheets[0].page.title, author: map.author }), worldFile: null };
  }
  const svg = mapSvg(map);
  if (format === 'svg') return { bytes: new TextEncoder().encode(svg), worldFile: null };
  const sheet = map.sheets[0];
  return {
    bytes: rasteriseSvg(svg, sheet.drawing.widthMm, map.dpi),
    worldFile: worldFile(sheet.frame, Math.round((sheet.drawing.widthMm / 25.4) * map.dpi), sheet.drawing.widthMm),
  };
}

/** Draws the project's sheet and writes it to `options.out` (format from the file name). */
export async function exportMap(store: ProjectStore, options: MapExportOptions): Promise<MapExportResult> {
  const format = mapFormatFromPath(options.out);
  if (!format) throw new InputError('cannot tell the format: use a .pdf, .svg or .png file name', { file: options.out, field: 'out' }, { reason: 'print_format_unknown', params: { file: options.out } });
  // An atlas: one page per unit of the level (one PDF, or a file per unit).
  if (options.atlas && options.basemap !== undefined) {
    throw new InputError('an atlas is printed without a basemap: remove --basemap', { field: 'basemap' }, { reason: 'print_basemap_atlas' });
  }
  if (options.atlas) return exportAtlas(store, sheetInput(store, options, format).input, { ...options, atlas: options.atlas }, format);
  const map = options.basemap !== undefined ? await buildSheetWithBasemap(store, { ...options, basemap: options.basemap }, format) : buildSheets(store, options, format);
  const written = await writeMap(map, format);
  const out = [options.out];
  writeFileAtomically(options.out, written.bytes, store.path);
  if (written.worldFile !== null) {
    const worldPath = options.out.replace(/\.png$/i, '.pgw');
    writeFileAtomically(worldPath, written.worldFile, store.path);
    out.push(worldPath);
  }
  return { pages: map.sheets.map((sheet) => sheet.page), out, warnings: map.warnings };
}

/** One page of the atlas of `level` as a one-sheet map: unit `unit` in the atlas's order (the app's preview of an atlas). */
export function buildAtlasSheet(store: ProjectStore, options: Omit<MapExportOptions, 'out' | 'atlas'>, level: Boundary['level'], unit: number): MapSheets {
  const { input, dpi } = sheetInput(store, options, 'svg');
  const { sheet } = prepareAtlas(store, input, { ...options, atlas: level }).page(unit);
  return { sheets: [sheet], dpi, author: options.author, warnings: sheet.warnings };
}

/**
 * The atlas of `options.atlas` as one multi-page PDF at `options.out` (the app's atlas export):
 * `control` hears each page drawn and cancels before anything is written.
 */
export function exportAtlasPdf(store: ProjectStore, options: MapExportOptions & { atlas: Boundary['level'] }, control?: RunControl): Promise<MapExportResult> {
  return exportAtlas(store, sheetInput(store, options, 'pdf').input, options, 'pdf', control);
}

/**
 * The plan of the sheet: the scenario's proposals (an unknown scenario is refused by the store with
 * its reason), the analysis run on the facilities that count in it (the use case `siting analyze`
 * runs, so the printed figures are its figures), and the estates with stored reviews; null when there
 * is none of these.
 */
function readPlan(store: ProjectStore, options: Omit<MapExportOptions, 'out'>, language: PrintLanguage): PrintPlan | null {
  const scenario = options.scenario !== undefined ? store.scenarios().find((s) => s.id === options.scenario || s.name === options.scenario) : undefined;
  const proposals = options.scenario !== undefined ? printProposals(store, options.scenario) : [];
  const estates = printEstates(store);
  let analysis: PrintAnalysis | null = null;
  if (options.analysis) {
    const kinds = options.kinds ?? DEFAULTS.kinds;
    const snapshot = readProjectSnapshot(store, { scenario: options.scenario });
    const request: AnalysisOptions = {
      ...options.analysis,
      // Every gap area is drawn; network service areas are drawn merged per threshold.
      gaps: true,
      maxGaps: MAX_GAPS,
      serviceAreas: options.analysis.mode === 'network' ? { perFacility: false } : undefined,
    };
    const run = analyseProjectAccessibility(snapshot, request, kinds);
    const kindNames = printWords(language).kinds;
    analysis = { result: run.result, facilities: run.facilities, kindsText: kinds.map((kind) => kindNames[kind]).join(language === 'zh' ? '、' : ', ') };
  }
  if (!scenario && !analysis && estates.length === 0) return null;
  return { scenario: scenario ? scenarioDisplayName(scenario, BASELINE_SCENARIO_WORDS[language]) : null, proposals, analysis, estates };
}

/** Gap areas drawn at most (the engine lists 50 by default; a sheet hatches every one). */
const MAX_GAPS = 1_000_000;
