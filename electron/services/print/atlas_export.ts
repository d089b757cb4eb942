/**
 * `siting map … --atlas LEVEL`: one page per unit of that boundary level (shared/print/atlas.ts), each
 * zoomed to its unit with its figures, written as one multi-page PDF, or one file per unit — always for
 * PNG and SVG, and for PDF when the --out name holds "{unit}" (e.g. `atlas/map_{unit}.pdf`). Without
 * "{unit}", a PNG or SVG atlas names its files `<name>_<unit>.<ext>`. Unit names go into file names
 * with the characters no file system takes (/ \ : * ? " < > | and control characters) replaced by "_".
 */
import type { Point } from 'geojson';
import { DEFAULTS } from '../../../shared/settings/siting_settings';
import { InputError } from '../../../shared/errors';
import { checkRun, type RunControl } from '../../../shared/run_control';
import { atlasFigures, atlasUnits, composeAtlas, type AtlasFigures, type AtlasPage, type ReviewedEstate } from '../../../shared/print/atlas';
import type { AreaInput } from '../../../shared/engine/areas/area_coverage';
import type { SheetInput, SheetPage } from '../../../shared/print/sheet';
import { displayListToSvg } from '../../../shared/print/svg';
import { FacilityKind, type Boundary } from '../../../shared/schemas/entities';
import { projectPreset } from '../rules/project_preset';
import { latestStoredReviews } from '../rules/stored_reviews';
import type { ProjectStore } from '../store/project_store';
import type { MapExportOptions, MapExportResult, MapFormat } from './map_export';
import { writePdf } from './pdf_writer';
import { rasteriseSvg, worldFile } from './png_writer';
import { fileNamePart } from '../../../shared/print/file_names';
import { writeFileAtomically } from '../export/write_file_atomically';

/** A page of `siting map --atlas … --json`: the sheet's page facts with its unit, number and figures. */
export interface AtlasJsonPage extends SheetPage {
  unit: { id: string; name: string; level: Boundary['level'] };
  page: number;
  figures: AtlasFigures;
  /** The file this page is in. */
  file: string;
}

const UNIT_PLACEHOLDER = '{unit}';

/** The file of each unit's page, or null for one multi-page PDF. */
function unitFiles(out: string, format: MapFormat, names: readonly string[]): string[] | null {
  const pattern = out.includes(UNIT_PLACEHOLDER) ? out : format === 'pdf' ? null : out.replace(/(\.[a-z]+)$/i, `_${UNIT_PLACEHOLDER}$1`);
  if (pattern === null) return null;
  const used = new Set<string>();
  return names.map((name) => {
    let file = pattern.split(UNIT_PLACEHOLDER).join(fileNamePart(name));
    for (let n = 2; used.has(file); n++) file = pattern.split(UNIT_PLACEHOLDER).join(`${fileNamePart(name)}_${n}`);
    used.add(file);
    return file;
  });
}

/** The latest review of each estate at its location; null when the project stores none. */
function reviewedEstates(store: ProjectStore): ReviewedEstate[] | null {
  const reviews = latestStoredReviews(store);
  if (reviews.length === 0) return null;
  const verdicts = new Map(reviews.map((review) => [review.id, review.verdict]));
  return store.listFeatures('estates').flatMap((feature) => {
    const verdict = verdicts.get(String(feature.properties.id ?? ''));
    if (!verdict || feature.geometry?.type !== 'Point') return [];
    const [lon, lat] = (feature.geometry as Point).coordinates;
    return [{ lon, lat, verdict }];
  });
}

/** The units of `level`, or an InputError naming the levels present (exit 2). */
function unitsOf(store: ProjectStore, level: Boundary['level']) {
  const boundaries = store.counts().boundaries > 0 ? store.boundaryAreas() : [];
  const units = atlasUnits(boundaries, level);
  if (!units) {
    const present = [...new Set(boundaries.map((b) => b.level))];
    throw new InputError(
      `no boundaries of level ${level} for the atlas; ${present.length > 0 ? `the boundaries layer has level ${present.join(', ')}` : 'the project has no boundaries'}`,
      { field: 'atlas' },
    );
  }
  return units;
}

/** The boundary levels of the project with the names of their units in page order (the app's atlas levels). */
export function atlasLevels(store: ProjectStore): { level: Boundary['level']; units: string[] }[] {
  const boundaries = store.counts().boundaries > 0 ? store.boundaryAreas() : [];
  return [...new Set(boundaries.map((b) => b.level))].flatMap((level) => {
    const units = atlasUnits(boundaries, level);
    return units ? [{ level, units: units.map((unit) => unit.name) }] : [];
  });
}

/** An atlas ready to draw: its units, and each unit's page drawn on demand (numbered as in the whole atlas). */
export interface PreparedAtlas {
  units: readonly AreaInput[];
  page(u: number): AtlasPage;
}

/** The atlas of `options.atlas` from the project's sheet input (exportMap's): its units and their figures, pages drawn on demand. */
export function prepareAtlas(store: ProjectStore, input: SheetInput, options: Pick<MapExportOptions, 'scenario' | 'analysis' | 'kinds' | 'title'> & { atlas: Boundary['level'] }): PreparedAtlas {
  const units = unitsOf(store, options.atlas);
  // The grid the sheet draws (read once), the facilities a project snapshot counts (existing, plus the scenario's proposals).
  const grid = input.population?.grid ?? store.loadDemandGrid();
  const serving = store.selectedFacilities(FacilityKind.options, options.scenario);
  // The covered share: the map's circle analysis (its first radius and kinds) when it has one, else the default circle.
  const circle = options.analysis?.mode === 'circle' ? options.analysis.radiiM?.[0] : undefined;
  const coverage = { radiusM: circle ?? DEFAULTS.radiusM, kinds: options.kinds ?? DEFAULTS.kinds };
  const figures = atlasFigures(grid, serving, units, store.districtFacilities(), projectPreset(store), reviewedEstates(store), coverage);
  return { units, page: (u) => composeAtlas(input, units, figures, options.title, u)[0] };
}

/**
 * Draws and writes the atlas of `options.atlas` from the project's sheet input (exportMap's).
 * Exit 2 (InputError) when the boundaries have no unit of that level, naming the levels present.
 * With `control` (the app's atlas job) the pages are drawn one per turn of the event loop and the
 * writing is one more step: k pages drawn of n are reported as k / (n + 1), all drawn (writing) as
 * n / (n + 1), written as 1. A cancel stops before the next page or before the file is written,
 * so nothing is written.
 */
export async function exportAtlas(store: ProjectStore, input: SheetInput, options: MapExportOptions & { atlas: Boundary['level'] }, format: MapFormat, control?: RunControl): Promise<MapExportResult> {
  const atlas = prepareAtlas(store, input, options);
  const units = atlas.units;
  const pages: AtlasPage[] = [];
  for (let u = 0; u < units.length; u++) {
    if (control) {
      // Let a status poll or a cancel in between pages.
      await new Promise((resolve) => setImmediate(resolve));
      checkRun(control, u / (units.length + 1), 'atlas');
    }
    pages.push(atlas.page(u));
  }
  if (control) {
    await new Promise((resolve) => setImmediate(resolve));
    checkRun(control, units.length / (units.length + 1), 'atlas');
  }
  const files = unitFiles(options.out, format, units.map((unit) => unit.name));
  const out: string[] = [];
  const dpi = input.dpi;
  if (files === null) {
    const pdf = await writePdf(pages.map((page) => page.sheet.drawing), { title: pages[0].sheet.page.title, author: options.author });
    checkRun(control, 1, 'atlas');
    writeFileAtomically(options.out, pdf, store.path);
    out.push(options.out);
  } else {
    for (const [u, { sheet }] of pages.entries()) {
      const file = files[u];
      out.push(file);
      if (format === 'pdf') writeFileAtomically(file, await writePdf([sheet.drawing], { title: sheet.page.title, author: options.author }), store.path);
      else {
        const svg = displayListToSvg(sheet.drawing);
        if (format === 'svg') writeFileAtomically(file, svg, store.path);
        else {
          writeFileAtomically(file, rasteriseSvg(svg, sheet.drawing.widthMm, dpi), store.path);
          const worldPath = file.replace(/\.png$/i, '.pgw');
          writeFileAtomically(worldPath, worldFile(sheet.frame, Math.round((sheet.drawing.widthMm / 25.4) * dpi), sheet.drawing.widthMm), store.path);
          out.push(worldPath);
        }
      }
    }
  }
  const jsonPages: AtlasJsonPage[] = pages.map(({ unit, figures: unitFigures, sheet }, u) => ({
    ...sheet.page,
    unit: { id: unit.id, name: unit.name, level: unit.level },
    page: u + 1,
    figures: unitFigures,
    file: files ? files[u] : options.out,
  }));
  return { pages: jsonPages, out, warnings: [...new Set(pages.flatMap((page) => page.sheet.warnings))] };
}
