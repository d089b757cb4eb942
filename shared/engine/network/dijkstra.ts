/**
 * Multi-source Dijkstra on the walking graph, cut off at a maximum cost. The workspace keeps, for
 * every node, its cost (level-walking metres) from the nearest source and which source that is, and
 * remembers which nodes a run changed, so that later runs can start from the current state (adding a
 * facility only improves costs) and results can be reset sparsely.
 */
import { MinHeap } from './min_heap';
import type { WalkGraph } from './walk_graph';

/**
 * @example
 *   const ws = new DijkstraWorkspace(graph.nodeCount);
 *   ws.offer(node, 0, 0); runDijkstra(graph, ws, 900);
 *   ws.touched.subarray(0, ws.touchedCount) // nodes reached
 */
export class DijkstraWorkspace {
  /** Cost from the nearest source, level-walking metres; Infinity when not reached within the cutoff. */
  readonly dist: Float64Array;
  /** Source (facility slot) giving `dist`; -1 when not reached. */
  readonly source: Int32Array;
  readonly heap: MinHeap;
  /** Nodes whose cost changed in the current run: touched[0 .. touchedCount). */
  touched: Int32Array;
  touchedCount = 0;
  private readonly touchStamp: Uint32Array;
  private stampValue = 0;

  constructor(readonly nodeCount: number) {
    this.dist = new Float64Array(nodeCount).fill(Infinity);
    this.source = new Int32Array(nodeCount).fill(-1);
    this.heap = new MinHeap(1024);
    this.touched = new Int32Array(1024);
    this.touchStamp = new Uint32Array(nodeCount);
  }

  /** Forgets every cost. */
  resetAll(): void {
    this.dist.fill(Infinity);
    this.source.fill(-1);
    this.heap.clear();
    this.beginRun();
  }

  /** Forgets the costs set since the last beginRun (O(touched)). */
  resetTouched(): void {
    for (let k = 0; k < this.touchedCount; k++) {
      const n = this.touched[k];
      this.dist[n] = Infinity;
      this.source[n] = -1;
    }
    this.heap.clear();
    this.beginRun();
  }

  /** Starts recording a new set of touched nodes. */
  beginRun(): void {
    this.touchedCount = 0;
    this.stampValue = (this.stampValue + 1) >>> 0;
    if (this.stampValue === 0) {
      this.touchStamp.fill(0);
      this.stampValue = 1;
    }
  }

  /** Sets the node's cost if `cost` improves it, and queues the node. Returns whether it improved. */
  offer(node: number, cost: number, source: number): boolean {
    if (!(cost < this.dist[node])) return false;
    this.dist[node] = cost;
    this.source[node] = source;
    this.heap.push(node, cost);
    this.touch(node);
    return true;
  }

  /** Records a node as changed in this run. */
  touch(node: number): void {
    if (this.touchStamp[node] === this.stampValue) return;
    this.touchStamp[node] = this.stampValue;
    if (this.touchedCount === this.touched.length) {
      const grown = new Int32Array(this.touched.length * 2);
      grown.set(this.touched);
      this.touched = grown;
    }
    this.touched[this.touchedCount++] = node;
  }
}

/**
 * Settles queued nodes in cost order up to cutoffM; relaxations only ever lower a node's cost, so the
 * same routine serves a fresh multi-source pass and an incremental pass from the current state.
 * @example
 *   ws.resetAll(); ws.offer(node, 0, 0); runDijkstra(graph, ws, 900);
 *   ws.dist[other] // level-walking metres from `node`, or Infinity beyond 900 m
 */
export function runDijkstra(graph: WalkGraph, ws: DijkstraWorkspace, cutoffM: number): void {
  const { adjOffsets, adjNodes, adjEdges, edgeCostM } = graph;
  const { dist, source, heap } = ws;
  while (heap.length > 0) {
    const cost = heap.peekKey();
    if (cost > cutoffM) break;
    const node = heap.pop();
    if (cost > dist[node]) continue; // stale entry
    const src = source[node];
    for (let a = adjOffsets[node], end = adjOffsets[node + 1]; a < end; a++) {
      const next = adjNodes[a];
      const nextCost = cost + edgeCostM[adjEdges[a]];
      if (nextCost <= cutoffM && nextCost < dist[next]) {
        dist[next] = nextCost;
        source[next] = src;
        heap.push(next, nextCost);
        ws.touch(next);
      }
    }
  }
  heap.clear();
}
