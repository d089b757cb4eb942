/**
 * The project snapshot on the whole Wuhan 60+ grid (494,676 cells, wuhan_pop60plus_100m.tif) and the
 * Gothenburg OSM ways as roads, over the local HTTP host: bytes sent, host-side encoding, and the time
 * from the request to typed arrays ready in the client — in node (fetch) and in Chromium (Debian's,
 * through Playwright; skipped when it cannot start). The binary path (project:snapshot:get,
 * application/octet-stream, versioned) is measured in the same run against the path it replaced: the
 * grid as base64 of its typed arrays in JSON and the roads as JSON, checked by zod and decoded with
 * atob, served by a bare node:http server with the reply the host used to send (the old encoder is
 * kept here only, the old client steps in snapshot_clients.ts). Wall times are reported, never asserted.
 */
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { decodeSnapshot, roadInputs } from '../../shared/snapshot/snapshot_codec';
import { startHttpHost } from '../../electron/host/http_host';
import type { ProjectSession } from '../../electron/services/project_session';
import { snapshotPayload } from '../../electron/services/store/snapshot_payload';
import { gridPayload } from '../../renderer/workers/worker_inputs';
import { call, testHost } from '../helpers/host_handlers';
import { testData } from '../helpers/test_data';
import { median, printTable, timeRuns } from './bench_util';
import { clientRuns, type ClientRuns } from './snapshot_clients';

const RUNS = 5;

// ---- the replaced host side (api_handlers.ts 'analysis:inputs:get' before issue 11), as the reference ----

function oldGridJson(session: ProjectSession): object {
  const grid = session.demandGrid();
  const b64 = (array: ArrayBufferView) => Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
  return {
    count: grid.count, fid: b64(grid.fid!), lon: b64(grid.lon), lat: b64(grid.lat), population: b64(grid.population), elderly: b64(grid.elderly),
    hasPopulation: grid.hasPopulation, hasElderly: grid.hasElderly,
  };
}

function oldRoadsJson(session: ProjectSession): object[] {
  return session.store.roadsForNetwork().map((r) => ({ ...r, geometry: { type: 'LineString' as const, coordinates: r.geometry.coordinates.map((p) => [p[0], p[1]]) } }));
}

const oldReplyText = (session: ProjectSession, part: string | null) =>
  JSON.stringify({ ok: true, value: part === 'roads' ? { roads: oldRoadsJson(session) } : { grid: oldGridJson(session) } });

function oldServer(session: ProjectSession): Promise<Server> {
  const server = createServer((request, response) => {
    request.resume();
    const part = new URL(request.url ?? '/', 'http://x').searchParams.get('part');
    response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Access-Control-Allow-Origin': '*' });
    response.end(oldReplyText(session, part));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// ---- the client steps in Chromium: snapshot_clients.ts bundled into the page ----

/** The same runs in Chromium, or the reason they could not run. */
async function chromiumRuns(staticDir: string, origin: string, token: string, oldUrl: string, have: { grid: string; roads: string }): Promise<ClientRuns | string> {
  let browser;
  try {
    const { build } = await import('esbuild');
    const bundle = await build({ entryPoints: [join(import.meta.dirname, 'snapshot_clients.ts')], bundle: true, format: 'iife', globalName: 'clients', write: false, target: 'es2022' });
    const { chromium } = await import('@playwright/test');
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>snapshot bench</title>');
    const page = await (await browser.newContext({ bypassCSP: true })).newPage();
    await page.goto(`${origin}/`);
    await page.addScriptTag({ content: bundle.outputFiles[0].text });
    return await page.evaluate(
      (args) => (globalThis as unknown as { clients: { clientRuns: typeof clientRuns } }).clients.clientRuns(...args),
      [origin, token, oldUrl, have, RUNS] as Parameters<typeof clientRuns>,
    );
  } catch (error) {
    return `skipped: ${(error as Error).message.split('\n')[0]}`;
  } finally {
    await browser?.close();
  }
}

// ---- measurement ----

export default async function (): Promise<void> {
  const { dir, session, handlers } = testHost();
  await call(handlers, 'project:create', { path: join(dir, 'wuhan.gpkg') });
  await call(handlers, 'layer:import', { layer: 'population', file: { path: testData('wuhan/wuhan_pop60plus_100m.tif') }, options: {} });
  await call(handlers, 'layer:import', { layer: 'roads', file: { path: testData('gothenburg_osm/gothenburg_ways.geojson') }, options: {} });
  session.demandGrid(); // both paths take the grid from the session's cache
  const cells = session.demandGrid().count;
  const ways = session.store.roadsForNetwork().length;

  // Host side. The first snapshot of a version also reads the cell size / the roads; later ones reuse them.
  const [firstGridEncode] = await timeRuns(() => snapshotPayload(session, { parts: ['grid'], have: {} }), 1, false);
  const [firstRoadsEncode] = await timeRuns(() => snapshotPayload(session, { parts: ['roads'], have: {} }), 1, false);
  const host = {
    oldGrid: median(await timeRuns(() => oldReplyText(session, 'grid'), RUNS)),
    newGrid: median(await timeRuns(() => snapshotPayload(session, { parts: ['grid'], have: {} }), RUNS)),
    oldRoads: median(await timeRuns(() => oldReplyText(session, 'roads'), RUNS)),
    newRoads: median(await timeRuns(() => snapshotPayload(session, { parts: ['roads'], have: {} }), RUNS)),
  };
  const versions = decodeSnapshot(snapshotPayload(session, { parts: ['grid', 'roads'], have: {} }));
  const have = { grid: versions.grid!.version, roads: versions.roads!.version };
  const held = versions.grid!;
  const copyMs = median(await timeRuns(() => gridPayload(held.version, held.data!, false), RUNS));
  const toRoadInputsMs = median(await timeRuns(() => roadInputs(versions.roads!.data!), RUNS));

  const http = await startHttpHost({ handlers, staticDir: dir });
  const old = await oldServer(session);
  const origin = `http://127.0.0.1:${http.port}`;
  const oldUrl = `http://127.0.0.1:${(old.address() as AddressInfo).port}/`;
  const inNode = await clientRuns(origin, http.token, oldUrl, have, RUNS);
  const inChromium = await chromiumRuns(dir, origin, http.token, oldUrl, have);

  const rows: Record<string, string | number>[] = [];
  const add = (data: string, path: string, key: keyof ClientRuns, encode: string, note: string) => {
    const chromium = typeof inChromium === 'string' ? inChromium : inChromium[key].ms;
    rows.push({ data, path, 'bytes sent': inNode[key].bytes, MB: inNode[key].bytes / 1048576, 'host encode ms': encode, 'ready ms, node': inNode[key].ms, 'ready ms, Chromium': chromium, note });
  };
  const grid = `grid, ${cells} cells`;
  const roads = `roads, ${ways} ways`;
  add(grid, 'before: base64 in JSON', 'oldGrid', host.oldGrid.toFixed(1), '');
  add(grid, 'after: binary', 'newGrid', `${firstGridEncode.toFixed(1)} first, ${host.newGrid.toFixed(1)} later`, `+ ${copyMs.toFixed(1)} ms to copy for the worker, once per version it does not hold`);
  add(grid, 'after: "unchanged"', 'unchangedGrid', '–', 'every later run and map refresh');
  add(roads, 'before: JSON objects', 'oldRoads', host.oldRoads.toFixed(1), 'RoadInput[]; the old reply also held the whole grid');
  add(roads, 'after: binary', 'newRoads', `${firstRoadsEncode.toFixed(1)} first, ${host.newRoads.toFixed(1)} later`, `+ ${toRoadInputsMs.toFixed(1)} ms to RoadInput[], in the worker`);
  add(roads, 'after: "unchanged"', 'unchangedRoads', '–', 'the worker keeps its network');
  console.log('\nProject snapshot over the local HTTP host: request → typed arrays ready (median of 5), before (base64/JSON) → after (binary, versioned)');
  printTable(rows);

  await http.close();
  await new Promise<void>((resolve) => old.close(() => resolve()));
  session.close();
}
