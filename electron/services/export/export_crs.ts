/**
 * Which coordinate systems each export format can carry (`siting export --crs`):
 *  - CSV: any system the app knows, GCJ-02 and BD-09 included (for AutoNavi/Baidu users);
 *  - GeoPackage: EPSG systems (written to gpkg_spatial_ref_sys with their WKT);
 *  - GeoJSON: EPSG systems, named by a legacy "crs" member (GDAL/QGIS read it; RFC 7946 is WGS84 only);
 *  - KML: WGS84 only (the KML specification).
 * GCJ-02/BD-09 have no EPSG code and custom definitions no authority, so only CSV takes them.
 */
import { InputError, isInputError } from '../../../shared/errors';
import { parseCrs, wgs84CrsSpec, type CrsSpec } from '../../../shared/geodesy/crs';

export type ExportFormat = 'geojson' | 'csv' | 'gpkg' | 'kml';

export interface ExportCrs {
  spec: CrsSpec;
  /** True when the stored WGS84 coordinates are written as they are (WGS84, CGCS2000). */
  identity: boolean;
  /** EPSG code, when the system has one. */
  epsgCode: number | null;
}

export function resolveExportCrs(format: ExportFormat, crsText: string | undefined): ExportCrs {
  let spec: CrsSpec = wgs84CrsSpec();
  if (crsText !== undefined && crsText.trim() !== '') {
    try {
      spec = parseCrs(crsText);
    } catch (error) {
      if (isInputError(error)) throw new InputError(error.message, { field: 'crs' });
      throw error;
    }
  }
  const epsgCode = spec.kind === 'epsg' ? spec.definition.code : null;
  const identity = spec.kind === 'epsg' && !spec.definition.projected;
  if (format === 'kml' && !identity) {
    throw new InputError(`KML is WGS84 longitude/latitude by specification and cannot hold ${spec.label}`, {
      field: 'crs',
      expected: 'no --crs for KML; export GeoJSON, CSV or GeoPackage in other systems',
    });
  }
  if ((format === 'geojson' || format === 'gpkg') && epsgCode === null) {
    throw new InputError(`${format === 'gpkg' ? 'a GeoPackage' : 'GeoJSON'} can only name EPSG coordinate systems, not ${spec.label}`, {
      field: 'crs',
      expected: 'an EPSG code (e.g. EPSG:4547), or CSV for GCJ-02/BD-09',
    });
  }
  return { spec, identity, epsgCode };
}
