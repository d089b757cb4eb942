/**
 * Row and column of each demand cell on its regular lon/lat grid (WorldPop-style rasters turned into
 * cell centres). The cell size is given, or inferred from the spacing of the centres.
 */
import { InputError } from '../../errors';
import type { DemandGrid } from '../demand_grid';

export interface GridLayout {
  readonly columns: number;
  readonly rows: number;
  /** Longitude of the west edge of column 0 and latitude of the north edge of row 0, degrees. */
  readonly west: number;
  readonly north: number;
  readonly cellWidthDeg: number;
  readonly cellHeightDeg: number;
  readonly cellRow: Int32Array;
  readonly cellColumn: Int32Array;
  /** Cell index at row r, column c: cellAt[r * columns + c], -1 where the grid has no cell. */
  readonly cellAt: Int32Array;
}

/** Largest raster the layout accepts (rows × columns), to fail clearly on non-grid input. */
const MAX_RASTER_CELLS = 100_000_000;

/**
 * @example const layout = gridLayout(grid, { cellWidthDeg: 1 / 1200, cellHeightDeg: 1 / 1200 });
 */
export function gridLayout(
  grid: DemandGrid,
  size: { cellWidthDeg?: number; cellHeightDeg?: number } = {},
  file = 'population',
): GridLayout {
  if (grid.count === 0) throw new InputError('the population grid has no cells', { file });
  const cellWidthDeg = size.cellWidthDeg ?? inferSpacing(grid.lon, 'longitude', file);
  const cellHeightDeg = size.cellHeightDeg ?? inferSpacing(grid.lat, 'latitude', file);
  if (!(cellWidthDeg > 0) || !(cellHeightDeg > 0)) {
    throw new InputError(`cell size must be > 0, got ${cellWidthDeg} × ${cellHeightDeg} degrees`, { file });
  }
  let minLon = Infinity, maxLat = -Infinity;
  for (let c = 0; c < grid.count; c++) {
    if (grid.lon[c] < minLon) minLon = grid.lon[c];
    if (grid.lat[c] > maxLat) maxLat = grid.lat[c];
  }
  const cellRow = new Int32Array(grid.count);
  const cellColumn = new Int32Array(grid.count);
  let columns = 0, rows = 0;
  for (let c = 0; c < grid.count; c++) {
    const x = (grid.lon[c] - minLon) / cellWidthDeg;
    const y = (maxLat - grid.lat[c]) / cellHeightDeg;
    const column = Math.round(x);
    const row = Math.round(y);
    if (Math.abs(x - column) > 0.25 || Math.abs(y - row) > 0.25) {
      throw new InputError(
        `cell ${c} at (${grid.lon[c]}, ${grid.lat[c]}) is not on a regular grid of ${cellWidthDeg} × ${cellHeightDeg} degrees`,
        { file, row: c, field: 'lon/lat', expected: 'cell centres on one regular grid' },
      );
    }
    cellRow[c] = row;
    cellColumn[c] = column;
    if (column + 1 > columns) columns = column + 1;
    if (row + 1 > rows) rows = row + 1;
  }
  if (columns * rows > MAX_RASTER_CELLS) {
    throw new InputError(`the grid would span ${columns} × ${rows} cells; is the cell size right?`, { file });
  }
  const cellAt = new Int32Array(columns * rows).fill(-1);
  for (let c = 0; c < grid.count; c++) {
    const k = cellRow[c] * columns + cellColumn[c];
    if (cellAt[k] >= 0) {
      throw new InputError(`cells ${cellAt[k]} and ${c} fall on the same grid position (row ${cellRow[c]}, column ${cellColumn[c]})`, {
        file, row: c, field: 'lon/lat',
      });
    }
    cellAt[k] = c;
  }
  return {
    columns, rows, west: minLon - cellWidthDeg / 2, north: maxLat + cellHeightDeg / 2,
    cellWidthDeg, cellHeightDeg, cellRow, cellColumn, cellAt,
  };
}

/** Grid spacing from the sorted distinct coordinates: smallest gap, refined over the whole span. */
function inferSpacing(values: Float64Array, name: string, file: string): number {
  const sorted = Float64Array.from(values).sort();
  let smallest = Infinity;
  const tolerance = 1e-9 * Math.max(1, Math.abs(sorted[sorted.length - 1]));
  for (let k = 1; k < sorted.length; k++) {
    const gap = sorted[k] - sorted[k - 1];
    if (gap > tolerance && gap < smallest) smallest = gap;
  }
  if (!Number.isFinite(smallest)) {
    throw new InputError(`cannot infer the cell size from one ${name} value; give the cell size`, { file, field: name });
  }
  const span = sorted[sorted.length - 1] - sorted[0];
  return span / Math.round(span / smallest);
}
