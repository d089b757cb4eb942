/** The result of parsing one import file: validated records plus what was detected. */
import type { ImportableLayer, LayerRecordMap } from '../../../shared/schemas/entities';

export type ImportFormat = 'csv' | 'geojson' | 'geotiff';

export interface ParsedLayer<L extends ImportableLayer = ImportableLayer> {
  layer: L;
  format: ImportFormat;
  records: LayerRecordMap[L][];
  /** rows/cells deliberately skipped (blank rows, nodata cells are only counted, not listed) */
  skipped: { row?: number; reason: string }[];
  skippedCount: number;
  detected: { crs: string | null; encoding: string | null; columns: string[]; mapping: Record<string, string> };
}
