/**
 * Solver inputs in network mode, as `siting optimize --mode network` builds them
 * (electron/services/optimize/network_inputs.ts), but on the worker's cached walking network: each
 * site's reach (cells within M minutes, with their walking time) from one bounded Dijkstra per site,
 * and the existing facilities' service from the multi-source model `siting analyze` uses. Costs are in
 * minutes of walking; pairs beyond M minutes do not exist.
 */
import type { DemandGrid } from '../../../shared/engine/demand_grid';
import { coveredMask } from '../../../shared/engine/gaps/find_gap_areas';
import type { FacilityInput } from '../../../shared/engine/network/facility_input';
import { networkFacilityReach } from '../../../shared/engine/network/facility_reach';
import { NetworkServiceModel } from '../../../shared/engine/network/network_service_model';
import type { PreparedCells } from '../../../shared/engine/network/prepare_network';
import { subRun, type RunControl } from '../../../shared/run_control';
import { snapPoints } from '../../../shared/engine/network/snap_points';
import { costMatrixFromPairs } from '../../../shared/optimize/cost_matrix';
import type { SolverInputs } from '../../../shared/optimize/project/solver_inputs';

export interface NetworkInputOptions extends RunControl {
  minutes: number;
  speedMps: number;
  /** Largest distance from a cell, facility or site to the network, metres. */
  maxSnapM: number;
}

/**
 * `prepare` gives the grid's cells snapped onto the network (cached in the worker).
 * Progress: preparation [0, 0.5], existing facilities [0.5, 0.6], site reach [0.6, 0.95].
 * @example networkInputs(grid, (c) => cache.preparedCells(roads, payload, grid, 300, c), sites, existing, { minutes: 15, speedMps: 1, maxSnapM: 300 })
 */
export function networkInputs(
  grid: DemandGrid,
  prepare: (control: RunControl | undefined) => PreparedCells,
  sites: readonly FacilityInput[],
  existing: readonly FacilityInput[],
  options: NetworkInputOptions,
): SolverInputs {
  const { minutes, speedMps, maxSnapM } = options;
  const cells = prepare(subRun(options, 0, 0.5));
  const network = cells.network;
  const model = new NetworkServiceModel(cells, { thresholds: [{ label: `${minutes} min`, minutes }], speedMps, facilitySnapM: maxSnapM });
  model.setFacilities(existing, subRun(options, 0.5, 0.6));
  const limitM = model.thresholds[0].limitM;
  const reach = networkFacilityReach(cells, sites, limitM, { facilitySnapM: maxSnapM, ...subRun(options, 0.6, 0.95) });

  const pairCount = reach.cells.length;
  const candidate = new Int32Array(pairCount);
  const costMinutes = new Float64Array(pairCount);
  for (let j = 0; j < sites.length; j++) {
    for (let p = reach.start[j]; p < reach.start[j + 1]; p++) {
      candidate[p] = j;
      costMinutes[p] = reach.costM[p] / speedMps / 60;
    }
  }
  // The same snap reach uses: sites off the network reach nobody (worth telling the planner).
  const siteSnaps = snapPoints(network.index, sites.map((s) => s.lon), sites.map((s) => s.lat), maxSnapM);
  let offNetworkSites = 0;
  for (let j = 0; j < sites.length; j++) if (siteSnaps.edge[j] < 0) offNetworkSites++;
  const costs = costMatrixFromPairs(grid.count, sites.length, reach.cells, candidate, costMinutes);
  const baselineCost = new Float64Array(grid.count);
  for (let i = 0; i < grid.count; i++) baselineCost[i] = model.cellCostM[i] / speedMps / 60;
  const stats = network.graph.stats;
  let offNetworkCells = 0;
  for (let i = 0; i < grid.count; i++) if (cells.snaps.edge[i] < 0) offNetworkCells++;
  const notes: string[] = [];
  if (offNetworkSites > 0) notes.push(`${offNetworkSites} candidate sites lie farther than ${maxSnapM} m from every walkable way and reach nobody`);
  return {
    coverage: { demandCount: grid.count, candidateCount: sites.length, start: reach.start, demand: reach.cells },
    costs,
    baselineCovered: existing.length > 0 ? coveredMask(model.cellCostM, limitM) : undefined,
    baselineCost,
    costUnit: 'min',
    pairs: pairCount,
    threshold: minutes,
    network: {
      ways: stats.walkableWays,
      nodes: stats.nodes,
      edges: stats.edges,
      lengthKm: Math.round(stats.totalLengthM / 100) / 10,
      offNetworkCells,
      offNetworkSites,
    },
    notes,
  };
}
