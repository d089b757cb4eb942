/**
 * What a vector or table reader hands on before records are built: the rows of a table (CSV, XLSX)
 * or the features of a vector file (GeoJSON, shapefile, KML/KMZ, GeoPackage, OSM), in the file's
 * coordinates, with what was detected. parse_table_layer.ts / parse_feature_layer.ts turn them into
 * records; preview_layer_files.ts shows them to the user before mapping.
 */
import type { FeatureSource } from './parse_feature_layer';
import type { TableSource } from './parse_table_layer';

export type LayerSource = ({ kind: 'table' } & TableSource) | ({ kind: 'features' } & FeatureSource);

export interface SourceRead {
  /** Name used in messages (e.g. "archive.zip/roads.shp", "planning.gpkg/estates"). */
  file: string;
  source: LayerSource;
}
