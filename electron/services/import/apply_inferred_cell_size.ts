/**
 * Population points read from CSV, XLSX or vector files are cell centres of a regular grid: their
 * cell size is the grid spacing of the distinct longitudes and latitudes (null when it cannot be
 * inferred). For GCJ-02/BD-09 input the grid may be regular in the source degrees (made on a Chinese
 * web map) or in WGS84 (made from WorldPop and shifted on export): `source` gives the source lon/lat,
 * tried first, then the stored WGS84 values. The offset between the two changes cell sizes by far
 * less than a millionth, so either spacing is the cell size.
 */
import type { PopulationCell } from '../../../shared/schemas/entities';
import { inferGridSpacing } from './infer_grid_spacing';

export function applyInferredCellSize(cells: PopulationCell[], source?: { lons: ArrayLike<number>; lats: ArrayLike<number> }): void {
  let widthDeg: number | null = null;
  let heightDeg: number | null = null;
  if (source) {
    widthDeg = inferGridSpacing(source.lons);
    heightDeg = inferGridSpacing(source.lats);
  }
  if (widthDeg === null || heightDeg === null) {
    const lons = new Float64Array(cells.length);
    const lats = new Float64Array(cells.length);
    for (let i = 0; i < cells.length; i++) {
      lons[i] = cells[i].lon;
      lats[i] = cells[i].lat;
    }
    widthDeg = inferGridSpacing(lons);
    heightDeg = inferGridSpacing(lats);
  }
  for (const cell of cells) {
    cell.cellWidthDeg = widthDeg;
    cell.cellHeightDeg = heightDeg;
  }
}
