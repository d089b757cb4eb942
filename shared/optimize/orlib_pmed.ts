/**
 * OR-Library p-median instances (Beasley 1985, pmed1..pmed40): a graph `n m p` followed by m lines
 * `i j c` (undirected edge, 1-based vertices, integer cost). When an edge appears more than once
 * the LAST occurrence wins (Beasley's convention, not the minimum). Costs between vertices are the
 * all-pairs shortest paths; every vertex is a demand point with weight 1 and a candidate site.
 */
import { InputError } from '../errors';

export interface OrlibPmedInstance {
  vertexCount: number;
  edgeCount: number;
  /** Number of medians to open. */
  p: number;
  /** Row-major n × n shortest-path costs (Infinity between disconnected vertices). */
  costs: Float64Array;
}

/**
 * Parses an OR-Library pmed file and computes the shortest-path matrix (n × Dijkstra).
 * @example
 *   const inst = parseOrlibPmed('3 2 1\n1 2 5\n2 3 4\n', 'tiny.txt');
 *   inst.costs[0 * 3 + 2] // 9 (1 → 2 → 3)
 */
export function parseOrlibPmed(text: string, file: string): OrlibPmedInstance {
  const lines = text.split(/\r?\n/);
  let lineNo = 0;
  const nextNumbers = (): { numbers: number[]; line: number } | null => {
    while (lineNo < lines.length) {
      const line = lines[lineNo++].trim();
      if (line === '') continue;
      return { numbers: line.split(/\s+/).map(Number), line: lineNo };
    }
    return null;
  };
  const head = nextNumbers();
  if (!head || head.numbers.length < 3 || !head.numbers.slice(0, 3).every((v) => Number.isInteger(v) && v >= 0)) {
    throw new InputError('first line must be "n m p" (three non-negative integers)', { file, row: 1 });
  }
  const [n, m, p] = head.numbers;
  if (n < 1 || p < 1 || p > n) throw new InputError(`need n ≥ 1 and 1 ≤ p ≤ n, got n = ${n}, p = ${p}`, { file, row: 1 });
  // Last occurrence wins: key the edge by its unordered vertex pair.
  const edges = new Map<number, number>();
  for (let e = 0; e < m; e++) {
    const rec = nextNumbers();
    if (!rec) throw new InputError(`expected ${m} edges, found ${e}`, { file, row: lineNo });
    const [i, j, c] = rec.numbers;
    if (rec.numbers.length < 3 || !Number.isInteger(i) || !Number.isInteger(j) || i < 1 || j < 1 || i > n || j > n) {
      throw new InputError(`edge must be "i j cost" with vertices in 1..${n}`, { file, row: rec.line });
    }
    if (!(c >= 0) || !Number.isFinite(c)) throw new InputError(`edge cost must be ≥ 0, got ${c}`, { file, row: rec.line });
    if (i === j) continue;
    const a = Math.min(i, j) - 1;
    const b = Math.max(i, j) - 1;
    edges.set(a * n + b, c);
  }
  return { vertexCount: n, edgeCount: m, p, costs: allPairsShortestPaths(n, edges) };
}

/** n × Dijkstra with a binary heap on a CSR adjacency built from the undirected edge map. */
function allPairsShortestPaths(n: number, edges: Map<number, number>): Float64Array {
  const degree = new Int32Array(n + 1);
  for (const key of edges.keys()) {
    degree[Math.floor(key / n) + 1]++;
    degree[(key % n) + 1]++;
  }
  for (let v = 0; v < n; v++) degree[v + 1] += degree[v];
  const target = new Int32Array(degree[n]);
  const weight = new Float64Array(degree[n]);
  const fill = degree.slice(0, n);
  for (const [key, c] of edges) {
    const a = Math.floor(key / n);
    const b = key % n;
    target[fill[a]] = b;
    weight[fill[a]++] = c;
    target[fill[b]] = a;
    weight[fill[b]++] = c;
  }
  const costs = new Float64Array(n * n).fill(Infinity);
  const heapNode = new Int32Array(target.length + n);
  const heapKey = new Float64Array(target.length + n);
  for (let s = 0; s < n; s++) {
    const dist = costs.subarray(s * n, (s + 1) * n);
    dist[s] = 0;
    let size = 0;
    const push = (v: number, d: number) => {
      let k = size++;
      while (k > 0) {
        const parent = (k - 1) >> 1;
        if (heapKey[parent] <= d) break;
        heapNode[k] = heapNode[parent];
        heapKey[k] = heapKey[parent];
        k = parent;
      }
      heapNode[k] = v;
      heapKey[k] = d;
    };
    push(s, 0);
    while (size > 0) {
      const v = heapNode[0];
      const d = heapKey[0];
      size--;
      const lastNode = heapNode[size];
      const lastKey = heapKey[size];
      let k = 0;
      for (;;) {
        let child = 2 * k + 1;
        if (child >= size) break;
        if (child + 1 < size && heapKey[child + 1] < heapKey[child]) child++;
        if (heapKey[child] >= lastKey) break;
        heapNode[k] = heapNode[child];
        heapKey[k] = heapKey[child];
        k = child;
      }
      heapNode[k] = lastNode;
      heapKey[k] = lastKey;
      if (d > dist[v]) continue;
      for (let e = degree[v]; e < degree[v + 1]; e++) {
        const u = target[e];
        const nd = d + weight[e];
        if (nd < dist[u]) {
          dist[u] = nd;
          push(u, nd);
        }
      }
    }
  }
  return costs;
}
