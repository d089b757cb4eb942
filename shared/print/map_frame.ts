/**
 * The map frame of a print sheet: the projected coordinate system the map is drawn in, the extent in
 * that system's metres, and the linear map from the extent onto the frame (north up, no rotation), so
 * a point's place on the page follows from its coordinates alone:
 *
 *   xMm = frame.xMm + (x − extent.minX) / unitsPerMm
 *   yMm = frame.yMm + (extent.maxY − y) / unitsPerMm
 *
 * In Gauss–Krüger a CRS metre is a ground metre (scale factor 1 on the central meridian, within 0.03 %
 * across a 3° zone), so unitsPerMm = scaleDenominator / 1000. A Web Mercator metre is 1 / cos(latitude)
 * ground metres; there the scale holds at the frame's centre latitude.
 */
import { getCrsDefinition } from '../geodesy/crs_definitions';
import { epsgCrsSpec, type EpsgCrsSpec } from '../geodesy/crs_spec';
import { createTransformFromWgs84, createTransformToWgs84, type PointTransform } from '../geodesy/crs_transform';

/** A rectangle on the page, mm from the top-left corner. */
export interface RectMm {
  readonly xMm: number;
  readonly yMm: number;
  readonly widthMm: number;
  readonly heightMm: number;
}

/** [minX, minY, maxX, maxY] in the frame's CRS (metres). */
export type Extent = [number, number, number, number];

export interface MapFrame {
  readonly rect: RectMm;
  readonly crs: EpsgCrsSpec;
  readonly extent: Extent;
  /** 1 : scaleDenominator on the printed paper (ground metres; at the centre latitude in Web Mercator). */
  readonly scaleDenominator: number;
  /** CRS units per mm of paper. */
  readonly unitsPerMm: number;
  /** WGS84 lon/lat → CRS metres. */
  readonly fromWgs84: PointTransform;
  /** CRS metres → WGS84 lon/lat. */
  readonly toWgs84: PointTransform;
}

/** CGCS2000 3-degree Gauss–Krüger CM 75E..135E (EPSG:4534–4554) covers China; elsewhere Web Mercator. */
const GK3_FIRST_CODE = 4534;
const GK3_FIRST_CM = 75;
const GK3_LAST_CM = 135;

/**
 * The projected CRS for data centred at `centreLon`: the CGCS2000 3-degree Gauss–Krüger zone whose
 * central meridian is nearest (EPSG:4534 for 75°E … EPSG:4554 for 135°E, false easting 500 km without
 * a zone prefix), or Web Mercator (EPSG:3857) outside 73.5°E–136.5°E.
 * @example printCrs(114.3).id // "EPSG:4547" (CM 114°E, Wuhan)
 * @example printCrs(2.35).id // "EPSG:3857"
 */
export function printCrs(centreLon: number): EpsgCrsSpec {
  const cm = Math.round(centreLon / 3) * 3;
  const code = cm >= GK3_FIRST_CM && cm <= GK3_LAST_CM ? GK3_FIRST_CODE + (cm - GK3_FIRST_CM) / 3 : 3857;
  return epsgCrsSpec(code)!;
}

/**
 * `denominator` rounded up to two significant digits, so the frame stays nearly filled while the
 * printed 1:N stays readable (the graphic scale bar carries the round lengths).
 * @example roundScale(43_120) // 44_000
 * @example roundScale(25_000) // 25_000
 */
export function roundScale(denominator: number): number {
  const unit = 10 ** (Math.floor(Math.log10(denominator)) - 1);
  return Math.round(Math.ceil(denominator / unit - 1e-9) * unit);
}

/**
 * Fits WGS84 bounds into `rect`: the CRS from the bounds' centre, the projected bounds grown by
 * `paddingShare` of their size on each side, the scale rounded up to two significant digits and the
 * extent re-centred to the frame's aspect at that scale (so the extent maps linearly onto the frame).
 * @example fitMapFrame([114.2, 30.5, 114.36, 30.64], { xMm: 10, yMm: 30, widthMm: 190, heightMm: 200 }).scaleDenominator // 86000
 */
export function fitMapFrame(boundsWgs84: readonly [number, number, number, number], rect: RectMm, paddingShare = 0.03): MapFrame {
  const [west, south, east, north] = boundsWgs84;
  const crs = printCrs((west + east) / 2);
  const fromWgs84 = createTransformFromWgs84(crs);
  // Project the bounds' outline (edges sampled) so a meridian's curvature in Gauss–Krüger is inside.
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const steps = 8;
  for (let i = 0; i <= steps; i++) {
    const t = i / steps;
    for (const [lon, lat] of [
      [west + t * (east - west), south],
      [west + t * (east - west), north],
      [west, south + t * (north - south)],
      [east, south + t * (north - south)],
    ]) {
      const [x, y] = fromWgs84(lon, lat);
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
  }
  // Ground metres per CRS unit: 1 in Gauss–Krüger, cos(latitude) in Web Mercator.
  const groundPerUnit = crs.definition.family === 'web_mercator' ? Math.cos((((south + north) / 2) * Math.PI) / 180) : 1;
  const padX = Math.max((maxX - minX) * paddingShare, 50 / groundPerUnit);
  const padY = Math.max((maxY - minY) * paddingShare, 50 / groundPerUnit);
  const width = maxX - minX + 2 * padX;
  const height = maxY - minY + 2 * padY;
  const scaleDenominator = roundScale(Math.max(width / rect.widthMm, height / rect.heightMm) * groundPerUnit * 1000);
  const unitsPerMm = scaleDenominator / 1000 / groundPerUnit;
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;
  const halfW = (rect.widthMm * unitsPerMm) / 2;
  const halfH = (rect.heightMm * unitsPerMm) / 2;
  return {
    rect,
    crs,
    extent: [cx - halfW, cy - halfH, cx + halfW, cy + halfH],
    scaleDenominator,
    unitsPerMm,
    fromWgs84,
    toWgs84: createTransformToWgs84(crs),
  };
}

/** CRS metres → page mm (the frame's linear map). */
export function frameToPage(frame: MapFrame, x: number, y: number): [number, number] {
  return [frame.rect.xMm + (x - frame.extent[0]) / frame.unitsPerMm, frame.rect.yMm + (frame.extent[3] - y) / frame.unitsPerMm];
}

/** WGS84 lon/lat → page mm. */
export function lonLatToPage(frame: MapFrame, lon: number, lat: number): [number, number] {
  const [x, y] = frame.fromWgs84(lon, lat);
  return frameToPage(frame, x, y);
}

/** The CRS's EPSG name, e.g. "CGCS2000 / 3-degree Gauss-Kruger CM 114E". */
export function crsName(frame: MapFrame): string {
  return getCrsDefinition(frame.crs.definition.code)?.name ?? frame.crs.id;
}

export interface ScaleBar {
  /** Ground length of the whole bar, metres (1-2-5 series). */
  readonly lengthM: number;
  /** Its length on paper, mm (lengthM / metresPerMm). */
  readonly lengthMm: number;
  /** Number of alternating segments. */
  readonly segments: number;
  /** "km" when the length is ≥ 1 km, else "m". */
  readonly unit: 'm' | 'km';
}

/**
 * A graphic scale bar no longer than `maxLengthMm`: the longest 1, 2 or 5 × 10^k metres that fits
 * (at least a quarter of the space when the space allows), in 4 segments (5 for a length starting with 5).
 * @example scaleBar(50_000, 40) // { lengthM: 2000, lengthMm: 40, segments: 4, unit: 'km' }
 */
export function scaleBar(scaleDenominator: number, maxLengthMm: number): ScaleBar {
  const metresPerMm = scaleDenominator / 1000;
  const maxM = maxLengthMm * metresPerMm;
  const power = 10 ** Math.floor(Math.log10(maxM));
  const lengthM = [5, 2, 1].map((n) => n * power).find((m) => m <= maxM + 1e-9) ?? power;
  const lead = Math.round(lengthM / power);
  return { lengthM, lengthMm: lengthM / metresPerMm, segments: lead === 5 ? 5 : 4, unit: lengthM >= 1000 ? 'km' : 'm' };
}
