/**
 * Checks of printed map pages (`siting map`): the page rendered with poppler's pdftoppm, a point's
 * place on the page computed from the page facts of `--json` (extent mapped linearly onto the frame),
 * and the centre of the pixels of one colour found around a place.
 */
import { execFileSync } from 'node:child_process';
import proj4 from 'proj4';

/** The page facts of `siting map --json` that place a point. */
export interface PrintedPage {
  mapFrameMm: number[];
  extent: number[];
  scaleDenominator: number;
}

/** CGCS2000 / 3-degree Gauss–Krüger CM 114E (EPSG:4547, the Wuhan sample's print CRS), written out. */
export const GK_CM114 = '+proj=tmerc +lat_0=0 +lon_0=114 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';

/** The page rendered at `dpi` as RGB rows (pdftoppm's binary PPM). */
export function rasterise(pdf: string, dpi: number, pageNumber = 1): { width: number; height: number; rgb: Buffer } {
  const ppm = execFileSync('pdftoppm', ['-r', String(dpi), '-f', String(pageNumber), '-l', String(pageNumber), pdf], { maxBuffer: 256 * 1024 * 1024 });
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 64).toString('latin1'))!;
  return { width: +header[1], height: +header[2], rgb: ppm.subarray(header[0].length) };
}

/** Where (lon, lat) falls on the page, mm from the top-left corner, with proj4 and `crsDefinition`. */
export function placeOnPage(page: PrintedPage, lon: number, lat: number, crsDefinition = GK_CM114): [number, number] {
  const [x, y] = proj4('WGS84', crsDefinition, [lon, lat]);
  const unitsPerMm = (page.extent[2] - page.extent[0]) / page.mapFrameMm[2];
  return [page.mapFrameMm[0] + (x - page.extent[0]) / unitsPerMm, page.mapFrameMm[1] + (page.extent[3] - y) / unitsPerMm];
}

/**
 * The centre (mm) and count of the pixels within `windowMm` of (xMm, yMm) whose colour is within
 * `tolerance` (sum of channel differences) of `rgb`.
 */
export function colourCentre(
  raster: { width: number; rgb: Buffer },
  dpi: number,
  [xMm, yMm]: [number, number],
  rgb: readonly [number, number, number],
  windowMm = 3,
  tolerance = 60,
): { count: number; xMm: number; yMm: number } {
  const pxPerMm = dpi / 25.4;
  const window = windowMm * pxPerMm;
  let sumX = 0, sumY = 0, count = 0;
  for (let py = Math.floor(yMm * pxPerMm - window); py <= yMm * pxPerMm + window; py++) {
    for (let px = Math.floor(xMm * pxPerMm - window); px <= xMm * pxPerMm + window; px++) {
      const o = (py * raster.width + px) * 3;
      if (Math.abs(raster.rgb[o] - rgb[0]) + Math.abs(raster.rgb[o + 1] - rgb[1]) + Math.abs(raster.rgb[o + 2] - rgb[2]) < tolerance) {
        sumX += px + 0.5;
        sumY += py + 0.5;
        count++;
      }
    }
  }
  return { count, xMm: sumX / count / pxPerMm, yMm: sumY / count / pxPerMm };
}
