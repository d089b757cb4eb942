/**
 * Turns the population layer (one WGS84 point per grid cell, with its cell size in degrees) into
 * square cell polygons for the choropleth: centre ± half the width/height. Cells without a known
 * size stay points. Keeps an index fid → cell so the uncovered cells of an analysis can be
 * marked on the map without another request.
 */
import type { Feature, FeatureCollection, Point, Polygon } from 'geojson';
import type { GeoJsonFeatureCollection } from '../../shared/ipc/contract';

/**
 * Cells are drawn 0.5 % larger than their size. Centres in CSV files are rounded (6 decimals ≈ 0.1 m),
 * so neighbours can miss each other by a few centimetres; where a column of pixel centres falls in
 * such a sliver the map showed a hairline through the grid. The overlap is far below a pixel.
 */
const EDGE_OVERLAP = 1.005;

export interface CellProperties {
  cell_id: string | null;
  population: number | null;
  elderly: number | null;
  age65: number | null;
  age80: number | null;
}

export type CellFeature = Feature<Polygon | Point, CellProperties>;

export interface PopulationCells {
  /** Square polygons of cells with a known size. */
  polygons: FeatureCollection<Polygon, CellProperties>;
  /** Cells without a size (drawn as dots). */
  points: FeatureCollection<Point, CellProperties>;
  /** Older people (60+) per cell, NaN where unknown; input of the class breaks. */
  elderly: Float64Array;
  /** Cell centres and fids aligned with `elderly` (NaN / -1 where the feature is not a point), for class domains. */
  lon: Float64Array;
  lat: Float64Array;
  fid: Int32Array;
  byFid: Map<number, CellFeature>;
  /** Sum of `elderly` over the layer (for the legend's totals). */
  elderlyTotal: number;
  /** Extent of the cells [west, south, east, north]; null without cells. */
  bbox: [number, number, number, number] | null;
}

function numberOrNull(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return null;
}

function pointCoordinates(geometry: unknown): [number, number] | null {
  if (typeof geometry !== 'object' || geometry === null) return null;
  const candidate = geometry as { type?: unknown; coordinates?: unknown };
  if (candidate.type !== 'Point' || !Array.isArray(candidate.coordinates)) return null;
  const [lon, lat] = candidate.coordinates as unknown[];
  if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat)) return null;
  return [lon, lat];
}

/** Builds the cell geometries. Features that are not points are skipped (the layer stores points). */
export function buildPopulationCells(layer: GeoJsonFeatureCollection): PopulationCells {
  const polygons: Feature<Polygon, CellProperties>[] = [];
  const points: Feature<Point, CellProperties>[] = [];
  const elderly = new Float64Array(layer.features.length).fill(Number.NaN);
  const byFid = new Map<number, CellFeature>();
  const lons = new Float64Array(layer.features.length).fill(Number.NaN);
  const lats = new Float64Array(layer.features.length).fill(Number.NaN);
  const fids = new Int32Array(layer.features.length).fill(-1);
  let elderlyTotal = 0;
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  layer.features.forEach((feature, index) => {
    const centre = pointCoordinates(feature.geometry);
    if (!centre) return;
    const p = feature.properties;
    const properties: CellProperties = {
      cell_id: typeof p.cell_id === 'string' ? p.cell_id : p.cell_id === undefined || p.cell_id === null ? null : String(p.cell_id),
      population: numberOrNull(p.population),
      elderly: numberOrNull(p.elderly),
      age65: numberOrNull(p.age65),
      age80: numberOrNull(p.age80),
    };
    if (properties.elderly !== null) {
      elderly[index] = properties.elderly;
      elderlyTotal += properties.elderly;
    }
    const fid = typeof feature.id === 'number' ? feature.id : Number(feature.id ?? Number.NaN);
    const id = Number.isInteger(fid) ? fid : undefined;
    const halfWidth = ((numberOrNull(p.cell_width_deg) ?? 0) / 2) * EDGE_OVERLAP;
    const halfHeight = ((numberOrNull(p.cell_height_deg) ?? 0) / 2) * EDGE_OVERLAP;
    const [lon, lat] = centre;
    lons[index] = lon;
    lats[index] = lat;
    if (id !== undefined) fids[index] = id;
    west = Math.min(west, lon - halfWidth);
    east = Math.max(east, lon + halfWidth);
    south = Math.min(south, lat - halfHeight);
    north = Math.max(north, lat + halfHeight);
    let cell: CellFeature;
    if (halfWidth > 0 && halfHeight > 0) {
      const [w, s, e, n] = [lon - halfWidth, lat - halfHeight, lon + halfWidth, lat + halfHeight];
      const polygon: Feature<Polygon, CellProperties> = {
        type: 'Feature',
        id,
        properties,
        geometry: { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] },
      };
      polygons.push(polygon);
      cell = polygon;
    } else {
      const point: Feature<Point, CellProperties> = { type: 'Feature', id, properties, geometry: { type: 'Point', coordinates: centre } };
      points.push(point);
      cell = point;
    }
    if (id !== undefined) byFid.set(id, cell);
  });
  return {
    polygons: { type: 'FeatureCollection', features: polygons },
    points: { type: 'FeatureCollection', features: points },
    elderly,
    lon: lons,
    lat: lats,
    fid: fids,
    byFid,
    elderlyTotal,
    bbox: Number.isFinite(west) ? [west, south, east, north] : null,
  };
}
