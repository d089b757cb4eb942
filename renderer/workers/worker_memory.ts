/**
 * The worker's memory between runs: the population grid of one snapshot version, the walking network
 * prepared from one roads version, and the grid's cells snapped onto it. The renderer sends the grid
 * and the roads only when their version changed; re-runs with other facilities, thresholds or speeds
 * reuse all three (building the network and snapping every cell are the expensive part of a network
 * analysis).
 */
import type { DemandGrid } from '../../shared/engine/demand_grid';
import { prepareCells, prepareNetwork, type PreparedCells, type PreparedNetwork } from '../../shared/engine/network/prepare_network';
import { subRun, type RunControl } from '../../shared/run_control';
import { roadInputs } from '../../shared/snapshot/snapshot_codec';
import type { WalkNetworkSource } from '../../shared/usecases/project_snapshot';
import { toDemandGrid, type GridPayload, type RoadsPayload } from './worker_inputs';

export class WorkerMemory {
  private heldGrid: { key: string; grid: DemandGrid } | null = null;
  private network: { key: string; prepared: PreparedNetwork } | null = null;
  private cells: { key: string; prepared: PreparedCells } | null = null;

  /** Grid version the worker holds (null: none). */
  get gridKey(): string | null {
    return this.heldGrid?.key ?? null;
  }

  /** Roads version the worker holds a network for (null: none). */
  get roadsKey(): string | null {
    return this.network?.key ?? null;
  }

  /** The grid of this run: the one sent with it (kept from now on), or the one held for its version. */
  grid(payload: GridPayload): DemandGrid {
    if (payload.data === null) {
      // The client sends data: null only for the version this worker reported holding.
      if (this.heldGrid?.key !== payload.key) throw new Error(`the worker holds no population grid of version ${payload.key}; send the grid again`);
      return this.heldGrid.grid;
    }
    this.heldGrid = { key: payload.key, grid: toDemandGrid(payload.data) };
    return this.heldGrid.grid;
  }

  /** The walking network of `roads` for the held grid of version `gridKey`, as the use cases read it. */
  networkSource(roads: RoadsPayload | null, gridKey: string, grid: DemandGrid): WalkNetworkSource | null {
    return roads ? { preparedCells: (maxSnapM, control) => this.preparedCells(roads, gridKey, grid, maxSnapM, control) } : null;
  }

  /**
   * The cells of `grid` snapped onto the network of `roads` within maxSnapM, built only when the roads,
   * the grid or the snap distance changed. Progress: network [0, 0.67], snapping [0.67, 1].
   */
  preparedCells(roads: RoadsPayload, gridKey: string, grid: DemandGrid, maxSnapM: number, control?: RunControl): PreparedCells {
    const network = this.preparedNetwork(roads, subRun(control, 0, 0.67));
    const key = `${roads.key}|${gridKey}|${maxSnapM}`;
    if (this.cells?.key !== key) {
      this.cells = null;
      this.cells = { key, prepared: prepareCells(network, grid, { maxSnapM, ...subRun(control, 0.67, 1) }) };
    }
    return this.cells.prepared;
  }

  private preparedNetwork(roads: RoadsPayload, control?: RunControl): PreparedNetwork {
    if (this.network?.key === roads.key) return this.network.prepared;
    if (roads.data === null) {
      // The client sends roads: null only for the version this worker reported holding.
      throw new Error(`the worker holds no walking network for roads ${roads.key}; send the roads again`);
    }
    this.network = null;
    this.cells = null;
    this.network = { key: roads.key, prepared: prepareNetwork(roadInputs(roads.data), { ...control }) };
    return this.network.prepared;
  }
}
