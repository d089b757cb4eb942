/**
 * Population points read from CSV or GeoJSON are cell centres of a regular grid: their cell size
 * is the grid spacing of the distinct longitudes and latitudes (null when it cannot be inferred).
 */
import type { PopulationCell } from '../../../shared/schemas/entities';
import { inferGridSpacing } from './infer_grid_spacing';

export function applyInferredCellSize(cells: PopulationCell[]): void {
  const lons = new Float64Array(cells.length);
  const lats = new Float64Array(cells.length);
  for (let i = 0; i < cells.length; i++) {
    lons[i] = cells[i].lon;
    lats[i] = cells[i].lat;
  }
  const widthDeg = inferGridSpacing(lons);
  const heightDeg = inferGridSpacing(lats);
  for (const cell of cells) {
    cell.cellWidthDeg = widthDeg;
    cell.cellHeightDeg = heightDeg;
  }
}
