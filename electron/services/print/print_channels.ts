/**
 * The hosts' print channels over the one sheet of `siting map` (map_export.ts: buildSheets → writeMap):
 * `map:preview` gives the SVG the CLI writes for the same options (the app shows it: what you see is
 * what prints), `map:export` writes the PDF, PNG (+ world file) or SVG to a path or hands its bytes back
 * for a browser download. No layout code of its own.
 */
import { basename } from 'node:path';
import type { ChannelOutput, ChannelParsedInput, MapOptions } from '../../../shared/ipc/contract';
import type { ProjectStore } from '../store/project_store';
import { analysisWithDefaults } from '../../../shared/settings/analysis_defaults';
import { buildAtlasSheet, buildSheets, buildSheetWithBasemap, mapSvg, writeMap, type MapExportOptions } from './map_export';
import { rasteriseSvg } from './png_writer';
import { writeFileAtomically } from '../export/write_file_atomically';

/**
 * The channel's options as map_export's (the same names; absent stays absent): the analysis with the
 * defaults `siting map --analysis` fills (shared/settings/analysis_defaults.ts).
 */
export function mapExportOptions(options: MapOptions): Omit<MapExportOptions, 'out'> {
  const { analysis, basemap, ...rest } = options;
  return { ...rest, ...(analysis ? { analysis: analysisWithDefaults(analysis) } : {}), ...(basemap ? { basemap: 'project', basemapCrs: basemap } : {}) };
}
const exportOptions = mapExportOptions;

/**
 * `map:preview`: the sheet's SVG text and page facts (of one atlas page with `atlas`), and with
 * `pngWidthPx` the page as PNG drawn by resvg with the print fonts, as the PNG export draws it.
 */
export function previewMap(store: ProjectStore, { options, atlas, pngWidthPx }: ChannelParsedInput<'map:preview'>): ChannelOutput<'map:preview'> {
  const map = atlas ? buildAtlasSheet(store, exportOptions(options), atlas.level, atlas.unit) : buildSheets(store, exportOptions(options), 'svg');
  const svg = mapSvg(map);
  const widthMm = map.sheets[0].drawing.widthMm;
  const png = pngWidthPx === undefined ? null : rasteriseSvg(svg, widthMm, (pngWidthPx * 25.4) / widthMm).toString('base64');
  return { svg, png, page: map.sheets[0].page, warnings: map.warnings };
}

/** `map:export`: the sheet as a file at `path`, or its content for a download when there is no path. */
export async function exportMapFile(store: ProjectStore, { options, format, path }: ChannelParsedInput<'map:export'>): Promise<ChannelOutput<'map:export'>> {
  const chosen = exportOptions(options);
  // With the project's basemap: its tiles fetched for the export (a failure refuses it, naming the host).
  const map = chosen.basemap !== undefined ? await buildSheetWithBasemap(store, { ...chosen, basemap: chosen.basemap }, format) : buildSheets(store, chosen, format);
  const written = await writeMap(map, format);
  const page = map.sheets[0].page;
  const worldName = (png: string) => png.replace(/\.png$/i, '') + '.pgw';
  if (path) {
    // Never over the open project (the format comes with the request, not from the path), never half a file.
    writeFileAtomically(path, written.bytes, store.path);
    let worldFile = null;
    if (written.worldFile !== null) {
      const worldPath = /\.png$/i.test(path) ? worldName(path) : `${path}.pgw`;
      writeFileAtomically(worldPath, written.worldFile, store.path);
      worldFile = { name: basename(worldPath), path: worldPath, content: null };
    }
    return { name: basename(path), path, content: null, contentEncoding: 'utf8', worldFile, page, warnings: map.warnings };
  }
  const name = `map.${format}`;
  return {
    name,
    path: null,
    content: format === 'svg' ? new TextDecoder().decode(written.bytes) : Buffer.from(written.bytes).toString('base64'),
    contentEncoding: format === 'svg' ? 'utf8' : 'base64',
    worldFile: written.worldFile === null ? null : { name: worldName(name), path: null, content: written.worldFile },
    page,
    warnings: map.warnings,
  };
}
