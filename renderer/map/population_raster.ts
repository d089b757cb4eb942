/**
 * The population grid as one image instead of one polygon per cell: WorldPop cells lie on a regular
 * lon/lat grid, so every cell is a pixel (row, column) of an RGBA image that MapLibre draws from a
 * canvas source placed at the grid's corners. 1,000,000 cells are a ~1000 × 1000 image, painted in
 * tens of milliseconds, instead of a million GeoJSON polygons cut into tiles.
 *
 * MapLibre stretches an image linearly in Web Mercator, where latitude is not linear: over the 1.4°
 * of the whole Wuhan grid a row would drift by up to ~270 m. Pixel rows are therefore spaced evenly
 * in Mercator y and each takes the grid row under its centre latitude (several pixel rows per grid
 * row, so row edges land within a quarter cell of their true latitude).
 */
import type { Feature, FeatureCollection, MultiPolygon } from 'geojson';
import type { DemandGrid } from '../../shared/engine/demand_grid';
import { gridLayout, type GridLayout } from '../../shared/engine/gaps/grid_layout';
import { assemblePolygons, traceCellOutlines, type LatticeRing } from '../../shared/engine/gaps/trace_cell_outlines';
import { NO_DATA_COLOR, type ClassBreaks } from '../../shared/map_style/class_breaks';

/**
 * Grids up to this many cells show their uncovered cells as hatched outlines (traced in tens of
 * milliseconds); larger ones shade them in a second image (tracing 500 000 cells takes seconds).
 */
export const OUTLINE_CELL_LIMIT = 150_000;

/** Largest image side we ask WebGL for (every WebGL2 implementation supports 4096). */
const MAX_TEXTURE_PX = 4096;
/** Pixel rows per grid row at most (more only costs memory). */
const MAX_ROWS_PER_CELL = 4;

export type Corners = [[number, number], [number, number], [number, number], [number, number]];

const mercatorY = (latDeg: number): number => Math.log(Math.tan(Math.PI / 4 + (latDeg * Math.PI) / 360));
const latitudeOf = (y: number): number => (360 / Math.PI) * Math.atan(Math.exp(y)) - 90;

/** '#rrggbb' → RGBA packed for a little-endian Uint32Array view of image bytes. */
function packColor(hex: string, alpha = 255): number {
  const value = Number.parseInt(hex.slice(1), 16);
  return ((alpha << 24) | ((value & 255) << 16) | (value & 0xff00) | ((value >> 16) & 255)) >>> 0;
}

export class PopulationRaster {
  readonly layout: GridLayout;
  /** Image size in pixels: one column per grid column, `rowsPerCell` pixel rows per grid row. */
  readonly widthPx: number;
  readonly heightPx: number;
  /** Grid row drawn in each pixel row. */
  private readonly rowOfPixel: Int32Array;
  private fidsSorted: boolean;

  /**
   * @param grid cell centres and counts (ascending fid, as the host sends them)
   * @param cellSize the grid's cell size when the host knows it; else inferred from the centres
   * @throws InputError when the centres are not on one regular grid (draw them as points instead)
   */
  constructor(
    readonly grid: DemandGrid,
    cellSize: { cellWidthDeg: number; cellHeightDeg: number } | null,
  ) {
    this.layout = gridLayout(grid, cellSize ?? {});
    const { rows, columns } = this.layout;
    if (columns > MAX_TEXTURE_PX) throw new RangeError(`the population grid is ${columns} columns wide; at most ${MAX_TEXTURE_PX} can be drawn as one image`);
    const rowsPerCell = Math.max(1, Math.min(MAX_ROWS_PER_CELL, Math.floor(MAX_TEXTURE_PX / rows)));
    this.widthPx = columns;
    this.heightPx = Math.min(MAX_TEXTURE_PX, rows * rowsPerCell);
    const [, south, , north] = this.bbox();
    const yNorth = mercatorY(north);
    const ySouth = mercatorY(south);
    this.rowOfPixel = new Int32Array(this.heightPx);
    for (let y = 0; y < this.heightPx; y++) {
      const lat = latitudeOf(yNorth + ((y + 0.5) / this.heightPx) * (ySouth - yNorth));
      this.rowOfPixel[y] = Math.min(rows - 1, Math.max(0, Math.floor((north - lat) / this.layout.cellHeightDeg)));
    }
    const fid = grid.fid;
    this.fidsSorted = true;
    if (fid) for (let i = 1; i < fid.length && this.fidsSorted; i++) this.fidsSorted = fid[i] > fid[i - 1];
  }

  /** [west, south, east, north] of the cells' outer edges. */
  bbox(): [number, number, number, number] {
    const { west, north, columns, rows, cellWidthDeg, cellHeightDeg } = this.layout;
    return [west, north - rows * cellHeightDeg, west + columns * cellWidthDeg, north];
  }

  /** Image corners for MapLibre: top-left, top-right, bottom-right, bottom-left. */
  corners(): Corners {
    const [west, south, east, north] = this.bbox();
    return [[west, north], [east, north], [east, south], [west, south]];
  }

  /**
   * Paints `values` (one per cell, NaN = no data) in the class colours into RGBA `pixels`
   * (widthPx × heightPx × 4 bytes); positions without a cell stay transparent.
   */
  paint(pixels: Uint8ClampedArray, values: Float64Array, classes: ClassBreaks | null): void {
    const { columns, cellAt } = this.layout;
    if (pixels.length !== this.widthPx * this.heightPx * 4) throw new RangeError(`pixels has ${pixels.length} bytes, expected ${this.widthPx * this.heightPx * 4}`);
    if (values.length !== this.grid.count) throw new RangeError(`values has ${values.length} entries for ${this.grid.count} cells`);
    const noData = packColor(NO_DATA_COLOR);
    const palette = classes ? Uint32Array.from(classes.colors, (color) => packColor(color)) : new Uint32Array(0);
    const breaks = classes ? Float64Array.from(classes.breaks) : new Float64Array(0);
    const out = new Uint32Array(pixels.buffer, pixels.byteOffset, this.widthPx * this.heightPx);
    const rowColors = new Uint32Array(columns);
    let paintedRow = -1;
    for (let y = 0; y < this.heightPx; y++) {
      const r = this.rowOfPixel[y];
      if (r !== paintedRow) {
        const base = r * columns;
        for (let c = 0; c < columns; c++) {
          const cell = cellAt[base + c];
          if (cell < 0) {
            rowColors[c] = 0;
            continue;
          }
          const value = values[cell];
          if (!classes || !Number.isFinite(value)) {
            rowColors[c] = noData;
            continue;
          }
          let k = 0;
          while (k < breaks.length && value >= breaks[k]) k++;
          rowColors[c] = palette[k];
        }
        paintedRow = r;
      }
      out.set(rowColors, y * columns);
    }
  }

  /** Paints the cells with mask[cell] ≠ 0 in `rgba`, everything else transparent. */
  paintMask(pixels: Uint8ClampedArray, mask: Uint8Array, rgba: readonly [number, number, number, number]): void {
    const { columns, cellAt } = this.layout;
    if (pixels.length !== this.widthPx * this.heightPx * 4) throw new RangeError(`pixels has ${pixels.length} bytes, expected ${this.widthPx * this.heightPx * 4}`);
    if (mask.length !== this.grid.count) throw new RangeError(`mask has ${mask.length} entries for ${this.grid.count} cells`);
    const color = ((rgba[3] << 24) | (rgba[2] << 16) | (rgba[1] << 8) | rgba[0]) >>> 0;
    const out = new Uint32Array(pixels.buffer, pixels.byteOffset, this.widthPx * this.heightPx);
    const rowColors = new Uint32Array(columns);
    let paintedRow = -1;
    for (let y = 0; y < this.heightPx; y++) {
      const r = this.rowOfPixel[y];
      if (r !== paintedRow) {
        const base = r * columns;
        for (let c = 0; c < columns; c++) {
          const cell = cellAt[base + c];
          rowColors[c] = cell >= 0 && mask[cell] !== 0 ? color : 0;
        }
        paintedRow = r;
      }
      out.set(rowColors, y * columns);
    }
  }

  /** One byte per cell: 1 for the cells with the given fids (unknown fids are skipped). */
  maskOf(fids: Iterable<number>): { mask: Uint8Array; cells: number } {
    const mask = new Uint8Array(this.grid.count);
    let cells = 0;
    for (const fid of fids) {
      const index = this.indexOfFid(fid);
      if (index < 0 || mask[index]) continue;
      mask[index] = 1;
      cells += 1;
    }
    return { mask, cells };
  }

  /** Index of the cell containing (lon, lat), or -1. */
  cellAt(lon: number, lat: number): number {
    const { west, north, columns, rows, cellWidthDeg, cellHeightDeg, cellAt } = this.layout;
    const column = Math.floor((lon - west) / cellWidthDeg);
    const row = Math.floor((north - lat) / cellHeightDeg);
    if (column < 0 || row < 0 || column >= columns || row >= rows) return -1;
    return cellAt[row * columns + column];
  }

  /** Index of the cell with project fid `fid`, or -1. */
  indexOfFid(fid: number): number {
    const fids = this.grid.fid;
    if (!fids) return Number.isInteger(fid) && fid >= 0 && fid < this.grid.count ? fid : -1;
    if (this.fidsSorted) {
      let low = 0, high = fids.length - 1;
      while (low <= high) {
        const mid = (low + high) >> 1;
        if (fids[mid] === fid) return mid;
        if (fids[mid] < fid) low = mid + 1;
        else high = mid - 1;
      }
      return -1;
    }
    return fids.indexOf(fid);
  }

  /**
   * The union of the cells with the given fids as exact cell-edge polygons (one MultiPolygon), for
   * the hatched "outside every service circle" overlay. Returns the number of cells found too.
   */
  outline(fids: Iterable<number>): { shape: FeatureCollection<MultiPolygon>; cells: number } {
    const { columns, rows, cellRow, cellColumn, west, north, cellWidthDeg, cellHeightDeg } = this.layout;
    const labels = new Int32Array(columns * rows).fill(-1);
    let cells = 0;
    for (const fid of fids) {
      const index = this.indexOfFid(fid);
      if (index < 0) continue;
      labels[cellRow[index] * columns + cellColumn[index]] = 0;
      cells += 1;
    }
    const features: Feature<MultiPolygon>[] = [];
    const outline = cells > 0 ? traceCellOutlines(columns, rows, labels).get(0) : undefined;
    if (outline) {
      const toLonLat = (ring: LatticeRing): number[][] => {
        const coordinates: number[][] = [];
        for (let k = 0; k < ring.length; k += 2) coordinates.push([west + ring[k] * cellWidthDeg, north - ring[k + 1] * cellHeightDeg]);
        coordinates.push(coordinates[0]);
        return coordinates;
      };
      const polygons = assemblePolygons(outline).map((rings) => rings.map(toLonLat));
      features.push({ type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: polygons } });
    }
    return { shape: { type: 'FeatureCollection', features }, cells };
  }
}
