/** Export service: a layer as GeoJSON (RFC 7946) or CSV text. */
import type { LayerName } from '../../shared/schemas/entities';
import { layerToCsv } from './export/layer_to_csv';
import { layerToGeoJson } from './export/layer_to_geojson';
import type { ProjectStore } from './store/project_store';

export type ExportFormat = 'geojson' | 'csv';

export function exportFormatFromPath(path: string): ExportFormat | null {
  if (/\.(geo)?json$/i.test(path)) return 'geojson';
  if (/\.csv$/i.test(path)) return 'csv';
  return null;
}

export function exportLayer(store: ProjectStore, layer: LayerName, format: ExportFormat, scenario?: string): { content: string; count: number } {
  const features = store.listFeatures(layer, { scenario });
  const content = format === 'geojson' ? layerToGeoJson(layer, features) : layerToCsv(layer, features);
  return { content, count: features.length };
}
