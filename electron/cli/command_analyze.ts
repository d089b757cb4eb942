import { writeFileSync } from 'node:fs';
import { InputError } from '../../shared/errors';
import { runAccessibilityAnalysis, type AnalysisResult } from '../../shared/engine/analysis/accessibility_analysis';
import { FacilityKind } from '../../shared/schemas/entities';
import { DEFAULT_KINDS } from '../services/coverage_analysis';
import { listFlag, numberFlag, requirePositional } from './cli_args';
import type { CliValues, CommandOutput } from './main';
import { withProject } from './open_project';

const USAGE = 'siting analyze <project.gpkg> [--mode circle|network] [--radius-m 1000] [--minutes 5,10,15] [--speed-mps 1.0] [--capacity] [--gaps] [--by-area]';

/** Parses a comma list of positive numbers, naming the flag on error. */
function numberList(value: string | undefined, flag: string, max: number): number[] | undefined {
  const items = listFlag(value);
  if (!items) return undefined;
  if (items.length === 0) throw new InputError(`--${flag} needs at least one number`, { field: flag });
  return items.map((item) => numberFlag(item, flag, 0, (n) => n > 0 && n <= max, `a number in (0, ${max}]`));
}

export async function runAnalyze(positionals: string[], values: CliValues): Promise<CommandOutput> {
  const project = requirePositional(positionals, 0, 'project.gpkg', USAGE);
  const mode = values.mode ?? (values.minutes ? 'network' : 'circle');
  if (mode !== 'circle' && mode !== 'network') throw new InputError(`--mode must be circle or network, got "${mode}"`, { field: 'mode' });
  if (mode === 'circle' && values.minutes) throw new InputError('--minutes is for --mode network; circle mode takes --radius-m', { field: 'minutes' });
  if (mode === 'network' && values['radius-m']) throw new InputError('--radius-m is for circle mode; network mode takes --minutes and --speed-mps', { field: 'radius-m' });
  const radiiM = numberList(values['radius-m'], 'radius-m', 100_000) ?? [1000];
  const minutes = numberList(values.minutes, 'minutes', 240) ?? [15];
  const speedMps = numberFlag(values['speed-mps'], 'speed-mps', 1.0, (n) => n > 0 && n <= 10, 'a walking speed in m/s in (0, 10]');
  const maxSnapM = numberFlag(values['max-snap-m'], 'max-snap-m', 300, (n) => n > 0 && n <= 10_000, 'metres in (0, 10000]');
  const uptakeRate = numberFlag(values.uptake, 'uptake', 0.03, (n) => n >= 0 && n <= 1, 'a share in [0, 1], e.g. 0.03');
  const kinds = listFlag(values.kinds)?.map((k) => {
    const parsed = FacilityKind.safeParse(k);
    if (!parsed.success) throw new InputError(`unknown facility kind "${k}"; kinds: ${FacilityKind.options.join(', ')}`, { field: 'kinds' });
    return parsed.data;
  }) ?? DEFAULT_KINDS;

  const started = performance.now();
  const { result, loadMs } = await withProject(project, (store) => {
    const loading = performance.now();
    const grid = store.loadDemandGrid();
    const facilities = store.selectedFacilities(kinds, values.scenario);
    const roads = mode === 'network' ? store.roadsForNetwork() : undefined;
    const boundaries = values['by-area'] ? store.boundaryAreas() : undefined;
    const cellSize = values.gaps ? store.populationCellSize() : null;
    const loadMs = performance.now() - loading;
    const result = runAccessibilityAnalysis(
      { grid, facilities, roads, boundaries, cellSize },
      { mode, radiiM, minutes, speedMps, maxSnapM, capacity: values.capacity, uptakeRate, gaps: values.gaps, byArea: values['by-area'] },
    );
    return { result, loadMs };
  });
  if (values['gaps-out']) {
    if (!result.gaps) throw new InputError('--gaps-out needs --gaps', { field: 'gaps-out' });
    writeFileSync(values['gaps-out'], JSON.stringify(result.gaps.geojson));
  }
  const json = toJson(result, kinds, values.scenario ?? null, { loadMs: round(loadMs), ...result.timings, totalMs: round(performance.now() - started) });
  return { json, text: toText(result, kinds) };
}

/** The JSON document: the foundation's fields (for the largest threshold) plus the engine's results. */
function toJson(result: AnalysisResult, kinds: string[], scenario: string | null, timings: Record<string, number>) {
  const main = result.thresholds.reduce((a, b) => (b.limitM > a.limitM ? b : a));
  return {
    mode: result.mode,
    population: main.population,
    elderly: main.elderly,
    cells: main.cells,
    facilities: result.facilities,
    radiusM: main.radiusM,
    minutes: main.minutes,
    speedMps: result.speedMps,
    kinds,
    scenario,
    thresholds: result.thresholds,
    unreachable: result.unreachable,
    network: result.network,
    capacity: result.capacity,
    gaps: result.gaps ? { uncoveredCells: result.gaps.uncoveredCells, uncoveredElderly: result.gaps.uncoveredElderly, areas: result.gaps.areas } : null,
    areas: result.areas,
    timings,
  };
}

function toText(result: AnalysisResult, kinds: string[]): string {
  const pct = (r: number | null) => (r === null ? 'n/a' : `${(r * 100).toFixed(1)} %`);
  const lines = [`facilities counted: ${result.facilities} (${kinds.join(', ')}), mode ${result.mode}${result.speedMps ? `, ${result.speedMps} m/s` : ''}`];
  for (const t of result.thresholds) {
    const time = t.meanMinutes?.elderly != null ? `, mean ${t.meanMinutes.elderly.toFixed(1)} min, p90 ${t.p90Minutes?.elderly?.toFixed(1)} min` : '';
    lines.push(`${t.label.padEnd(8)} older people (60+) covered ${t.elderly.covered.toFixed(0)} of ${t.elderly.total.toFixed(0)} (${pct(t.elderly.ratio)}); cells ${t.cells.covered}/${t.cells.total}${time}`);
  }
  if (result.unreachable) lines.push(`unreachable: ${result.unreachable.cells} cells, ${result.unreachable.elderly.toFixed(0)} older people (${result.unreachable.offNetworkCells} cells off the network)`);
  if (result.capacity) {
    const c = result.capacity.totals;
    lines.push(`capacity (${result.capacity.threshold}, uptake ${result.capacity.uptakeRate}): demand ${c.demand.toFixed(0)}, served ${c.served.toFixed(0)}, unserved within reach ${c.unservedWithinReach.toFixed(0)}, out of reach ${c.outOfReach.toFixed(0)}`);
  }
  if (result.gaps) {
    lines.push(`gaps: ${result.gaps.areas.length} listed, ${result.gaps.uncoveredElderly.toFixed(0)} uncovered older people`);
    for (const g of result.gaps.areas.slice(0, 5)) lines.push(`  #${g.rank} ${g.elderly.toFixed(0)} older people, ${(g.areaM2 / 1e6).toFixed(2)} km², centre ${g.centroid[0].toFixed(5)}, ${g.centroid[1].toFixed(5)}`);
  }
  if (result.areas) {
    for (const a of result.areas.areas.slice(0, 20)) {
      lines.push(`  ${a.name} (${a.level}${a.urban === null ? '' : a.urban ? ', urban' : ', rural'}): ${a.thresholds.map((t) => `${t.label} ${pct(t.elderlyShare)}`).join(', ')}`);
    }
  }
  return lines.join('\n');
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
