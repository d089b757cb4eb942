/**
 * The planner's workspace at city scale: live figures after one proposal edit (target ≤ 100 ms from
 * edit to figures; the incremental state should take ≤ 1 ms of it) against recounting coverage from
 * scratch, and the population grid as one image (layout, paint, uncovered shade/outline) for
 * 1,000,000 cells. Data: a seeded synthetic 1000 × 1000 grid at 3 arc-seconds around central Wuhan,
 * 2,000 existing facilities, radii 300/500/1000 m.
 */
import { circleCoverage } from '../../shared/engine/circle_coverage';
import { demandGridFromRecords, type DemandGrid } from '../../shared/engine/demand_grid';
import type { Proposal } from '../../shared/schemas/entities';
import { quantileBreaks } from '../../shared/map_style/class_breaks';
import { PopulationRaster } from '../../renderer/map/population_raster';
import { figureRadii, LiveFigures, type ExistingFacility } from '../../shared/usecases/live_figures';
import { median, mulberry32, printTable, timeRuns } from './bench_util';

const CELL_DEG = 1 / 1200;
const WEST = 113.9;
const NORTH = 30.9;

function syntheticGrid(side: number): DemandGrid {
  const random = mulberry32(42);
  const records = [];
  for (let r = 0; r < side; r++) {
    for (let c = 0; c < side; c++) {
      const elderly = Math.round(random() * 400) / 10;
      records.push({ lon: WEST + (c + 0.5) * CELL_DEG, lat: NORTH - (r + 0.5) * CELL_DEG, population: elderly * 5, elderly, fid: r * side + c + 1 });
    }
  }
  return demandGridFromRecords(records);
}

function existing(count: number, side: number): ExistingFacility[] {
  const random = mulberry32(7);
  return Array.from({ length: count }, (_, i) => ({
    id: `f${i}`, kind: 'day_care' as const, lon: WEST + random() * side * CELL_DEG, lat: NORTH - random() * side * CELL_DEG, beds: i % 10 === 0 ? 100 : null, nursingBeds: i % 10 === 0 ? 40 : null,
  }));
}

function proposal(id: string, lon: number, lat: number): Proposal {
  return { id, scenarioId: 's', name: id, kind: 'day_care', lon, lat, capacity: null, beds: 20, nursingBeds: 8, floorAreaM2: null, floorLevel: null, targetYear: null, note: null };
}

export default async function (): Promise<void> {
  const rows: Record<string, string | number>[] = [];
  for (const side of [500, 1000]) {
    const grid = syntheticGrid(side);
    const facilities = existing(side * 2, side);
    const radii = figureRadii(1000);
    const kinds = ['day_care'] as const;
    const [buildMs] = await timeRuns(() => new LiveFigures(grid, radii, 1000, kinds, facilities), 1, false);
    const live = new LiveFigures(grid, radii, 1000, kinds, facilities);
    const random = mulberry32(3);
    const place = () => ({ lon: WEST + random() * side * CELL_DEG, lat: NORTH - random() * side * CELL_DEG });
    let proposals: Proposal[] = Array.from({ length: 20 }, (_, i) => proposal(`p${i}`, place().lon, place().lat));
    live.setProposals(proposals);
    // One edit = one proposal moved (as during a drag), then the figures read.
    const move = () => {
      const k = Math.floor(random() * proposals.length);
      const to = place();
      proposals = proposals.map((p, i) => (i === k ? { ...p, lon: to.lon, lat: to.lat } : p));
      live.setProposals(proposals);
      return live.figures();
    };
    const editMs = median(await timeRuns(move, 50));
    const add = () => {
      proposals = [...proposals, proposal(`q${proposals.length}`, place().lon, place().lat)];
      live.setProposals(proposals);
      return live.figures();
    };
    const addMs = median(await timeRuns(add, 20));
    const counted = () => [...facilities, ...proposals];
    const freshMs = median(await timeRuns(() => radii.map((radiusM) => circleCoverage(grid, counted(), radiusM)), 3));
    rows.push({
      cells: grid.count, facilities: facilities.length, proposals: proposals.length, radii: radii.join('/'),
      'build ms': buildMs, 'move+figures ms (median)': editMs, 'add+figures ms (median)': addMs, 'recount from scratch ms': freshMs,
    });
  }
  console.log('\nLive figures: one proposal edit on a WorldPop-size grid (incremental vs recount of every radius)');
  printTable(rows);

  const imageRows: Record<string, string | number>[] = [];
  for (const side of [500, 1000]) {
    const grid = syntheticGrid(side);
    const [layoutMs] = await timeRuns(() => new PopulationRaster(grid, { cellWidthDeg: CELL_DEG, cellHeightDeg: CELL_DEG }), 1, false);
    const raster = new PopulationRaster(grid, { cellWidthDeg: CELL_DEG, cellHeightDeg: CELL_DEG });
    const classes = quantileBreaks(grid.elderly, 5);
    const pixels = new Uint8ClampedArray(raster.widthPx * raster.heightPx * 4);
    const paintMs = median(await timeRuns(() => raster.paint(pixels, grid.elderly, classes), 5));
    // Every other cell uncovered, in 20 × 20 blocks (a realistic patchwork of gaps).
    const fids: number[] = [];
    for (let c = 0; c < grid.count; c++) {
      const r = Math.floor(c / side), col = c % side;
      if ((Math.floor(r / 20) + Math.floor(col / 20)) % 2 === 0) fids.push((grid.fid as Int32Array)[c]);
    }
    const shadeMs = median(await timeRuns(() => raster.paintMask(pixels, raster.maskOf(fids).mask, [38, 50, 56, 120]), 5));
    const outlineMs = grid.count <= 250_000 ? median(await timeRuns(() => raster.outline(fids), 3)) : Number.NaN;
    imageRows.push({
      cells: grid.count, image: `${raster.widthPx}×${raster.heightPx}`, 'layout ms': layoutMs, 'paint ms (median)': paintMs,
      'uncovered cells': fids.length, 'shade ms (median)': shadeMs, 'outline ms (median)': Number.isNaN(outlineMs) ? 'not used' : outlineMs,
    });
  }
  console.log('\nPopulation grid as one image (canvas source): build, paint, uncovered cells');
  printTable(imageRows);
}
