/**
 * For each facility separately, the demand cells it can reach within a limit and at what cost
 * (a bounded single-source Dijkstra per facility). Capacity-aware coverage needs these lists, since a
 * facility may serve cells that are nearer to another facility once that one is full.
 */
import { DijkstraWorkspace, runDijkstra } from './dijkstra';
import { checkFacilities, type FacilityInput } from './facility_input';
import type { PreparedCells } from './prepare_network';
import { checkRun, type RunControl } from '../../run_control';
import { snapPoints } from './snap_points';

/** Reach lists in CSR form: facility f reaches cells[start[f] .. start[f+1]) at costM[...], nearest first. */
export interface FacilityReach {
  readonly facilityIds: readonly string[];
  readonly start: Int32Array;
  readonly cells: Int32Array;
  /** Cost from the facility to the cell, in the unit of `limit` (level-walking metres, or metres for circles). */
  readonly costM: Float64Array;
  readonly limitM: number;
}

/**
 * Network reach lists for every facility within limitM level-walking metres.
 * @example const reach = networkFacilityReach(cells, facilities, 900); // 15 min at 1 m/s
 */
export function networkFacilityReach(
  prepared: PreparedCells,
  facilities: readonly FacilityInput[],
  limitM: number,
  options: { facilitySnapM?: number } & RunControl = {},
): FacilityReach {
  if (!(limitM > 0) || !Number.isFinite(limitM)) throw new RangeError(`limitM must be > 0, got ${limitM}`);
  checkFacilities(facilities);
  const { graph, index } = prepared.network;
  const { snaps: cellSnaps, byEdge } = prepared;
  const facilitySnaps = snapPoints(
    index,
    facilities.map((f) => f.lon),
    facilities.map((f) => f.lat),
    options.facilitySnapM ?? cellSnaps.maxSnapM,
  );
  const ws = new DijkstraWorkspace(graph.nodeCount);
  const cellStamp = new Int32Array(prepared.grid.count).fill(-1);
  const start = new Int32Array(facilities.length + 1);
  let cells = new Int32Array(1024);
  let costs = new Float64Array(1024);
  let used = 0;
  const pendingCells: number[] = [];
  const pendingCosts: number[] = [];
  const { adjOffsets, adjEdges, edgeFrom, edgeTo, edgeLengthM, edgeCostFactor } = graph;

  for (let f = 0; f < facilities.length; f++) {
    if ((f & 15) === 0) checkRun(options, f / Math.max(1, facilities.length), 'finding the cells each facility reaches');
    start[f] = used;
    const fe = facilitySnaps.edge[f];
    if (fe < 0) continue;
    const fAlong = facilitySnaps.alongM[f];
    const fOff = facilitySnaps.offM[f];
    ws.resetTouched();
    const factorF = edgeCostFactor[fe];
    const seedFrom = fOff + fAlong * factorF;
    const seedTo = fOff + (edgeLengthM[fe] - fAlong) * factorF;
    if (seedFrom <= limitM) ws.offer(edgeFrom[fe], seedFrom, f);
    if (seedTo <= limitM) ws.offer(edgeTo[fe], seedTo, f);
    runDijkstra(graph, ws, limitM);

    pendingCells.length = 0;
    pendingCosts.length = 0;
    const visitEdge = (e: number): void => {
      const factor = edgeCostFactor[e];
      const du = ws.dist[edgeFrom[e]];
      const dv = ws.dist[edgeTo[e]];
      for (let k = byEdge.start[e]; k < byEdge.start[e + 1]; k++) {
        const c = byEdge.items[k];
        if (cellStamp[c] === f) continue;
        cellStamp[c] = f;
        const along = cellSnaps.alongM[c];
        let cost = Math.min(du + along * factor, dv + (edgeLengthM[e] - along) * factor);
        if (e === fe) cost = Math.min(cost, fOff + Math.abs(fAlong - along) * factor);
        cost += cellSnaps.offM[c];
        if (cost <= limitM) {
          pendingCells.push(c);
          pendingCosts.push(cost);
        }
      }
    };
    visitEdge(fe);
    for (let k = 0; k < ws.touchedCount; k++) {
      const n = ws.touched[k];
      for (let a = adjOffsets[n]; a < adjOffsets[n + 1]; a++) visitEdge(adjEdges[a]);
    }
    // Nearest first; ties by cell index so that allocations are reproducible.
    const order = pendingCells.map((_, i) => i);
    order.sort((a, b) => pendingCosts[a] - pendingCosts[b] || pendingCells[a] - pendingCells[b]);
    if (used + order.length > cells.length) {
      const size = Math.max(cells.length * 2, used + order.length);
      const grownCells = new Int32Array(size);
      const grownCosts = new Float64Array(size);
      grownCells.set(cells.subarray(0, used));
      grownCosts.set(costs.subarray(0, used));
      cells = grownCells;
      costs = grownCosts;
    }
    for (const i of order) {
      cells[used] = pendingCells[i];
      costs[used++] = pendingCosts[i];
    }
  }
  start[facilities.length] = used;
  checkRun(options, 1, 'finding the cells each facility reaches');
  return {
    facilityIds: facilities.map((f) => f.id),
    start,
    cells: cells.slice(0, used),
    costM: costs.slice(0, used),
    limitM,
  };
}
