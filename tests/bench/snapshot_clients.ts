/**
 * The client's side of snapshot.bench.ts: one request and what the renderer does until typed arrays
 * are ready, for the binary snapshot and for the base64/JSON path it replaced (its reply schema and
 * atob decoder are kept here only, as the reference). Plain fetch and typed arrays, so the same code
 * runs in node and, bundled, in Chromium.
 */
import * as z from 'zod';
import { decodeSnapshot, type Snapshot } from '../../shared/snapshot/snapshot_codec';

const Base64Array = z.string();
const OldGrid = z.object({
  count: z.number().int().nonnegative(),
  fid: Base64Array, lon: Base64Array, lat: Base64Array, population: Base64Array, elderly: Base64Array,
  hasPopulation: z.boolean(), hasElderly: z.boolean(),
});
const OldRoads = z.array(z.object({ id: z.string(), highway: z.string().nullable(), tags: z.record(z.string(), z.string()), geometry: z.object({ type: z.literal('LineString'), coordinates: z.array(z.array(z.number())) }) }));
export const OldReply = z.object({ ok: z.literal(true), value: z.object({ grid: OldGrid.optional(), roads: OldRoads.optional() }) });

/** The renderer's old decoder (decode_inputs.ts before issue 11): atob, one char per byte, a fresh buffer per array. */
function oldDecode(text: string, size: 4 | 8, count: number): Int32Array | Float64Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  if (bytes.length !== count * size) throw new Error(`${bytes.length} bytes for ${count} × ${size}`);
  return size === 4 ? new Int32Array(bytes.buffer) : new Float64Array(bytes.buffer);
}

export interface Fetched {
  bytes: number;
  ms: number;
}

/** The old reply of `part` from the reference server: JSON text, zod, then (grid) atob into typed arrays. */
export async function fetchOld(url: string, part: 'grid' | 'roads'): Promise<Fetched> {
  const started = performance.now();
  const response = await fetch(`${url}?part=${part}`, { method: 'POST', body: '{}' });
  const text = await response.text();
  const { grid } = OldReply.parse(JSON.parse(text)).value;
  if (grid) for (const [text, size] of [[grid.fid, 4], [grid.lon, 8], [grid.lat, 8], [grid.population, 8], [grid.elderly, 8]] as const) oldDecode(text, size, grid.count);
  const ms = performance.now() - started;
  return { bytes: new TextEncoder().encode(text).byteLength, ms };
}

/** The snapshot from the host (project:snapshot:get with the session token), decoded in place. */
export async function fetchSnapshot(origin: string, token: string, request: object): Promise<Fetched & { snapshot: Snapshot }> {
  const started = performance.now();
  const response = await fetch(`${origin}/api/project:snapshot:get`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(request),
  });
  if (response.headers.get('Content-Type') !== 'application/octet-stream') throw new Error(`HTTP ${response.status}: ${await response.text()}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const snapshot = decodeSnapshot(z.instanceof(Uint8Array).parse(bytes));
  return { bytes: bytes.byteLength, ms: performance.now() - started, snapshot };
}

/** Medians of `runs` calls after one warm-up. */
export async function medianOf(runs: number, fn: () => Promise<Fetched>): Promise<Fetched> {
  await fn();
  const results: Fetched[] = [];
  for (let i = 0; i < runs; i++) results.push(await fn());
  const ms = results.map((r) => r.ms).sort((a, b) => a - b);
  return { bytes: results[0].bytes, ms: ms.length % 2 ? ms[ms.length >> 1] : (ms[ms.length / 2 - 1] + ms[ms.length / 2]) / 2 };
}

export interface ClientRuns {
  oldGrid: Fetched;
  newGrid: Fetched;
  unchangedGrid: Fetched;
  oldRoads: Fetched;
  newRoads: Fetched;
  unchangedRoads: Fetched;
}

/** Every path, `runs` times each: the old reference server at oldUrl, the host at origin. */
export async function clientRuns(origin: string, token: string, oldUrl: string, have: { grid: string; roads: string }, runs: number): Promise<ClientRuns> {
  const snapshot = async (request: object) => {
    const { bytes, ms } = await fetchSnapshot(origin, token, request);
    return { bytes, ms };
  };
  return {
    oldGrid: await medianOf(runs, () => fetchOld(oldUrl, 'grid')),
    newGrid: await medianOf(runs, () => snapshot({ parts: ['grid'] })),
    unchangedGrid: await medianOf(runs, () => snapshot({ parts: ['grid'], have: { grid: have.grid } })),
    oldRoads: await medianOf(runs, () => fetchOld(oldUrl, 'roads')),
    newRoads: await medianOf(runs, () => snapshot({ parts: ['roads'] })),
    unchangedRoads: await medianOf(runs, () => snapshot({ parts: ['roads'], have: { roads: have.roads } })),
  };
}
