/** The result of parsing import files: validated records plus what was detected. */
import type { ImportOptions, SkippedEntry } from '../../../shared/ipc/contract';
import type { ImportableLayer, LayerRecordMap } from '../../../shared/schemas/entities';
import type { FacilityKindMap, KindValueSummary } from '../../../shared/schemas/facility_kind_map';
import type { RecordLocation } from './record_location';

export type ImportFormat = 'csv' | 'xlsx' | 'geojson' | 'geotiff' | 'shapefile' | 'kml' | 'kmz' | 'gpkg' | 'osm' | 'osm_pbf';

/** One input file: its name (a base name is best: it is used for format detection and messages) and bytes. */
export interface ImportFile {
  name: string;
  bytes: Uint8Array;
}

/** The import's options plus what the importer adds from the project (never sent over IPC). */
export type ParseOptions = ImportOptions & {
  /** The project's remembered facility-kind mapping (below options.kindMap, above the synonyms). */
  rememberedKindMap?: FacilityKindMap | null;
  /**
   * Rows without an id get `base + row number` (features: base + index): base is the largest whole
   * number id already in the layer when appending, so generated ids never collide with it; 0 otherwise.
   */
  generatedIdBase?: number;
};

export interface DetectedSource {
  /** CRS the coordinates were read in (EPSG:4547, GCJ02, ...); the records are always WGS84. */
  crs: string | null;
  encoding: string | null;
  columns: string[];
  /** target field -> source column (or band expression for rasters) */
  mapping: Record<string, string>;
  /** Layers of a multi-layer source (GeoPackage tables, KML folders, workbook sheets). */
  sourceLayers?: string[];
  /** Things worth showing the user (suspicious axes, a CRS overridden by options, mixed nodata). */
  warnings?: string[];
  /** Facilities with a kind column: each distinct value, its rows and the kind they got. */
  kinds?: KindValueSummary[];
}

export interface ParsedLayer<L extends ImportableLayer = ImportableLayer> {
  layer: L;
  format: ImportFormat;
  records: LayerRecordMap[L][];
  /**
   * Where each record was read from (file and row or feature), aligned with `records`: the project
   * store names them when a record clashes with the project (an id already there).
   */
  origins: RecordLocation[];
  /**
   * Rows/ways deliberately skipped, with reasons; many of one kind (nodata cells, blank rows, ways that
   * are not roads) are one summary entry with their count.
   */
  skipped: SkippedEntry[];
  skippedCount: number;
  detected: DetectedSource;
  /**
   * field -> its sources one by one (GeoTIFF files or bands: "a.tif", "b.tif[band2]"), for the
   * population note; without it a field's source is its column in `detected.mapping`.
   */
  fieldSources?: Record<string, string[]>;
}
