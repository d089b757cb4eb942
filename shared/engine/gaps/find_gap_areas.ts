/**
 * Gap areas: contiguous demand cells with older residents that no facility covers, dissolved into
 * polygons (the exact outline of their squares) and ranked by uncovered older people — the places to
 * site next.
 */
import { DEG_TO_RAD, EARTH_RADIUS_M } from '../../geodesy/haversine';
import type { DemandGrid } from '../demand_grid';
import { checkRun, type RunControl } from '../../run_control';
import type { GridLayout } from './grid_layout';
import { assemblePolygons, traceCellOutlines, type LatticeRing } from './trace_cell_outlines';

export interface GapArea {
  /** 1 = most uncovered older people */
  rank: number;
  cells: number;
  /** Uncovered persons aged 60+ / all persons in the area's cells. */
  elderly: number;
  population: number;
  /** Area on the sphere (R = 6 371 008.8 m), m². */
  areaM2: number;
  /** Area-weighted mean of the cell centres [lon, lat]. */
  centroid: [number, number];
  /** Older-people-weighted mean of the cell centres; the geometric centroid when nobody lives there. */
  elderlyCentroid: [number, number];
  geometry: { type: 'MultiPolygon'; coordinates: number[][][][] };
}

export interface GapAreasResult {
  areas: GapArea[];
  uncoveredCells: number;
  uncoveredElderly: number;
  connectivity: 4 | 8;
}

export interface GapOptions extends RunControl {
  /** 4: cells sharing a side form one area; 8 (default): also cells touching at a corner. */
  connectivity?: 4 | 8;
}

/**
 * @example
 *   const layout = gridLayout(grid);
 *   const covered = coveredMask(model.cellCostM, model.thresholds[2].limitM);
 *   findGapAreas(grid, layout, covered).areas[0] // the largest gap, by older people
 */
export function findGapAreas(grid: DemandGrid, layout: GridLayout, covered: Uint8Array, options: GapOptions = {}): GapAreasResult {
  const connectivity = options.connectivity ?? 8;
  if (connectivity !== 4 && connectivity !== 8) throw new RangeError(`connectivity must be 4 or 8, got ${String(connectivity)}`);
  if (covered.length !== grid.count) throw new RangeError(`covered has ${covered.length} entries for ${grid.count} cells`);
  const { columns, rows, cellAt, cellRow, cellColumn } = layout;
  const isGap = (c: number): boolean => c >= 0 && covered[c] === 0 && grid.elderly[c] > 0;

  // Connected components by breadth-first search over raster positions.
  const labels = new Int32Array(columns * rows).fill(-1);
  const queue = new Int32Array(grid.count);
  const componentCells: number[][] = [];
  let uncoveredCells = 0;
  let uncoveredElderly = 0;
  for (let start = 0; start < grid.count; start++) {
    if ((start & 65535) === 0) checkRun(options, 0.5 * (start / grid.count), 'finding gap areas');
    if (!isGap(start)) continue;
    const startPos = cellRow[start] * columns + cellColumn[start];
    if (labels[startPos] >= 0) continue;
    const label = componentCells.length;
    const members: number[] = [];
    labels[startPos] = label;
    let head = 0, tail = 0;
    queue[tail++] = startPos;
    while (head < tail) {
      const pos = queue[head++];
      members.push(cellAt[pos]);
      const r = (pos / columns) | 0;
      const col = pos - r * columns;
      for (let dr = -1; dr <= 1; dr++) {
        for (let dc = -1; dc <= 1; dc++) {
          if (dr === 0 && dc === 0) continue;
          if (connectivity === 4 && dr !== 0 && dc !== 0) continue;
          const nr = r + dr, nc = col + dc;
          if (nr < 0 || nc < 0 || nr >= rows || nc >= columns) continue;
          const npos = nr * columns + nc;
          if (labels[npos] >= 0 || !isGap(cellAt[npos])) continue;
          labels[npos] = label;
          queue[tail++] = npos;
        }
      }
    }
    componentCells.push(members);
    uncoveredCells += members.length;
  }

  checkRun(options, 0.5, 'finding gap areas');
  const outlines = traceCellOutlines(columns, rows, labels);
  checkRun(options, 0.8, 'finding gap areas');
  const toLonLat = (ring: LatticeRing): number[][] => {
    const coordinates: number[][] = [];
    for (let k = 0; k < ring.length; k += 2) coordinates.push([layout.west + ring[k] * layout.cellWidthDeg, layout.north - ring[k + 1] * layout.cellHeightDeg]);
    coordinates.push(coordinates[0]);
    return coordinates;
  };

  const areas: GapArea[] = componentCells.map((members, label) => {
    let elderly = 0, population = 0, areaM2 = 0;
    let lonArea = 0, latArea = 0, lonElderly = 0, latElderly = 0;
    for (const c of members) {
      const cellArea = cellAreaM2(grid.lat[c], layout.cellWidthDeg, layout.cellHeightDeg);
      elderly += grid.elderly[c];
      population += grid.population[c];
      areaM2 += cellArea;
      lonArea += grid.lon[c] * cellArea;
      latArea += grid.lat[c] * cellArea;
      lonElderly += grid.lon[c] * grid.elderly[c];
      latElderly += grid.lat[c] * grid.elderly[c];
    }
    uncoveredElderly += elderly;
    const centroid: [number, number] = [lonArea / areaM2, latArea / areaM2];
    const polygons = assemblePolygons(outlines.get(label)!);
    return {
      rank: 0,
      cells: members.length,
      elderly,
      population,
      areaM2,
      centroid,
      elderlyCentroid: elderly > 0 ? [lonElderly / elderly, latElderly / elderly] : centroid,
      geometry: { type: 'MultiPolygon', coordinates: polygons.map((rings) => rings.map(toLonLat)) },
    };
  });
  const order = areas.map((_, i) => i).sort((a, b) => areas[b].elderly - areas[a].elderly || areas[b].cells - areas[a].cells || a - b);
  const ranked = order.map((i, k) => ({ ...areas[i], rank: k + 1 }));
  checkRun(options, 1, 'finding gap areas');
  return { areas: ranked, uncoveredCells, uncoveredElderly, connectivity };
}

/**
 * Area of a lon/lat cell centred at `lat` on the sphere: R² · Δλ · (sin φn − sin φs), m².
 * @example cellAreaM2(30.6, 1 / 1200, 1 / 1200) // ≈ 7 391 (a 3″ WorldPop cell in Wuhan)
 */
export function cellAreaM2(lat: number, widthDeg: number, heightDeg: number): number {
  const north = (lat + heightDeg / 2) * DEG_TO_RAD;
  const south = (lat - heightDeg / 2) * DEG_TO_RAD;
  return EARTH_RADIUS_M * EARTH_RADIUS_M * widthDeg * DEG_TO_RAD * (Math.sin(north) - Math.sin(south));
}

/**
 * 1 where a cell's cost is within the limit (e.g. model.cellCostM against a threshold's limitM).
 * @example coveredMask(model.cellCostM, 900)
 */
export function coveredMask(costM: Float64Array, limitM: number): Uint8Array {
  const mask = new Uint8Array(costM.length);
  for (let c = 0; c < costM.length; c++) mask[c] = costM[c] <= limitM ? 1 : 0;
  return mask;
}
