/**
 * The browser worker builds optimiser requests from what the renderer receives (analysis:inputs:get,
 * the project snapshot's grid, the candidates layer) with its own copy of the CLI's problem builder (renderer/workers/siting/, the
 * renderer may not import electron/). This checks, without a browser, that both builders give the
 * same request — candidates, weights, coverage sets, costs, existing facilities' service — and the
 * same optimum, for every problem kind, both candidate sources, the floor filters and the spacing.
 * Data: the Wuhan sample, the four illustrative test facilities and six made-up candidate sites.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, repoRoot, test } from './fixtures';
import { sitingJson } from './analysis_helpers';
import { buildProjectProblem, type ProjectOptimizeSettings } from '../../electron/services/optimize/project_problem';
import { createHandlers } from '../../electron/services/api_handlers';
import { ProjectSession } from '../../electron/services/project_session';
import type { DemandGrid } from '../../shared/engine/demand_grid';
import { decodeSnapshot, type SnapshotGrid } from '../../shared/snapshot/snapshot_codec';
import { optimize } from '../../shared/optimize/optimize';
import type { OptimizeRequest } from '../../shared/optimize/optimize';
import type { ZoneGeometry } from '../../shared/optimize/point_in_zone';

/**
 * The renderer's modules, loaded at run time: tests/tsconfig.json references shared/ and electron/
 * only, so a static import of renderer/ would break `tsc -b`. The shapes used here are restated.
 */
interface WorkerModules {
  gridPayload(version: string, grid: SnapshotGrid): unknown;
  toDemandGrid(payload: unknown): DemandGrid;
  buildSitingProblem(
    grid: DemandGrid,
    existing: ReadonlyArray<{ id: string; lon: number; lat: number }>,
    boundaries: readonly ZoneGeometry[],
    settings: Record<string, unknown>,
    prepareNetwork: null,
  ): { request: OptimizeRequest; candidates: { ids: string[] }; notes: string[] };
}

async function workerModules(): Promise<WorkerModules> {
  const load = (path: string) => import(pathToFileURL(join(repoRoot, path)).href) as Promise<Record<string, unknown>>;
  const [inputs, build] = await Promise.all([
    load('renderer/workers/worker_inputs.ts'),
    load('renderer/workers/siting/build_problem.ts'),
  ]);
  return { gridPayload: inputs.gridPayload, toDemandGrid: inputs.toDemandGrid, buildSitingProblem: build.buildSitingProblem } as WorkerModules;
}

/** Made-up candidate sites at real Wuhan coordinates (test fixtures, marked illustrative on import). */
const CANDIDATES_CSV = [
  'id,name,lon,lat,floor_area_m2,floor_level',
  'c1,Test site 1,114.2600,30.6200,450,1',
  'c2,Test site 2,114.3400,30.5900,280,1',
  'c3,Test site 3,114.2800,30.6270,800,3',
  'c4,Test site 4,114.3000,30.5500,350,2',
  'c5,Test site 5,114.2200,30.5800,600,',
  'c6,Test site 6,114.3200,30.6100,1200,1',
].join('\n');

const FACILITIES_CSV = [
  'name,lon,lat,kind,illustrative',
  'Test day care A,114.2650,30.5870,day_care,1',
  'Test day care B,114.2950,30.5720,day_care,1',
  'Test day care C,114.3120,30.5480,day_care,1',
  'Test day care D,114.2380,30.6050,day_care,1',
].join('\n');

interface Case {
  name: string;
  cli: Partial<ProjectOptimizeSettings> & Pick<ProjectOptimizeSettings, 'problem'>;
}

const CASES: Case[] = [
  { name: 'max-coverage, grid 400 m, spacing 800 m', cli: { problem: 'max-coverage', k: 4, radiusM: 800, candidates: { source: 'grid', gridM: 400 }, minSpacingM: 800 } },
  { name: 'min-facilities 25 %, grid 500 m', cli: { problem: 'min-facilities', targetShare: 0.25, radiusM: 1000, candidates: { source: 'grid', gridM: 500 } } },
  { name: 'p-median k=2, layer ≥ 300 m², floor ≤ 2', cli: { problem: 'p-median', k: 2, candidates: { source: 'layer', minFloorAreaM2: 300, maxFloorLevel: 2 } } },
  { name: 'p-center k=2, grid 1000 m, radius 1000 m', cli: { problem: 'p-center', k: 2, radiusM: 1000, candidates: { source: 'grid', gridM: 1000 } } },
];

function arrays(request: OptimizeRequest): Record<string, unknown> {
  const r = request as unknown as Record<string, unknown>;
  const pick = (value: unknown) => (ArrayBuffer.isView(value) ? Array.from(value as Float64Array) : value);
  const out: Record<string, unknown> = {};
  for (const key of ['problem', 'candidateIds', 'weights', 'k', 'targetShare', 'baselineCovered', 'baselineCost', 'coverCost']) out[key] = pick(r[key]);
  for (const key of ['coverage', 'costs', 'conflicts']) {
    const value = r[key] as Record<string, unknown> | undefined;
    out[key] = value ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, pick(v)])) : undefined;
  }
  return out;
}

test('the worker builds the same optimiser requests as siting optimize', async ({ workDir }) => {
  test.setTimeout(300_000);
  const project = join(workDir, 'parity.gpkg');
  writeFileSync(join(workDir, 'candidates.csv'), CANDIDATES_CSV);
  writeFileSync(join(workDir, 'facilities.csv'), FACILITIES_CSV);
  await sitingJson(['new', project, '--sample', 'wuhan-core']);
  await sitingJson(['import', project, 'facilities', join(workDir, 'facilities.csv')]);
  await sitingJson(['import', project, 'candidates', join(workDir, 'candidates.csv'), '--illustrative']);

  const { gridPayload, toDemandGrid, buildSitingProblem } = await workerModules();
  const session = new ProjectSession();
  try {
    session.open(project);
    const handlers = createHandlers(session, { host: 'browser', version: 'test', dialogs: null });
    // What the renderer receives (through the same handler the hosts serve) and turns into worker input.
    const inputs = await handlers['analysis:inputs:get']({ kinds: ['day_care', 'community_station'], boundaries: true });
    const snapshot = decodeSnapshot(await handlers['project:snapshot:get']({ parts: ['grid'], have: {} })).grid!;
    const layer = await handlers['layer:features:list']({ layer: 'candidates' });
    const sites = layer.features.map((feature) => {
      const [lon, lat] = (feature.geometry as { coordinates: number[] }).coordinates;
      const p = feature.properties;
      const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);
      return { id: String(p.id), name: String(p.name), lon, lat, floorAreaM2: num(p.floor_area_m2), floorLevel: num(p.floor_level) };
    });
    expect(sites).toHaveLength(6);
    const existing = inputs.facilities.map(({ id, name, lon, lat, capacity }) => ({ id, name, lon, lat, capacity }));
    const boundaries = (inputs.boundaries ?? []).map((boundary) => boundary.geometry);
    expect(existing).toHaveLength(4);

    for (const { name, cli } of CASES) {
      const settings: ProjectOptimizeSettings = {
        capacitated: false,
        mode: 'circle',
        minutes: 15,
        speedMps: 1,
        maxSnapM: 300,
        kinds: ['day_care', 'community_station'],
        minSpacingM: 0,
        uptakeRate: 0.03,
        ...cli,
        candidates: cli.candidates ?? { source: 'grid' },
      };
      const built = buildProjectProblem(session.store, settings);
      const source = settings.candidates.source ?? 'grid';
      // The settings the Suggest sites panel sends (renderer/workers/siting/build_problem.ts SitingSettings).
      const worker = {
        problem: settings.problem,
        k: settings.k,
        targetShare: settings.targetShare,
        mode: 'circle',
        radiusM: settings.radiusM,
        minutes: 15,
        speedMps: 1,
        maxSnapM: 300,
        minSpacingM: settings.minSpacingM,
        candidates:
          source === 'layer'
            ? { source: 'layer', sites, minFloorAreaM2: settings.candidates.minFloorAreaM2, maxFloorLevel: settings.candidates.maxFloorLevel }
            : { source: 'grid', gridM: settings.candidates.gridM ?? 250 },
      };
      const mine = buildSitingProblem(toDemandGrid(gridPayload(snapshot.version, snapshot.data!)), existing, boundaries, worker, null);
      expect(arrays(mine.request), name).toEqual(arrays(built.request));
      expect(mine.candidates.ids, name).toEqual(built.candidates.ids);
      expect(mine.notes, name).toEqual(built.notes);
      const [a, b] = await Promise.all([optimize(mine.request, { method: 'heuristic' }), optimize(built.request, { method: 'heuristic' })]);
      expect(a.selected, name).toEqual(b.selected);
      expect(a.objective, name).toBe(b.objective);
      console.log(`${name}: ${mine.candidates.ids.length} candidates, objective ${a.objective.toFixed(1)}, sites ${a.selected.join(' ')}`);
    }
  } finally {
    session.close();
  }
});
