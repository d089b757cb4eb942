/**
 * The review sheet's location map on paper: the map content of a sheet (./review_sheet.ts) placed in
 * a frame of `widthMm` × `heightMm`, north up, at a round scale (1:1,000, 1:1,500, 1:2,000 … 1:8,000, 1:10,000 …)
 * that shows the estate, its care rooms, the nearest health station and the service-radius circles
 * whole, with a scale bar of a round length. Pure page geometry in millimetres (x right, y down from
 * the frame's top-left corner), so a browser SVG and a PDF draw the same thing.
 *
 * Projection: a local equirectangular plane about the content's centre (x = R·Δλ·cos φ0, y = R·Δφ,
 * R = 6,371,008.8 m, the haversine's sphere). Over the few kilometres of a sheet it differs from the
 * haversine distance by far less than the width of a line.
 */
import { DEG_TO_RAD, EARTH_RADIUS_M } from '../geodesy/haversine';
import { scaleBar, type ScaleBar } from '../print/map_frame';
import type { ReviewSheet } from './review_sheet';

export interface SheetMapLayout {
  widthMm: number;
  heightMm: number;
  /** The map's scale 1 : scaleDenominator. */
  scaleDenominator: number;
  /** The frame's centre, [lon, lat]. */
  centre: [number, number];
  polygons: [number, number][][];
  point: [number, number] | null;
  careRooms: Array<{ number: number; x: number; y: number }>;
  station: { x: number; y: number } | null;
  /** From the care room the distance is measured from to the station. */
  link: { from: [number, number]; to: [number, number] } | null;
  circles: Array<{ x: number; y: number; radiusMm: number }>;
  /** The print pipeline's scale bar (a 1-2-5 length, its segments) at this scale: the app's page and the PDF draw the same. */
  scaleBar: ScaleBar;
}

/** Colours of the location map's content, the same on the app's page and in the PDF. */
export const SHEET_MAP_COLORS = { estate: '#1f5f99', room: '#c62828', station: '#2e7d32', radius: '#7b1fa2', link: '#37474f' } as const;

/** Round scale denominators per decade (1:1,000, 1:1,500, 1:2,000, 1:2,500, 1:3,000 …, 1:8,000, 1:10,000 …). */
export const ROUND_SCALES = [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];
/** The content never spans less than this (a point estate with its room alone), metres. */
const MIN_SPAN_M = 300;

/**
 * @example layoutSheetMap(sheet.map, 182, 80).scaleDenominator // 10000 for an estate 600 m across with a 700 m radius
 */
export function layoutSheetMap(map: ReviewSheet['map'], widthMm: number, heightMm: number, { paddingMm = 4, maxScaleBarMm = 30 } = {}): SheetMapLayout {
  if (!(widthMm > 2 * paddingMm && heightMm > 2 * paddingMm)) throw new Error(`the map frame must be larger than its padding, got ${widthMm} × ${heightMm} mm`);
  const lonLats: [number, number][] = [...map.polygons.flat(), ...(map.point ? [map.point] : []), ...map.careRooms.map((room): [number, number] => [room.lon, room.lat])];
  if (map.station) lonLats.push([map.station.lon, map.station.lat]);
  if (lonLats.length === 0) throw new Error('the review sheet map has nothing to show (no estate geometry)');
  const lons = lonLats.map(([lon]) => lon);
  const lats = lonLats.map(([, lat]) => lat);
  const centre: [number, number] = [(Math.min(...lons) + Math.max(...lons)) / 2, (Math.min(...lats) + Math.max(...lats)) / 2];
  const cosLat = Math.cos(centre[1] * DEG_TO_RAD);
  const toMetres = (lon: number, lat: number): [number, number] => [EARTH_RADIUS_M * (lon - centre[0]) * DEG_TO_RAD * cosLat, EARTH_RADIUS_M * (lat - centre[1]) * DEG_TO_RAD];

  // Extent in metres: every point, and every circle whole.
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  const include = (x: number, y: number, r = 0) => {
    minX = Math.min(minX, x - r);
    maxX = Math.max(maxX, x + r);
    minY = Math.min(minY, y - r);
    maxY = Math.max(maxY, y + r);
  };
  for (const [lon, lat] of lonLats) include(...toMetres(lon, lat));
  for (const [lon, lat] of map.radius?.centres ?? []) include(...toMetres(lon, lat), map.radius?.radiusM ?? 0);
  const midX = (minX + maxX) / 2;
  const midY = (minY + maxY) / 2;
  const spanX = Math.max(maxX - minX, MIN_SPAN_M);
  const spanY = Math.max(maxY - minY, MIN_SPAN_M);
  const metresPerMm = Math.max(spanX / (widthMm - 2 * paddingMm), spanY / (heightMm - 2 * paddingMm));
  const scaleDenominator = roundUp(metresPerMm * 1000, ROUND_SCALES);
  const mmPerMetre = 1000 / scaleDenominator;
  const page = (lon: number, lat: number): [number, number] => {
    const [x, y] = toMetres(lon, lat);
    return [widthMm / 2 + (x - midX) * mmPerMetre, heightMm / 2 - (y - midY) * mmPerMetre];
  };
  const roomPlace = (number: number) => map.careRooms.find((room) => room.number === number);
  const linkRoom = map.station ? roomPlace(map.station.room + 1) : undefined;
  return {
    widthMm,
    heightMm,
    scaleDenominator,
    centre: [centre[0] + ((midX / (EARTH_RADIUS_M * cosLat)) / DEG_TO_RAD), centre[1] + (midY / EARTH_RADIUS_M) / DEG_TO_RAD],
    polygons: map.polygons.map((ring) => ring.map(([lon, lat]) => page(lon, lat))),
    point: map.point ? page(...map.point) : null,
    careRooms: map.careRooms.map((room) => {
      const [x, y] = page(room.lon, room.lat);
      return { number: room.number, x, y };
    }),
    station: map.station ? (([x, y]) => ({ x, y }))(page(map.station.lon, map.station.lat)) : null,
    link: map.station && linkRoom ? { from: page(linkRoom.lon, linkRoom.lat), to: page(map.station.lon, map.station.lat) } : null,
    circles: (map.radius?.centres ?? []).map(([lon, lat]) => {
      const [x, y] = page(lon, lat);
      return { x, y, radiusMm: (map.radius?.radiusM ?? 0) * mmPerMetre };
    }),
    scaleBar: scaleBar(scaleDenominator, maxScaleBarMm),
  };
}

/** The smallest value steps[i] × 10ⁿ that is ≥ value. */
function roundUp(value: number, steps: readonly number[]): number {
  const decade = 10 ** Math.floor(Math.log10(value));
  const step = steps.find((s) => s * decade >= value * (1 - 1e-12)) ?? 10;
  return step * decade;
}
