/**
 * Features in the shape the project store hands to the exporters (fid, geometry, snake_case
 * properties), built from records that the importers produced from real files. Mirrors what
 * electron/services/store does: points become Point geometries, other fields become columns.
 */
import type { ImportableLayer, LayerRecordMap } from '../../../shared/schemas/entities';
import type { ExportFeature } from '../../../electron/services/export/export_feature';

function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

export function recordsToFeatures<L extends ImportableLayer>(records: LayerRecordMap[L][]): ExportFeature[] {
  return records.map((record, i) => {
    const { geometry, lon, lat, ...fields } = record as unknown as Record<string, unknown>;
    const properties: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(fields)) properties[snakeCase(key)] = value;
    return {
      fid: i + 1,
      geometry: (geometry ?? { type: 'Point', coordinates: [lon as number, lat as number] }) as ExportFeature['geometry'],
      properties,
    };
  });
}
