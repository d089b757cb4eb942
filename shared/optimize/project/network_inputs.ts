/**
 * Solver inputs in network mode: walking times over the project's roads. The cells are snapped onto
 * the walking network once (the snapshot's network source; the renderer worker keeps it between
 * runs); each site's reach (cells within M minutes, with their walking time) comes from one bounded
 * Dijkstra per site, and the existing facilities' service from the multi-source model
 * `siting analyze --mode network` uses, so the covered population after saving equals analyze's
 * figure. Costs are in minutes of walking; pairs beyond M minutes do not exist (M is the longest walk
 * the model considers).
 */
import type { DemandGrid } from '../../engine/demand_grid';
import { coveredMask } from '../../engine/gaps/find_gap_areas';
import type { FacilityInput } from '../../engine/network/facility_input';
import { networkFacilityReach } from '../../engine/network/facility_reach';
import { NetworkServiceModel } from '../../engine/network/network_service_model';
import { subRun, type RunControl } from '../../run_control';
import { snapPoints } from '../../engine/network/snap_points';
import { InputError } from '../../errors';
import type { WalkNetworkSource } from '../../usecases/project_snapshot';
import { costMatrixFromPairs } from '../cost_matrix';
import type { SolverInputs } from './solver_inputs';

export interface NetworkInputOptions extends RunControl {
  minutes: number;
  speedMps: number;
  /** Largest distance from a cell, facility or site to the network, metres. */
  maxSnapM: number;
}

/**
 * Coverage sets and walking-time costs (minutes) of every site within `minutes`, plus the existing
 * facilities' coverage and walking time. `network` null (no roads layer) is an InputError.
 * Progress: preparation [0, 0.5], existing facilities [0.5, 0.6], site reach [0.6, 0.95].
 * @example networkInputs(grid, snapshot.network, sites, existing, { minutes: 15, speedMps: 1, maxSnapM: 300 }).coverage
 */
export function networkInputs(
  grid: DemandGrid,
  network: WalkNetworkSource | null,
  sites: readonly FacilityInput[],
  existing: readonly FacilityInput[],
  options: NetworkInputOptions,
): SolverInputs {
  if (!network) throw new InputError('network mode needs a roads layer: import OSM ways first', { field: 'roads' }, { reason: 'roads_missing' });
  const { minutes, speedMps, maxSnapM } = options;
  const cells = network.preparedCells(maxSnapM, subRun(options, 0, 0.5));
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
  const siteSnaps = snapPoints(cells.network.index, sites.map((s) => s.lon), sites.map((s) => s.lat), maxSnapM);
  let offNetworkSites = 0;
  for (let j = 0; j < sites.length; j++) if (siteSnaps.edge[j] < 0) offNetworkSites++;
  const costs = costMatrixFromPairs(grid.count, sites.length, reach.cells, candidate, costMinutes);
  const baselineCost = new Float64Array(grid.count);
  for (let i = 0; i < grid.count; i++) baselineCost[i] = toMinutes(model.cellCostM[i], speedMps);
  const stats = cells.network.graph.stats;
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
