/**
 * Solver inputs in network mode: walking times over the project's roads. The network is built and the
 * cells snapped once; each site's reach (cells within M minutes at the walking speed, with their cost)
 * comes from one bounded Dijkstra per site (networkFacilityReach), and the existing facilities' service
 * from the same multi-source model `siting analyze --mode network` uses, so the covered population
 * after saving equals analyze's figure. Costs are reported in minutes of walking; pairs beyond M
 * minutes do not exist (M is the longest walk the model considers).
 */
import type { DemandGrid } from '../../../shared/engine/demand_grid';
import { coveredMask } from '../../../shared/engine/gaps/find_gap_areas';
import type { RoadInput } from '../../../shared/engine/network/build_walk_graph';
import type { FacilityInput } from '../../../shared/engine/network/facility_input';
import { networkFacilityReach } from '../../../shared/engine/network/facility_reach';
import { NetworkServiceModel } from '../../../shared/engine/network/network_service_model';
import { prepareCells, prepareNetwork } from '../../../shared/engine/network/prepare_network';
import { subRun, type RunControl } from '../../../shared/run_control';
import { snapPoints } from '../../../shared/engine/network/snap_points';
import { InputError } from '../../../shared/errors';
import { costMatrixFromPairs } from '../../../shared/optimize/cost_matrix';
import type { SolverInputs } from '../../../shared/optimize/project/solver_inputs';

export interface NetworkInputOptions extends RunControl {
  minutes: number;
  speedMps: number;
  /** Largest distance from a cell, facility or site to the network, metres. */
  maxSnapM: number;
}

/**
 * Coverage sets and walking-time costs (minutes) of every site within `minutes`, plus the existing
 * facilities' coverage and walking time.
 * @example networkInputs(grid, roads, sites, existing, { minutes: 10, speedMps: 1, maxSnapM: 300 }).coverage
 */
export function networkInputs(
  grid: DemandGrid,
  roads: readonly RoadInput[],
  sites: readonly FacilityInput[],
  existing: readonly FacilityInput[],
  options: NetworkInputOptions,
): SolverInputs {
  if (roads.length === 0) {
    throw new InputError('network mode needs a roads layer: import OSM ways first (siting import <project> roads <file>)', { field: 'roads' });
  }
  const { minutes, speedMps, maxSnapM } = options;
  const network = prepareNetwork(roads, { ...subRun(options, 0, 0.35) });
  const cells = prepareCells(network, grid, { maxSnapM, ...subRun(options, 0.35, 0.5) });
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
      costMinutes[p] = toMinutes(reach.costM[p], speedMps);
    }
  }
  // The same snap reach uses: sites off the network reach nobody (worth telling the planner).
  const siteSnaps = snapPoints(network.index, sites.map((s) => s.lon), sites.map((s) => s.lat), maxSnapM);
  let offNetworkSites = 0;
  for (let j = 0; j < sites.length; j++) if (siteSnaps.edge[j] < 0) offNetworkSites++;
  const costs = costMatrixFromPairs(grid.count, sites.length, reach.cells, candidate, costMinutes);
  const baselineCost = new Float64Array(grid.count);
  for (let i = 0; i < grid.count; i++) baselineCost[i] = toMinutes(model.cellCostM[i], speedMps);
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

/** Level-walking metres to minutes at the walking speed (Infinity stays Infinity). */
function toMinutes(costM: number, speedMps: number): number {
  return costM / speedMps / 60;
}
