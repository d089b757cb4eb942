/**
 * GeoTIFF population rasters → one PopulationCell per valid cell (cell centre, cellId `r<row>c<col>`).
 *
 * Several files on the same grid, and several bands, are summed cell by cell (plan_raster_fields.ts
 * says which bands feed which count): the ten WorldPop age/sex bands of Wuhan give the 60+ count.
 * A cell is valid when at least one summed band has data there; nodata (GDAL_NODATA, NaN, values
 * <= -1e30) adds nothing. Cells where some bands have data and others not are counted in a warning.
 *
 * Lon/lat rasters (EPSG:4326/4490) are placed by their geotransform, with the pixel size as cell size.
 * Every other CRS (Gauss–Krüger, UTM, Web Mercator, GCJ-02 by --crs) has each valid cell's centre
 * reprojected with shared/geodesy; the cell size stored is then the LOCAL degree size of one pixel
 * step (|Δlon| along a row, |Δlat| down a column, at that cell), an approximation of the projected
 * cell's footprint in degrees.
 *
 * Rows are read in windows aligned to the strips/tiles, with progress and cancellation between them.
 * Records are built from checked numbers (finite, non-negative counts; positions inside the WGS84
 * range by the extent check or the transform's own checks), so the per-record schema pass is skipped.
 */
import { InputError } from '../../../shared/errors';
import { createTransformToWgs84, type PointTransform } from '../../../shared/geodesy/crs';
import type { ImportOptions } from '../../../shared/ipc/contract';
import type { PopulationCell } from '../../../shared/schemas/entities';
import { crsName, isIdentityCrs, locatedCrsError } from './import_crs';
import type { ImportProgress } from './import_progress';
import { openRasterInput, rasterError, type RasterInput } from './open_raster_input';
import type { ImportFile, ParsedLayer } from './parsed_layer';
import { COUNT_FIELDS, planRasterFields } from './plan_raster_fields';
import { sameGrid, type RasterGeoreference } from './read_geotiff_georeference';
import type { RecordLocation } from './record_location';

/** Values at or below this are nodata fill (e.g. -3.4e38, float minimum) whatever GDAL_NODATA says. */
const NODATA_FLOOR = -1e30;
/** Number of row windows (progress steps) over the raster. */
const WINDOWS = 20;
/** One record per valid cell is kept in memory and in the project: clip larger rasters first. */
export const MAX_VALID_CELLS = 6_000_000;

interface Contributor {
  input: RasterInput;
  band: number;
}

function describeGrid(input: RasterInput): string {
  const g = input.georef;
  return `${input.width} x ${input.height} cells, ${crsName(g.crs)}, first centre (${g.x0}, ${g.y0}), step (${g.xPerCol}, ${g.yPerRow})`;
}

/**
 * All inputs must share size, grid and CRS with the first: a cell is then the same place in every file
 * (cell ids `r<row>c<col>` of the first file's grid), whichever counts its bands feed.
 */
export function checkSameGrid(inputs: RasterInput[]): void {
  const [first, ...rest] = inputs;
  for (const other of rest) {
    const same =
      other.width === first.width &&
      other.height === first.height &&
      other.georef.crs.id === first.georef.crs.id &&
      sameGrid(first.georef, other.georef, first.width, first.height);
    if (!same) {
      throw new InputError(
        `its grid differs from ${first.name}'s, so the cells cannot be summed: ${describeGrid(other)} vs ${describeGrid(first)}`,
        {
          file: other.name,
          expected: 'rasters on the same grid (same size, origin, cell size and CRS); resample them first, e.g. gdalwarp -tap',
        },
        { reason: 'raster_grid_mismatch', params: { other: first.name } },
      );
    }
  }
}

/** For lon/lat rasters: all cell centres must be valid lon/lat; checked on the corners. */
function checkExtent(input: RasterInput): void {
  const g = input.georef;
  for (const [x, y] of [[0, 0], [input.width - 1, 0], [0, input.height - 1], [input.width - 1, input.height - 1]]) {
    const lon = g.x0 + g.xPerCol * x + g.xPerRow * y;
    const lat = g.y0 + g.yPerCol * x + g.yPerRow * y;
    if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) {
      throw new InputError(`the raster extent reaches lon ${lon}, lat ${lat} (cell r${y}c${x}), outside WGS84 lon/lat`, {
        file: input.name,
        field: 'crs',
        expected: `cell centres within [-180, 180] x [-90, 90]; if the raster is projected, name its system with --crs`,
      });
    }
  }
}

export async function parseGeotiffPopulation(
  files: ImportFile[],
  options: ImportOptions,
  progress: ImportProgress,
  signal: AbortSignal | undefined,
): Promise<ParsedLayer<'population'>> {
  const names = new Set<string>();
  for (const file of files) {
    if (names.has(file.name)) throw new InputError('the same file is given twice', { file: file.name, expected: 'each raster once' });
    names.add(file.name);
  }
  const warnings: string[] = [];
  const inputs: RasterInput[] = [];
  for (const file of files) {
    inputs.push(await openRasterInput(file, options, warnings, signal));
    progress.checkAborted();
  }
  checkSameGrid(inputs);
  const { width, height } = inputs[0];
  const geo: RasterGeoreference = inputs[0].georef;
  const identity = isIdentityCrs(geo.crs);
  if (identity) checkExtent(inputs[0]);
  const toWgs84: PointTransform | null = identity ? null : createTransformToWgs84(geo.crs);
  const { plans, mapping, sources } = planRasterFields(
    inputs.map((i) => ({ name: i.name, bandCount: i.bandCount })),
    options,
  );
  // contributors of each count field, in COUNT_FIELDS order (empty: the field stays null)
  const contributors: Contributor[][] = COUNT_FIELDS.map((field) => {
    const plan = plans.find((p) => p.field === field);
    if (!plan) return [];
    return plan.parts.flatMap((part) => part.bands.map((band) => ({ input: inputs[part.file], band })));
  });

  const blockHeight = Math.max(...inputs.map((i) => i.reader.blockHeight));
  const windowRows = Math.max(blockHeight, Math.ceil(height / WINDOWS / blockHeight) * blockHeight);
  const buffer = new Float64Array(width * windowRows);
  const sums = COUNT_FIELDS.map((_, f) => (contributors[f].length > 0 ? new Float64Array(width * windowRows) : null));
  const counts = COUNT_FIELDS.map((_, f) => (contributors[f].length > 0 ? new Uint16Array(width * windowRows) : null));
  // the count fields that have bands, their per-cell band counts and how many bands each sums
  const activeCounts = counts.filter((count) => count !== null);
  const activeBands = contributors.filter((c) => c.length > 0).map((c) => c.length);
  // the bands to read, each once, with the count fields (indexes into COUNT_FIELDS) it feeds
  const reads: (Contributor & { fields: number[] })[] = [];
  contributors.forEach((list, f) => {
    for (const { input, band } of list) {
      const known = reads.find((r) => r.input === input && r.band === band);
      if (known) known.fields.push(f);
      else reads.push({ input, band, fields: [f] });
    }
  });
  const records: PopulationCell[] = [];
  let skippedCount = 0;
  let mixedCells = 0;
  const cellWidthDeg = identity && !geo.rotated ? Math.abs(geo.xPerCol) : null;
  const cellHeightDeg = identity && !geo.rotated ? Math.abs(geo.yPerRow) : null;
  await progress.at(0.05);

  for (let y0 = 0; y0 < height; y0 += windowRows) {
    const y1 = Math.min(height, y0 + windowRows);
    const n = (y1 - y0) * width;
    for (let f = 0; f < COUNT_FIELDS.length; f++) {
      sums[f]?.fill(0, 0, n);
      counts[f]?.fill(0, 0, n);
    }
    // each band is read once per window, and added to every count it feeds
    for (const { input, band, fields } of reads) {
      try {
        await input.reader.readRows(y0, y1, band, buffer);
      } catch (error) {
        throw rasterError(error, input.name, signal);
      }
      for (const f of fields) accumulate(buffer, n, input, band, y0, width, sums[f]!, counts[f]!);
    }
    for (let i = 0; i < n; i++) {
      let valid = false;
      for (let a = 0; a < activeCounts.length; a++) {
        const count = activeCounts[a][i];
        if (count > 0) {
          valid = true;
          if (count < activeBands[a]) mixedCells++;
        }
      }
      if (!valid) {
        skippedCount++;
        continue;
      }
      const y = y0 + Math.floor(i / width);
      const x = i % width;
      const cx = geo.x0 + geo.xPerCol * x + geo.xPerRow * y;
      const cy = geo.y0 + geo.yPerCol * x + geo.yPerRow * y;
      const cell: PopulationCell = {
        cellId: `r${y}c${x}`,
        lon: cx,
        lat: cy,
        population: value(sums[0], counts[0], i),
        elderly: value(sums[1], counts[1], i),
        age65: value(sums[2], counts[2], i),
        age80: value(sums[3], counts[3], i),
        cellWidthDeg,
        cellHeightDeg,
      };
      if (toWgs84) placeReprojected(cell, toWgs84, geo, cx, cy, inputs[0].name);
      records.push(cell);
    }
    if (records.length > MAX_VALID_CELLS) {
      throw new InputError(`the raster has more than ${MAX_VALID_CELLS.toLocaleString('en')} cells with data; one record per cell would not fit the project`, {
        file: inputs[0].name,
        expected: 'a raster clipped to the planning area (e.g. gdalwarp -cutline boundary.shp -crop_to_cutline)',
      });
    }
    await progress.at(0.05 + (0.9 * y1) / height);
  }
  if (records.length === 0) {
    throw new InputError(`no data rows: all ${width * height} cells of the raster are nodata`, { file: inputs[0].name });
  }
  if (mixedCells > 0) {
    warnings.push(`${mixedCells} cells have data in some of the summed bands and nodata in others; those cells sum the bands that have data`);
  }
  if (files.length === 1 && inputs[0].bandCount > 1 && Object.keys(options.map ?? {}).length === 0 && !options.fields) {
    warnings.push(`${inputs[0].name}: its ${inputs[0].bandCount} bands were summed into ${plans[0].field}; choose bands with --map ${plans[0].field}=band1 if they are not parts of one count`);
  }
  await progress.at(1);
  const bandWord = contributors.reduce((n, c) => n + c.length, 0) > 1 ? 'in every summed band' : 'in the band';
  return {
    layer: 'population',
    format: 'geotiff',
    records,
    // a cell clash names the raster, not a row: cells have no row of their own
    origins: new Array<RecordLocation>(records.length).fill({ file: inputs[0].name }),
    skipped:
      skippedCount > 0
        ? [
            {
              reason: `${skippedCount.toLocaleString('en')} of ${(width * height).toLocaleString('en')} cells are nodata ${bandWord} (no population cell is made for them)`,
              count: skippedCount,
              code: 'raster_nodata' as const,
              params: { count: skippedCount, total: width * height },
            },
          ]
        : [],
    skippedCount,
    fieldSources: sources,
    detected: {
      crs: crsName(geo.crs),
      encoding: null,
      columns:
        inputs.length === 1
          ? Array.from({ length: inputs[0].bandCount }, (_, i) => `band${i + 1}`)
          : inputs.flatMap((input) => Array.from({ length: input.bandCount }, (_, i) => (input.bandCount === 1 ? input.name : `${input.name}[band${i + 1}]`))),
      mapping,
      ...(warnings.length > 0 ? { warnings } : {}),
    },
  };
}

/** Adds the valid values of one band window to the sums; negative or infinite counts are errors. */
function accumulate(values: Float64Array, n: number, input: RasterInput, band: number, y0: number, width: number, sum: Float64Array, count: Uint16Array): void {
  const noData = input.noData === null ? NaN : input.noData;
  const noData32 = Math.fround(noData);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === noData || v === noData32 || v !== v || v <= NODATA_FLOOR) continue;
    if (v < 0 || v === Infinity) {
      const y = y0 + Math.floor(i / width);
      const x = i % width;
      throw new InputError(`cell r${y}c${x} (raster row ${y}, column ${x}, 0-based) holds ${v}`, {
        file: input.name,
        field: `band${band + 1}`,
        expected: 'a non-negative count of persons or nodata',
      });
    }
    sum[i] += v;
    count[i]++;
  }
}

function value(sum: Float64Array | null, count: Uint16Array | null, i: number): number | null {
  return sum && count && count[i] > 0 ? sum[i] : null;
}

/** Reprojects a cell centre and sets the local degree size of one pixel step. */
function placeReprojected(cell: PopulationCell, toWgs84: PointTransform, geo: RasterGeoreference, cx: number, cy: number, file: string): void {
  try {
    const [lon, lat] = toWgs84(cx, cy);
    const [lonAcross] = toWgs84(cx + geo.xPerCol / 2, cy + geo.yPerCol / 2);
    const [, latDown] = toWgs84(cx + geo.xPerRow / 2, cy + geo.yPerRow / 2);
    const widthDeg = 2 * Math.abs(lonAcross - lon);
    const heightDeg = 2 * Math.abs(latDown - lat);
    cell.lon = lon;
    cell.lat = lat;
    cell.cellWidthDeg = widthDeg > 0 ? widthDeg : null;
    cell.cellHeightDeg = heightDeg > 0 ? heightDeg : null;
  } catch (error) {
    throw locatedCrsError(error, { file }, `cell ${cell.cellId}`, geo.crs);
  }
}
