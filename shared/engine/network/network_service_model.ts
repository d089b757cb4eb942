/**
 * Network service areas with incremental updates. One multi-source Dijkstra pass gives every node its
 * cost to the nearest facility (level-walking metres, searched up to the statistics horizon — by
 * default twice the largest threshold — so that walking-time statistics cover people beyond the
 * threshold too; coverage is cut off at the largest threshold); a cell's cost
 * is the better of its edge's two ends plus the walk along the edge to its snap point, or the direct
 * walk along the edge from a facility snapped onto the same edge, plus its off-network leg.
 *
 * Adding a facility runs one bounded Dijkstra from it that only lowers costs. Removing one resets the
 * nodes it was nearest to and re-grows them from their settled neighbours and the remaining
 * facilities' seeds (costs elsewhere cannot change: those shortest paths never used it). Moving is
 * remove + add. Only cells on edges next to changed nodes are recomputed, and the figures are updated
 * from the old and new costs of those cells.
 */
import { InputError } from '../../errors';
import { CoverageAccumulator, peopleFigures, type NetworkCoverageFigures, type PeopleFigures } from './coverage_accumulator';
import { DijkstraWorkspace, runDijkstra } from './dijkstra';
import { checkFacilities, checkFacility, type FacilityInput } from './facility_input';
import type { PreparedCells } from './prepare_network';
import { checkRun, type RunControl } from '../../run_control';
import { snapPoints } from './snap_points';
import { DEFAULT_SPEED_MPS, resolveThresholds, type ResolvedThreshold, type WalkThreshold } from './thresholds';
import { DEFAULT_STATISTICS_HORIZON_FACTOR } from './travel_time_statistics';

export interface NetworkServiceOptions {
  thresholds: readonly WalkThreshold[];
  /** Walking speed, m/s; default 1.0. */
  speedMps?: number;
  /** Maximum distance from a facility to the network; default: the cells' snap distance. */
  facilitySnapM?: number;
  /**
   * How far past the largest threshold the search runs for walking-time statistics, as a multiple of
   * it (≥ 1; default 2: a 15-minute analysis knows times up to 30 minutes). 1 = no further than the
   * threshold (cheapest; the 90th percentile is then "more than 15 min" whenever coverage < 90 %).
   */
  statisticsHorizonFactor?: number;
}

/** Where a facility joined the network. */
export interface FacilitySnap {
  id: string;
  lon: number;
  lat: number;
  /** -1 when no walkable edge lies within the snap distance: the facility reaches nobody. */
  edge: number;
  alongM: number;
  offM: number;
}

/**
 * @example
 *   const model = new NetworkServiceModel(prepareCells(network, grid), { thresholds: lifeCircleThresholds(), speedMps: 0.8 });
 *   model.setFacilities(facilities);
 *   model.moveFacility('dc-3', 114.31, 30.58); // while the planner drags
 *   model.figures().thresholds[2].elderlyShare; // share of older people within 15 minutes
 */
export class NetworkServiceModel {
  readonly thresholds: ResolvedThreshold[];
  readonly speedMps: number;
  /** Largest threshold, level-walking metres: the cut-off of coverage and of cellCostM. */
  readonly cutoffM: number;
  /** Statistics horizon, level-walking metres (≥ cutoffM): how far the shortest-path search runs. */
  readonly horizonM: number;
  /** Cost of each cell to its nearest facility, level-walking metres; Infinity beyond the cutoff. Seconds = cost / speedMps. */
  readonly cellCostM: Float64Array;
  /** The same cost up to the statistics horizon (Infinity beyond it); what the walking-time statistics count. */
  readonly cellHorizonCostM: Float64Array;
  /** Slot of that facility (see facilityIdOfSlot); -1 when not reached within the cutoff. */
  readonly cellSource: Int32Array;
  /** Node costs from the nearest facility, up to the horizon (see DijkstraWorkspace). */
  readonly ws: DijkstraWorkspace;
  private readonly facilitySnapM: number;
  private readonly accumulator: CoverageAccumulator;
  private readonly totals: PeopleFigures;
  private readonly offNetwork: PeopleFigures;
  /** Per connected component of the graph: snapped cells, people, older people on it, and active facilities. */
  private readonly componentCells: Float64Array;
  private readonly componentPopulation: Float64Array;
  private readonly componentElderly: Float64Array;
  private readonly componentFacilities: Int32Array;
  private readonly cellStamp: Uint32Array;
  private cellStampValue = 0;
  private slots: (FacilitySnap | null)[] = [];
  private readonly slotOfId = new Map<string, number>();
  /** Active facility slots snapped onto each edge (for the direct along-edge walk). */
  private readonly edgeFacilities = new Map<number, number[]>();

  constructor(readonly cells: PreparedCells, options: NetworkServiceOptions) {
    this.speedMps = options.speedMps ?? DEFAULT_SPEED_MPS;
    this.thresholds = resolveThresholds(options.thresholds, this.speedMps);
    this.facilitySnapM = options.facilitySnapM ?? cells.snaps.maxSnapM;
    const factor = options.statisticsHorizonFactor ?? DEFAULT_STATISTICS_HORIZON_FACTOR;
    if (!(factor >= 1) || !Number.isFinite(factor)) throw new RangeError(`statisticsHorizonFactor must be a finite number ≥ 1, got ${factor}`);
    const { grid, network } = cells;
    const cutoffM = Math.max(...this.thresholds.map((t) => t.limitM));
    this.accumulator = new CoverageAccumulator(grid, this.thresholds, this.speedMps, cutoffM * factor);
    this.cutoffM = this.accumulator.cutoffM;
    this.horizonM = this.accumulator.horizonM;
    this.cellCostM = new Float64Array(grid.count).fill(Infinity);
    this.cellHorizonCostM = new Float64Array(grid.count).fill(Infinity);
    this.cellSource = new Int32Array(grid.count).fill(-1);
    this.cellStamp = new Uint32Array(grid.count);
    this.ws = new DijkstraWorkspace(network.graph.nodeCount);
    this.totals = peopleFigures(grid);
    this.offNetwork = peopleFigures(grid, (c) => cells.snaps.edge[c] < 0);
    const { nodeComponent, componentLengthM, edgeFrom } = network.graph;
    const components = componentLengthM.length;
    this.componentCells = new Float64Array(components);
    this.componentPopulation = new Float64Array(components);
    this.componentElderly = new Float64Array(components);
    this.componentFacilities = new Int32Array(components);
    for (let c = 0; c < grid.count; c++) {
      const e = cells.snaps.edge[c];
      if (e < 0) continue;
      const k = nodeComponent[edgeFrom[e]];
      this.componentCells[k]++;
      this.componentPopulation[k] += grid.population[c];
      this.componentElderly[k] += grid.elderly[c];
    }
  }

  /** Replaces all facilities and recomputes everything (one multi-source pass). */
  setFacilities(facilities: readonly FacilityInput[], control?: RunControl): void {
    checkFacilities(facilities);
    this.slots = [];
    this.slotOfId.clear();
    this.edgeFacilities.clear();
    this.componentFacilities.fill(0);
    const snaps = snapPoints(
      this.cells.network.index,
      facilities.map((f) => f.lon),
      facilities.map((f) => f.lat),
      this.facilitySnapM,
    );
    for (let i = 0; i < facilities.length; i++) {
      const { id, lon, lat } = facilities[i];
      this.registerSlot({ id, lon, lat, edge: snaps.edge[i], alongM: snaps.alongM[i], offM: snaps.offM[i] });
    }
    checkRun(control, 0.1, 'computing walking times');
    this.ws.resetAll();
    for (let s = 0; s < this.slots.length; s++) this.seed(s);
    runDijkstra(this.cells.network.graph, this.ws, this.horizonM);
    checkRun(control, 0.6, 'computing walking times');
    this.accumulator.clear();
    const count = this.cells.grid.count;
    for (let c = 0; c < count; c++) {
      this.computeCell(c);
      this.accumulator.apply(c, this.cellHorizonCostM[c], 1);
    }
    checkRun(control, 1, 'computing walking times');
  }

  /** Adds one facility: a bounded Dijkstra from it that only lowers costs. */
  addFacility(facility: FacilityInput): void {
    checkFacility(facility, this.slots.length);
    if (this.slotOfId.has(facility.id)) throw new InputError(`duplicate facility id "${facility.id}"`, { field: 'id' });
    const slot = this.registerSlot(this.snapFacility(facility));
    this.ws.beginRun();
    this.seed(slot);
    runDijkstra(this.cells.network.graph, this.ws, this.horizonM);
    this.refreshCells(this.slots[slot]!.edge);
  }

  /** Removes one facility: re-grows the nodes it was nearest to from their neighbours. */
  removeFacility(id: string): void {
    const slot = this.slotOf(id);
    const removed = this.slots[slot]!;
    this.slots[slot] = null;
    this.slotOfId.delete(id);
    if (removed.edge >= 0) {
      this.componentFacilities[this.componentOfEdge(removed.edge)]--;
      const list = this.edgeFacilities.get(removed.edge)!;
      list.splice(list.indexOf(slot), 1);
      if (list.length === 0) this.edgeFacilities.delete(removed.edge);
    }
    const graph = this.cells.network.graph;
    const { dist, source } = this.ws;
    this.ws.beginRun();
    const region: number[] = [];
    for (let n = 0; n < graph.nodeCount; n++) {
      if (source[n] !== slot) continue;
      region.push(n);
      dist[n] = Infinity;
      source[n] = -1;
      this.ws.touch(n);
    }
    const { adjOffsets, adjNodes, adjEdges, edgeCostM } = graph;
    for (const n of region) {
      for (let a = adjOffsets[n]; a < adjOffsets[n + 1]; a++) {
        const w = adjNodes[a];
        if (source[w] < 0) continue;
        const cost = dist[w] + edgeCostM[adjEdges[a]];
        if (cost <= this.horizonM) this.ws.offer(n, cost, source[w]);
      }
    }
    for (let s = 0; s < this.slots.length; s++) this.seed(s);
    runDijkstra(graph, this.ws, this.horizonM);
    this.refreshCells(removed.edge);
  }

  /** Moves one facility (remove + add under the same id). */
  moveFacility(id: string, lon: number, lat: number): void {
    const slot = this.slotOf(id);
    checkFacility({ id, lon, lat }, slot);
    this.removeFacility(id);
    this.addFacility({ id, lon, lat });
  }

  figures(): NetworkCoverageFigures {
    return this.accumulator.snapshot(this.totals, this.offNetwork, this.noPath(), this.slotOfId.size);
  }

  /** Where each active facility joined the network (edge -1: off the network). */
  facilitySnaps(): FacilitySnap[] {
    return this.slots.filter((s): s is FacilitySnap => s !== null).map((s) => ({ ...s }));
  }

  /** Ids of the active facilities farther than the snap distance from every walkable edge (they reach nobody). */
  facilitiesOffNetwork(): string[] {
    return this.slots.filter((s): s is FacilitySnap => s !== null && s.edge < 0).map((s) => s.id);
  }

  /** Snapped cells on connected parts of the network that hold no active facility: no path at any length. */
  private noPath(): PeopleFigures {
    let cells = 0, population = 0, elderly = 0;
    for (let k = 0; k < this.componentFacilities.length; k++) {
      if (this.componentFacilities[k] > 0) continue;
      cells += this.componentCells[k];
      population += this.componentPopulation[k];
      elderly += this.componentElderly[k];
    }
    return { cells, population, elderly };
  }

  private componentOfEdge(edge: number): number {
    const graph = this.cells.network.graph;
    return graph.nodeComponent[graph.edgeFrom[edge]];
  }

  facilityIdOfSlot(slot: number): string | null {
    return this.slots[slot]?.id ?? null;
  }

  /** Active facilities on an edge, as snaps (for isochrones). */
  facilitiesOnEdge(edge: number): FacilitySnap[] {
    return (this.edgeFacilities.get(edge) ?? []).map((s) => this.slots[s]!);
  }

  private slotOf(id: string): number {
    const slot = this.slotOfId.get(id);
    if (slot === undefined) throw new InputError(`no facility with id "${id}"`, { field: 'id' });
    return slot;
  }

  private snapFacility(f: FacilityInput): FacilitySnap {
    const snap = snapPoints(this.cells.network.index, [f.lon], [f.lat], this.facilitySnapM);
    return { id: f.id, lon: f.lon, lat: f.lat, edge: snap.edge[0], alongM: snap.alongM[0], offM: snap.offM[0] };
  }

  private registerSlot(snap: FacilitySnap): number {
    let slot = this.slots.indexOf(null);
    if (slot < 0) slot = this.slots.length;
    this.slots[slot] = snap;
    this.slotOfId.set(snap.id, slot);
    if (snap.edge >= 0) {
      this.componentFacilities[this.componentOfEdge(snap.edge)]++;
      const list = this.edgeFacilities.get(snap.edge);
      if (list) list.push(slot);
      else this.edgeFacilities.set(snap.edge, [slot]);
    }
    return slot;
  }

  /** Offers a facility's two seeds: the ends of its edge, at its off-network leg plus the walk along the edge. */
  private seed(slot: number): void {
    const snap = this.slots[slot];
    if (!snap || snap.edge < 0) return;
    const graph = this.cells.network.graph;
    const e = snap.edge;
    const factor = graph.edgeCostFactor[e];
    const toFrom = snap.offM + snap.alongM * factor;
    const toTo = snap.offM + (graph.edgeLengthM[e] - snap.alongM) * factor;
    if (toFrom <= this.horizonM) this.ws.offer(graph.edgeFrom[e], toFrom, slot);
    if (toTo <= this.horizonM) this.ws.offer(graph.edgeTo[e], toTo, slot);
  }

  /** Recomputes the cells on edges next to the nodes changed in this run, and on `extraEdge`. */
  private refreshCells(extraEdge: number): void {
    this.cellStampValue = (this.cellStampValue + 1) >>> 0;
    if (this.cellStampValue === 0) {
      this.cellStamp.fill(0);
      this.cellStampValue = 1;
    }
    const { adjOffsets, adjEdges } = this.cells.network.graph;
    const { touched, touchedCount } = this.ws;
    for (let k = 0; k < touchedCount; k++) {
      const n = touched[k];
      for (let a = adjOffsets[n]; a < adjOffsets[n + 1]; a++) this.refreshEdge(adjEdges[a]);
    }
    if (extraEdge >= 0) this.refreshEdge(extraEdge);
  }

  private refreshEdge(edge: number): void {
    const { start, items } = this.cells.byEdge;
    const mark = this.cellStampValue;
    for (let k = start[edge]; k < start[edge + 1]; k++) {
      const c = items[k];
      if (this.cellStamp[c] === mark) continue;
      this.cellStamp[c] = mark;
      const oldCost = this.cellHorizonCostM[c];
      this.computeCell(c);
      const newCost = this.cellHorizonCostM[c];
      if (newCost !== oldCost) {
        this.accumulator.apply(c, oldCost, -1);
        this.accumulator.apply(c, newCost, 1);
      }
    }
  }

  /** A cell's cost: best of its edge's ends and of facilities on the same edge, plus its off-network leg. */
  private computeCell(c: number): void {
    const { snaps } = this.cells;
    const e = snaps.edge[c];
    if (e < 0) {
      this.cellCostM[c] = Infinity;
      this.cellHorizonCostM[c] = Infinity;
      this.cellSource[c] = -1;
      return;
    }
    const graph = this.cells.network.graph;
    const { dist, source } = this.ws;
    const factor = graph.edgeCostFactor[e];
    const along = snaps.alongM[c];
    const u = graph.edgeFrom[e];
    const v = graph.edgeTo[e];
    let best = dist[u] + along * factor;
    let bestSource = source[u];
    const viaTo = dist[v] + (graph.edgeLengthM[e] - along) * factor;
    if (viaTo < best) {
      best = viaTo;
      bestSource = source[v];
    }
    const direct = this.edgeFacilities.get(e);
    if (direct) {
      for (const slot of direct) {
        const f = this.slots[slot]!;
        const cost = f.offM + Math.abs(f.alongM - along) * factor;
        if (cost < best) {
          best = cost;
          bestSource = slot;
        }
      }
    }
    best += snaps.offM[c];
    this.cellHorizonCostM[c] = best <= this.horizonM ? best : Infinity;
    if (best <= this.cutoffM) {
      this.cellCostM[c] = best;
      this.cellSource[c] = bestSource;
    } else {
      this.cellCostM[c] = Infinity;
      this.cellSource[c] = -1;
    }
  }
}
