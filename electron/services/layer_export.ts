/**
 * Export service: a layer as GeoJSON, CSV, GeoPackage or KML, in WGS84 or another coordinate system
 * (export_crs.ts says which format takes which). Files are written whole to a temporary name next to
 * the target and then renamed, so a failed export never leaves half a file, and the open project file
 * itself can never be the target.
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../../shared/errors';
import type { LayerName } from '../../shared/schemas/entities';
import { crsWkt } from './export/crs_wkt';
import { resolveExportCrs, type ExportFormat } from './export/export_crs';
import type { ExportFeature } from './export/export_feature';
import { layerToCsv } from './export/layer_to_csv';
import { layerToGeoJson } from './export/layer_to_geojson';
import { layerToGpkg } from './export/layer_to_gpkg';
import { layerToKml } from './export/layer_to_kml';
import { reprojectFeatures } from './export/reproject_features';
import type { ProjectStore } from './store/project_store';

export type { ExportFormat } from './export/export_crs';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['geojson', 'csv', 'gpkg', 'kml'];

export interface ExportOptions {
  /** Proposals of one scenario (id or name). */
  scenario?: string;
  /** Target coordinate system (EPSG:<code>, gcj02, bd09, ...); default WGS84. */
  crs?: string;
}

export interface ExportedLayer {
  bytes: Uint8Array;
  count: number;
  /** Coordinate system of the file (EPSG:4326, EPSG:4547, GCJ02 ...). */
  crs: string;
}

export function exportFormatFromPath(path: string): ExportFormat | null {
  if (/\.(geo)?json$/i.test(path)) return 'geojson';
  if (/\.csv$/i.test(path)) return 'csv';
  if (/\.gpkg$/i.test(path)) return 'gpkg';
  if (/\.kml$/i.test(path)) return 'kml';
  return null;
}

/** The layer encoded in `format` (and, if asked, another CRS). */
export function exportLayerBytes(store: ProjectStore, layer: LayerName, format: ExportFormat, options: ExportOptions = {}): ExportedLayer {
  const target = resolveExportCrs(format, options.crs);
  const stored: ExportFeature[] = store.listFeatures(layer, { scenario: options.scenario });
  const features = target.identity ? stored : reprojectFeatures(stored, target.spec, layer);
  const projected = target.spec.kind === 'epsg' ? target.spec.definition.projected : target.spec.kind === 'custom' && target.spec.projected;
  let bytes: Uint8Array;
  switch (format) {
    case 'geojson':
      bytes = new TextEncoder().encode(layerToGeoJson(layer, features, target.epsgCode !== null && target.epsgCode !== 4326 ? { epsgCode: target.epsgCode } : {}));
      break;
    case 'csv':
      bytes = new TextEncoder().encode(layerToCsv(layer, features, projected ? { pointColumns: ['x', 'y'] } : {}));
      break;
    case 'kml':
      bytes = new TextEncoder().encode(layerToKml(layer, features));
      break;
    case 'gpkg': {
      const definition = target.spec.kind === 'epsg' ? target.spec.definition : null;
      bytes = layerToGpkg(
        layer,
        features,
        definition ? { srsId: definition.code, name: definition.name, organization: 'EPSG', code: definition.code, definition: crsWkt(definition) } : undefined,
      );
      break;
    }
  }
  return { bytes, count: stored.length, crs: target.spec.kind === 'custom' ? target.spec.label : target.spec.id };
}

/** GeoJSON or CSV text in WGS84 (the app's download channel). */
export function exportLayer(store: ProjectStore, layer: LayerName, format: 'geojson' | 'csv', scenario?: string): { content: string; count: number } {
  const features = store.listFeatures(layer, { scenario });
  const content = format === 'geojson' ? layerToGeoJson(layer, features) : layerToCsv(layer, features);
  return { content, count: features.length };
}

/** Writes the export to `path` atomically (temporary file + rename). */
export function exportLayerToFile(store: ProjectStore, layer: LayerName, format: ExportFormat, path: string, options: ExportOptions = {}): ExportedLayer & { path: string } {
  const target = resolve(path);
  if (target === resolve(store.path)) {
    throw new InputError('the export would overwrite the open project file; choose another file name', { file: path, field: 'out' }, { reason: 'export_overwrites_project' });
  }
  const exported = exportLayerBytes(store, layer, format, options);
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, exported.bytes);
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new InputError(`cannot write the file (${reason})`, { file: path, field: 'out', expected: 'a writable path' }, { reason: 'cannot_write', params: { detail: reason } });
  }
  return { ...exported, path: target };
}
