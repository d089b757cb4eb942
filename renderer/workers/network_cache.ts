/**
 * The worker's memory between runs: the walking network prepared from one roads layer and the demand
 * cells snapped onto it. Building them is the expensive part of a network analysis (graph, segment
 * index, snapping every cell); re-runs with other facilities, thresholds or speeds reuse both.
 */
import type { DemandGrid } from '../../shared/engine/demand_grid';
import { prepareCells, prepareNetwork, type PreparedCells, type PreparedNetwork } from '../../shared/engine/network/prepare_network';
import { subRun, type RunControl } from '../../shared/run_control';
import { roadInputs } from '../../shared/snapshot/snapshot_codec';
import type { GridPayload, RoadsPayload } from './worker_inputs';

export class NetworkCache {
  private network: { key: string; prepared: PreparedNetwork } | null = null;
  private cells: { key: string; prepared: PreparedCells } | null = null;

  /** Roads version the worker holds a network for (null: none). */
  get roadsKey(): string | null {
    return this.network?.key ?? null;
  }

  /**
   * The cells of `grid` snapped onto the network of `roads` within maxSnapM, built only when the roads,
   * the cell positions or the snap distance changed. Progress: network [0, 0.67], snapping [0.67, 1].
   */
  preparedCells(roads: RoadsPayload, gridPayload: GridPayload, grid: DemandGrid, maxSnapM: number, control?: RunControl): PreparedCells {
    const network = this.preparedNetwork(roads, subRun(control, 0, 0.67));
    const key = `${roads.key}|${gridPayload.key}|${maxSnapM}`;
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
