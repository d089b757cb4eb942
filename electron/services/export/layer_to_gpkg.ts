/**
 * A layer as a GeoPackage file with the same table layout as the project store (layer_tables.ts:
 * fid, geom, snake_case columns; gpkg core tables from migration 0001), so QGIS, GDAL and a later
 * `siting import` read it. Built in an in-memory SQLite database and serialised: the caller gets the
 * complete file's bytes and writes them in one go. Coordinates are in `srs` (WGS84 unless the export
 * asked for another system; the features must already be in it).
 */
import Database from 'better-sqlite3';
import type { LayerName } from '../../../shared/schemas/entities';
import { encodeGpkgGeometry, geometryBounds, SRS_WGS84 } from '../store/gpkg_geometry';
import { createTableSql, LAYER_TABLES, recordValues } from '../store/layer_tables';
import { up as createGpkgCore } from '../store/migrations/0001_gpkg_core';
import type { ExportFeature } from './export_feature';

/** A row for gpkg_spatial_ref_sys. */
export interface GpkgSrs {
  srsId: number;
  name: string;
  organization: string;
  code: number;
  /** WKT definition. */
  definition: string;
}

export function layerToGpkg(layer: LayerName, features: readonly ExportFeature[], srs?: GpkgSrs): Uint8Array {
  const db = new Database(':memory:');
  try {
    createGpkgCore(db);
    // the core migration also creates the project's settings table, which an export does not need
    db.exec("DROP TABLE settings; DELETE FROM gpkg_contents WHERE table_name = 'settings'");
    const srsId = srs?.srsId ?? SRS_WGS84;
    if (srs && srs.srsId !== SRS_WGS84) {
      db.prepare('INSERT INTO gpkg_spatial_ref_sys (srs_name, srs_id, organization, organization_coordsys_id, definition, description) VALUES (?, ?, ?, ?, ?, ?)').run(
        srs.name,
        srs.srsId,
        srs.organization,
        srs.code,
        srs.definition,
        srs.name,
      );
    }
    const spec = LAYER_TABLES[layer];
    db.exec(createTableSql(spec));
    const insert = db.prepare(`INSERT INTO "${layer}" (fid, geom, ${spec.columns.map((c) => `"${c.column}"`).join(', ')}) VALUES (?, ?, ${spec.columns.map(() => '?').join(', ')})`);
    let extent: [number, number, number, number] | null = null;
    db.transaction(() => {
      for (const feature of features) {
        if (feature.geometry === null) continue;
        const record: Record<string, unknown> = {};
        for (const column of spec.columns) record[column.field] = feature.properties[column.column];
        insert.run(feature.fid, encodeGpkgGeometry(feature.geometry, srsId), ...recordValues(spec, record));
        const [minX, minY, maxX, maxY] = geometryBounds(feature.geometry);
        extent = extent === null ? [minX, minY, maxX, maxY] : [Math.min(extent[0], minX), Math.min(extent[1], minY), Math.max(extent[2], maxX), Math.max(extent[3], maxY)];
      }
    })();
    const bounds = extent as [number, number, number, number] | null;
    db.prepare(
      "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, min_x, min_y, max_x, max_y, srs_id) VALUES (?, 'features', ?, ?, ?, ?, ?, ?, ?)",
    ).run(layer, layer, spec.description, bounds?.[0] ?? null, bounds?.[1] ?? null, bounds?.[2] ?? null, bounds?.[3] ?? null, srsId);
    db.prepare("INSERT INTO gpkg_geometry_columns (table_name, column_name, geometry_type_name, srs_id, z, m) VALUES (?, 'geom', ?, ?, 0, 0)").run(
      layer,
      spec.geometryType,
      srsId,
    );
    return new Uint8Array(db.serialize());
  } finally {
    db.close();
  }
}
