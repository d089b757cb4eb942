/**
 * The box of a GeoJSON geometry's coordinates: one home for the map's zoom-to (analysis areas, estates),
 * the print's atlas focus and the store's layer extents.
 */
import type { Geometry } from 'geojson';

export type Bbox = [number, number, number, number];

/**
 * [minX, minY, maxX, maxY] (for WGS84: [west, south, east, north]) of every position of `geometry`;
 * null when it has none.
 * @example geometryBbox({ type: 'Polygon', coordinates: [[[114, 30], [115, 30], [115, 31], [114, 30]]] }) // [114, 30, 115, 31]
 */
export function geometryBbox(geometry: Geometry | { coordinates: unknown }): Bbox | null {
  const box: Bbox = [Infinity, Infinity, -Infinity, -Infinity];
  const walk = (value: unknown): void => {
    if (!Array.isArray(value)) return;
    if (typeof value[0] === 'number' && typeof value[1] === 'number') {
      if (value[0] < box[0]) box[0] = value[0];
      if (value[1] < box[1]) box[1] = value[1];
      if (value[0] > box[2]) box[2] = value[0];
      if (value[1] > box[3]) box[3] = value[1];
      return;
    }
    for (const item of value) walk(item);
  };
  if ('type' in geometry && geometry.type === 'GeometryCollection') for (const part of geometry.geometries) walk('coordinates' in part ? part.coordinates : []);
  else walk((geometry as { coordinates: unknown }).coordinates);
  return box.every(Number.isFinite) ? box : null;
}
