/**
 * The project snapshot (`project:snapshot:get`, shared/snapshot/snapshot_codec.ts) over the real
 * handlers on the Wuhan core sample with the Gothenburg OSM ways imported as roads: the decoded grid
 * and roads equal what the store reads; each part's version moves only with its own layer; both hosts
 * send the same bytes (IPC's dispatch and the HTTP host's octet-stream body); the renderer's client
 * fetches the grid once and then hears "unchanged"; malformed buffers are refused with a reason.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type Api, type Channel, type Handlers } from '../../shared/ipc/contract';
import { decodeSnapshot, encodeSnapshot, roadInputs, snapshotRoads, SnapshotFormatError, type SnapshotGrid, type SnapshotRoads } from '../../shared/snapshot/snapshot_codec';
import type { Proposal } from '../../shared/schemas/entities';
import { dispatch } from '../../electron/ipc/dispatch';
import { startHttpHost, type HttpHost } from '../../electron/host/http_host';
import type { ProjectSession } from '../../electron/services/project_session';
import { ProjectStore } from '../../electron/services/store/project_store';
import { SnapshotClient } from '../../renderer/analysis/snapshot_client';
import { SAMPLE_DIR } from '../helpers/paths';
import { testData } from '../helpers/test_data';
import { call, testHost } from '../helpers/host_handlers';

const ROADS = testData('gothenburg_osm/gothenburg_ways.geojson');
const SAMPLE_CELLS = 24_470;

type Request = { parts: ('grid' | 'roads')[]; have?: { grid?: string; roads?: string } };

let host: { dir: string; session: ProjectSession; handlers: Handlers };
let path: string;
const snapshot = async (request: Request) => call(host.handlers, 'project:snapshot:get', request);
const versions = async () => {
  const { grid, roads } = decodeSnapshot(await snapshot({ parts: ['grid', 'roads'] }));
  return { grid: grid!.version, roads: roads!.version };
};

beforeAll(async () => {
  host = testHost();
  path = join(host.dir, 'w.gpkg');
  await call(host.handlers, 'project:create', { path, sample: 'wuhan-core' });
  await call(host.handlers, 'layer:import', { layer: 'roads', file: { path: ROADS }, options: {} });
}, 120_000);
afterAll(() => host.session.close());

describe('the snapshot carries what the store reads', () => {
  it('the grid: every cell of the Wuhan core sample, its fid, position, counts and the cell size', async () => {
    const decoded = decodeSnapshot(await snapshot({ parts: ['grid'] }));
    expect(Object.keys(decoded)).toEqual(['grid']);
    const grid = decoded.grid!.data!;
    const stored = host.session.store.loadDemandGrid();
    expect(grid.count).toBe(SAMPLE_CELLS);
    expect(stored.count).toBe(SAMPLE_CELLS);
    expect(grid.fid).toEqual(stored.fid);
    expect(grid.lon).toEqual(stored.lon);
    expect(grid.lat).toEqual(stored.lat);
    expect(grid.population).toEqual(stored.population);
    expect(grid.elderly).toEqual(stored.elderly);
    expect([grid.hasPopulation, grid.hasElderly]).toEqual([stored.hasPopulation, stored.hasElderly]);
    expect(grid.cellSize).toEqual(host.session.store.populationCellSize());
    expect(grid.cellSize!.cellWidthDeg).toBeCloseTo(1 / 1200, 8);
    // 4 bytes of fid and 4 × 8 of the rest per cell, the cell size, and a header under 200 bytes.
    expect(grid.count * 36 + 16).toBeLessThan((await snapshot({ parts: ['grid'] })).byteLength);
    expect((await snapshot({ parts: ['grid'] })).byteLength).toBeLessThan(grid.count * 36 + 16 + 200);
  });

  it('the roads: every Gothenburg way with its id, highway class, tags and points, as the walking network reads them', async () => {
    const decoded = decodeSnapshot(await snapshot({ parts: ['roads'] }));
    const roads = decoded.roads!.data!;
    const stored = host.session.store.roadsForNetwork();
    expect(roads.count).toBe(stored.length);
    expect(stored.length).toBeGreaterThan(10_000);
    const back = roadInputs(roads);
    expect(back).toEqual(stored.map((road) => ({ ...road, geometry: { type: 'LineString', coordinates: road.geometry.coordinates.map((p) => [p[0], p[1]]) } })));
    expect(back.some((road) => road.highway === null)).toBe(stored.some((road) => road.highway === null));
  });

  it('a part the caller holds at the current version comes back unchanged, without data', async () => {
    const current = await versions();
    const bytes = await snapshot({ parts: ['grid', 'roads'], have: current });
    expect(bytes.byteLength).toBeLessThan(100);
    expect(decodeSnapshot(bytes)).toEqual({ grid: { version: current.grid, data: null }, roads: { version: current.roads, data: null } });
    const stale = decodeSnapshot(await snapshot({ parts: ['grid', 'roads'], have: { grid: current.grid, roads: 'someone-else' } }));
    expect(stale.grid!.data).toBeNull();
    expect(stale.roads!.data!.count).toBe(host.session.store.roadsForNetwork().length);
  });
});

describe('versions move with their own layer only', () => {
  const proposal = (scenarioId: string): Proposal => ({
    id: 'snapshot-test-1', scenarioId, name: 'Test proposal', kind: 'day_care', lon: 114.3, lat: 30.6,
    capacity: null, beds: null, nursingBeds: null, floorAreaM2: null, floorLevel: null, targetYear: null, note: null,
  });

  it('a proposal edit and a facilities import change neither; a roads import changes the roads; a population import the grid', async () => {
    const start = await versions();
    const scenario = await call(host.handlers, 'scenario:create', { name: 'snapshot test' });
    await call(host.handlers, 'proposals:add', { proposals: [proposal(scenario.id)] });
    await call(host.handlers, 'proposals:apply', { put: [{ ...proposal(scenario.id), lon: 114.31 }], delete: [] });
    await call(host.handlers, 'layer:import', { layer: 'facilities', file: { path: join(SAMPLE_DIR, 'illustrative_facilities.csv') }, options: {} });
    expect(await versions()).toEqual(start);

    await call(host.handlers, 'layer:import', { layer: 'roads', file: { path: ROADS }, options: { replace: true } });
    const afterRoads = await versions();
    expect(afterRoads.grid).toBe(start.grid);
    expect(afterRoads.roads).not.toBe(start.roads);

    await call(host.handlers, 'layer:import', { layer: 'population', file: { path: join(SAMPLE_DIR, 'wuhan_core_grid_100m.csv') }, options: { replace: true } });
    const afterPopulation = await versions();
    expect(afterPopulation.roads).toBe(afterRoads.roads);
    expect(afterPopulation.grid).not.toBe(afterRoads.grid);
  }, 120_000);

  it('a commit by another program gives both parts new versions (which rows it changed is not known)', async () => {
    const start = await versions();
    const other = ProjectStore.open(path);
    try {
      other.edits.createScenario('written by another program', null);
    } finally {
      other.close();
    }
    const after = await versions();
    expect(after.grid).not.toBe(start.grid);
    expect(after.roads).not.toBe(start.roads);
  });

  it('another project opened gives new versions, so a renderer never keeps the last project’s grid', async () => {
    const start = await versions();
    await call(host.handlers, 'project:open', { path });
    const after = await versions();
    expect(after.grid).not.toBe(start.grid);
    expect(after.roads).not.toBe(start.roads);
  });

  it('requests are checked: unknown parts, extra fields and versions that are not short printable text are refused', async () => {
    for (const bad of [{ parts: [] }, { parts: ['facilities'] }, { parts: ['grid'], have: { grid: 'a b' } }, { parts: ['grid'], have: { grid: 'x'.repeat(25) } }, { parts: ['grid'], extra: 1 }]) {
      const reply = await dispatch(host.handlers, 'project:snapshot:get', bad);
      expect(reply.ok, JSON.stringify(bad)).toBe(false);
      expect((reply as { error: { code: string } }).error.code).toBe('bad_input');
    }
  });
});

describe('both hosts send the same bytes', () => {
  let http: HttpHost;
  beforeAll(async () => {
    http = await startHttpHost({ handlers: host.handlers, staticDir: host.dir });
  });
  afterAll(() => http.close());

  const post = (body: unknown, token = http.token) =>
    fetch(`http://127.0.0.1:${http.port}/api/project:snapshot:get`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('IPC (dispatch: a Uint8Array) and HTTP (application/octet-stream) give the same buffer, full and unchanged', async () => {
    const current = await versions();
    for (const request of [{ parts: ['grid', 'roads'] }, { parts: ['roads'], have: { roads: current.roads } }] as Request[]) {
      const ipc = await dispatch(host.handlers, 'project:snapshot:get', request);
      expect(ipc.ok).toBe(true);
      const ipcBytes = contract['project:snapshot:get'].output.parse((ipc as { value: unknown }).value);
      const response = await post(request);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/octet-stream');
      const httpBytes = new Uint8Array(await response.arrayBuffer());
      expect(httpBytes.byteLength).toBe(ipcBytes.byteLength);
      expect(Buffer.from(httpBytes).equals(Buffer.from(ipcBytes))).toBe(true);
    }
  });

  it('over HTTP a bad request is a JSON bad_input reply and a wrong token is refused', async () => {
    const bad = await post({ parts: ['nope'] });
    expect(bad.headers.get('content-type')).toContain('application/json');
    expect(await bad.json()).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect((await post({ parts: ['grid'] }, 'wrong-token')).status).toBe(401);
  });
});

describe("the renderer's snapshot client", () => {
  /** The renderer's Api over the handlers in this process, with the bytes of each snapshot reply. */
  function recordingApi(sizes: number[]): Api {
    const channel = (name: Channel) => async (input: unknown) => {
      const reply = await dispatch(host.handlers, name, input);
      if (!reply.ok) throw new Error(reply.error.message);
      if (reply.value instanceof Uint8Array) sizes.push(reply.value.byteLength);
      return reply.value;
    };
    return Object.fromEntries((Object.keys(contract) as Channel[]).map((name) => [name, channel(name)])) as unknown as Api;
  }

  it('fetches the grid once, then hears "unchanged" and keeps the same arrays until the population layer changes', async () => {
    const sizes: number[] = [];
    const client = new SnapshotClient(recordingApi(sizes));
    const first = await client.grid();
    const [second, third] = await Promise.all([client.grid(), client.grid()]);
    expect(second).toBe(first);
    expect(third).toBe(first);
    expect(sizes[0]).toBeGreaterThan(SAMPLE_CELLS * 36);
    // Two calls at once: the second asks after the first, with the version it brought: both "unchanged".
    expect(sizes.slice(1)).toHaveLength(2);
    expect(Math.max(sizes[1], sizes[2])).toBeLessThan(100);
    await call(host.handlers, 'layer:import', { layer: 'population', file: { path: join(SAMPLE_DIR, 'wuhan_core_grid_100m.csv') }, options: { replace: true } });
    const fourth = await client.grid();
    expect(fourth.version).not.toBe(first.version);
    expect(fourth.grid.elderly).toEqual(first.grid.elderly);
    expect(sizes[3]).toBeGreaterThan(SAMPLE_CELLS * 36);
  }, 60_000);

  it('roads for a worker: the whole layer in a buffer of its own when it holds none, unchanged when it holds the current version', async () => {
    const sizes: number[] = [];
    const client = new SnapshotClient(recordingApi(sizes));
    const sent = await client.roads(null);
    const buffers = new Set(Object.values(sent.data!).filter((value) => typeof value === 'object').map((array) => (array as Uint8Array).buffer));
    expect(buffers.size).toBe(1);
    expect([...buffers][0].byteLength).toBe(sizes[0]);
    expect(await client.roads(sent.version)).toEqual({ version: sent.version, data: null });
  });
});

describe('malformed buffers are refused with a reason', () => {
  let bytes: Uint8Array;
  let grid: SnapshotGrid;
  let roads: SnapshotRoads;
  beforeAll(async () => {
    const decoded = decodeSnapshot(await snapshot({ parts: ['grid'] }));
    grid = decoded.grid!.data!;
    roads = snapshotRoads(host.session.store.roadsForNetwork().slice(0, 200));
    bytes = encodeSnapshot({ grid: { version: 'g-1', data: grid }, roads: { version: 'r-1', data: roads } });
  });

  const edited = (edit: (view: DataView, copy: Uint8Array) => void) => {
    const copy = bytes.slice();
    edit(new DataView(copy.buffer), copy);
    return copy;
  };
  /** Byte offset of array `a` of part `p` (part entries are 40 bytes after the 12-byte header; array entries 12). */
  const arrayEntry = (view: DataView, p: number, a: number) => view.getUint32(12 + 40 * p + 12, true) + 12 * a;
  const refuses = (buffer: Uint8Array, reason: RegExp) => {
    expect(() => decodeSnapshot(buffer)).toThrow(SnapshotFormatError);
    expect(() => decodeSnapshot(buffer)).toThrow(reason);
  };

  it('decodes the intact buffer (the reference for the edits below)', () => {
    const decoded = decodeSnapshot(bytes);
    expect(decoded.grid!.data!.elderly).toEqual(grid.elderly);
    expect(roadInputs(decoded.roads!.data!)).toEqual(roadInputs(roads));
  });

  it('cut short, padded, or not a snapshot at all', () => {
    refuses(bytes.slice(0, 5), /shorter than the 12-byte header/);
    refuses(bytes.slice(0, bytes.length - 8), /the header says \d+ bytes, the buffer has \d+/);
    const padded = new Uint8Array(bytes.length + 8);
    padded.set(bytes);
    refuses(padded, /cut short or padded/);
    refuses(edited((_, copy) => copy.set([0x50, 0x4b, 0x03, 0x04], 0)), /does not start with "SNAP"/);
    refuses(edited((view) => view.setUint16(4, 2, true)), /format 2, this app reads format 1/);
    refuses(edited((view) => view.setUint16(6, 60_000, true)), /table of 60000 parts does not fit/);
  });

  it('a part table out of place: unknown kind, a part twice, a bad version, unchanged with arrays, an array table outside', () => {
    refuses(edited((view) => view.setUint16(12, 9, true)), /part 0 has the unknown kind 9/);
    refuses(edited((view) => view.setUint16(12 + 40, 1, true)), /the grid part appears twice/);
    refuses(edited((_, copy) => (copy[12 + 16] = 0x07)), /grid part's version is not 1–24 printable ASCII/);
    refuses(edited((view) => view.setUint32(12 + 4, 1, true)), /grid part is marked unchanged but has 6 arrays/);
    refuses(edited((view) => view.setUint16(12 + 2, 5, true)), /grid part has 5 arrays, expected 6/);
    refuses(edited((view) => view.setUint32(12 + 12, bytes.length - 4, true)), /array table lies outside the buffer/);
  });

  it('arrays out of place: wrong element type, past the end, misaligned, not one per cell', () => {
    refuses(edited((view) => view.setUint32(arrayEntry(view, 0, 1), 1, true)), /grid\.lon has element type 1, expected 3 \(Float64Array\)/);
    refuses(edited((view) => view.setUint32(arrayEntry(view, 0, 4) + 4, 2 ** 28, true)), /grid\.elderly .* runs past the end/);
    refuses(edited((view) => view.setUint32(arrayEntry(view, 0, 2) + 8, view.getUint32(arrayEntry(view, 0, 2) + 8, true) + 4, true)), /grid\.lat starts at byte \d+, not a multiple of 8/);
    refuses(edited((view) => view.setUint32(12 + 8, SAMPLE_CELLS + 1, true)), /grid\.fid \(24471 cells\) has 24470 entries, expected 24471/);
    const offset = new Uint8Array(bytes.length + 4);
    offset.set(bytes, 4);
    refuses(offset.subarray(4), /starts at byte 4 of its ArrayBuffer/);
  });

  it('roads whose offsets or string indices do not hold together', () => {
    const pointStartAt = (view: DataView) => view.getUint32(arrayEntry(view, 1, 0) + 8, true);
    refuses(edited((view) => view.setUint32(pointStartAt(view) + 4 * 5, 0, true)), /roads\.pointStart decreases at entry 5/);
    refuses(edited((view) => view.setUint32(pointStartAt(view), 1, true)), /roads\.pointStart starts at 1, not 0/);
    const idAt = (view: DataView) => view.getUint32(arrayEntry(view, 1, 2) + 8, true);
    refuses(edited((view) => view.setUint32(idAt(view) + 4 * 3, 4_000_000, true)), /roads\.id of way 3 is string 4000000 of \d+/);
    const highwayAt = (view: DataView) => view.getUint32(arrayEntry(view, 1, 3) + 8, true);
    refuses(edited((view) => view.setInt32(highwayAt(view), -2, true)), /roads\.highway of way 0 is string -2/);
  });
});
