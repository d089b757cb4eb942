/**
 * GeoJSON geometry → OGC well-known text (2-D), as written into the `wkt` column of CSV exports
 * (GDAL/QGIS read a column named "wkt" as the geometry). Numbers never use exponent notation.
 *
 *   geometryToWkt({ type: 'Point', coordinates: [114.2, 30.5] }) === 'POINT (114.2 30.5)'
 */
import { formatNumber } from './export_feature';

type Position = readonly number[];
export type AnyGeometry =
  | { type: 'Point'; coordinates: Position }
  | { type: 'MultiPoint'; coordinates: readonly Position[] }
  | { type: 'LineString'; coordinates: readonly Position[] }
  | { type: 'MultiLineString'; coordinates: readonly (readonly Position[])[] }
  | { type: 'Polygon'; coordinates: readonly (readonly Position[])[] }
  | { type: 'MultiPolygon'; coordinates: readonly (readonly (readonly Position[])[])[] }
  | { type: 'GeometryCollection'; geometries: readonly AnyGeometry[] };

const position = (p: Position): string => `${formatNumber(p[0])} ${formatNumber(p[1])}`;
const line = (ps: readonly Position[]): string => `(${ps.map(position).join(', ')})`;
const polygon = (rings: readonly (readonly Position[])[]): string => `(${rings.map(line).join(', ')})`;

export function geometryToWkt(geometry: AnyGeometry): string {
  switch (geometry.type) {
    case 'Point':
      return geometry.coordinates.length < 2 ? 'POINT EMPTY' : `POINT (${position(geometry.coordinates)})`;
    case 'MultiPoint':
      return geometry.coordinates.length === 0 ? 'MULTIPOINT EMPTY' : `MULTIPOINT (${geometry.coordinates.map((p) => `(${position(p)})`).join(', ')})`;
    case 'LineString':
      return geometry.coordinates.length === 0 ? 'LINESTRING EMPTY' : `LINESTRING ${line(geometry.coordinates)}`;
    case 'MultiLineString':
      return geometry.coordinates.length === 0 ? 'MULTILINESTRING EMPTY' : `MULTILINESTRING (${geometry.coordinates.map(line).join(', ')})`;
    case 'Polygon':
      return geometry.coordinates.length === 0 ? 'POLYGON EMPTY' : `POLYGON ${polygon(geometry.coordinates)}`;
    case 'MultiPolygon':
      return geometry.coordinates.length === 0 ? 'MULTIPOLYGON EMPTY' : `MULTIPOLYGON (${geometry.coordinates.map(polygon).join(', ')})`;
    case 'GeometryCollection':
      return geometry.geometries.length === 0
        ? 'GEOMETRYCOLLECTION EMPTY'
        : `GEOMETRYCOLLECTION (${geometry.geometries.map(geometryToWkt).join(', ')})`;
    default:
      throw new Error(`cannot write WKT for geometry type ${String((geometry as { type?: unknown }).type)}`);
  }
}
