/**
 * `siting map`: one sheet of the project drawn by the shared print pipeline (shared/print/sheet.ts)
 * and written as PDF, SVG or PNG (+ world file). Headless: no window, no browser.
 */
import { writeFileSync } from 'node:fs';
import type { MultiPolygon, Point, Polygon } from 'geojson';
import { InputError } from '../../../shared/errors';
import { isIllustrative } from '../../../shared/map_style/facility_style';
import { FacilityKind, FacilityStatus, type Boundary } from '../../../shared/schemas/entities';
import { type PrintBoundary, type PrintFacility } from '../../../shared/print/map_content';
import { paper } from '../../../shared/print/paper';
import { printWords, type PrintLanguage } from '../../../shared/print/print_words';
import { composeSheet, type PrintPurpose, type Sheet, type SheetInput, type SheetPage } from '../../../shared/print/sheet';
import { displayListToSvg } from '../../../shared/print/svg';
import type { ProjectStore } from '../store/project_store';
import { exportAtlas } from './atlas_export';
import { writePdf } from './pdf_writer';
import { rasteriseSvg, worldFile } from './png_writer';

export const MAP_FORMATS = ['pdf', 'svg', 'png'] as const;
export type MapFormat = (typeof MAP_FORMATS)[number];

export interface MapExportOptions {
  out: string;
  paper?: string;
  orientation?: string;
  title?: string;
  subtitle?: string;
  scenario?: string;
  dpi?: number;
  purpose?: PrintPurpose;
  reviewNumber?: string;
  author?: string;
  language?: PrintLanguage;
  /** The printed map date; today (local time, YYYY-MM-DD) when absent. */
  mapDate?: string;
  /** An atlas: one page per unit of this boundary level (electron/services/print/atlas_export.ts). */
  atlas?: Boundary['level'];
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

function printFacilities(store: ProjectStore, scenario: string | undefined): PrintFacility[] {
  return store.listFeatures('facilities', { scenario }).flatMap((feature) => {
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
  if (!(dpi >= 72 && dpi <= 600)) throw new InputError(`--dpi must be between 72 and 600, got ${dpi}`, { field: 'dpi' });
  const language = options.language ?? 'zh';
  const info = store.info();
  const facilities = printFacilities(store, options.scenario);
  const facilitySources = [...new Set(store.listFeatures('facilities', { scenario: options.scenario }).map((f) => f.properties.source).filter((s): s is string => typeof s === 'string' && s.trim() !== ''))];
  const words = printWords(language);
  const grid = store.countOf('population') > 0 ? { grid: store.loadDemandGrid(), cellSize: store.populationCellSize() } : null;
  const input: SheetInput = {
    paper: paper(options.paper ?? 'A4', options.orientation ?? 'portrait'),
    language,
    title: options.title ?? words.defaultTitle(info.name),
    subtitle: options.subtitle,
    purpose: options.purpose ?? 'internal',
    reviewNumber: options.reviewNumber,
    mapDate: options.mapDate ?? today(),
    author: options.author,
    sources: [...info.attributions, ...facilitySources.map((source) => `${words.facilities}: ${source}`)],
    dpi,
    boundaries: printBoundaries(store),
    facilities,
    population: grid,
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
  if (!format) throw new InputError('cannot tell the format: use a .pdf, .svg or .png file name', { file: options.out, field: 'out' });
  // An atlas: one page per unit of the level (one PDF, or a file per unit).
  if (options.atlas) return exportAtlas(store, sheetInput(store, options, format).input, { ...options, atlas: options.atlas }, format);
  const map = buildSheets(store, options, format);
  const written = await writeMap(map, format);
  const out = [options.out];
  writeFileSync(options.out, written.bytes);
  if (written.worldFile !== null) {
    const worldPath = options.out.replace(/\.png$/i, '.pgw');
    writeFileSync(worldPath, written.worldFile);
    out.push(worldPath);
  }
  return { pages: map.sheets.map((sheet) => sheet.page), out, warnings: map.warnings };
}
