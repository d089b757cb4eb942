import { InputError } from '../../shared/errors';
import { FacilityKind } from '../../shared/schemas/entities';
import { runCoverage } from '../services/coverage_analysis';
import { listFlag, numberFlag, requirePositional } from './cli_args';
import type { CliValues, CommandOutput } from './main';
import { withProject } from './open_project';

const USAGE = 'siting analyze <project.gpkg> [--radius-m 1000] [--kinds day_care,community_station] [--scenario NAME]';

export async function runAnalyze(positionals: string[], values: CliValues): Promise<CommandOutput> {
  const project = requirePositional(positionals, 0, 'project.gpkg', USAGE);
  const radiusM = numberFlag(values['radius-m'], 'radius-m', 1000, (n) => n > 0 && n <= 100_000, 'a distance in metres in (0, 100000]');
  const kinds = listFlag(values.kinds)?.map((k) => {
    const parsed = FacilityKind.safeParse(k);
    if (!parsed.success) throw new InputError(`unknown facility kind "${k}"; kinds: ${FacilityKind.options.join(', ')}`, { field: 'kinds' });
    return parsed.data;
  });
  const started = performance.now();
  const result = await withProject(project, (store) => {
    const loaded = performance.now();
    const grid = store.loadDemandGrid();
    const gridMs = performance.now() - loaded;
    const { result } = runCoverage(store, grid, { radiusM, kinds, scenario: values.scenario });
    return { ...result, timings: { loadMs: round(gridMs), totalMs: round(performance.now() - started) } };
  });
  const pct = (r: number | null) => (r === null ? 'n/a' : `${(r * 100).toFixed(1)} %`);
  const text = [
    `facilities counted: ${result.facilities} (${result.kinds.join(', ')}${result.scenario ? ` + scenario ${result.scenario}` : ''}), radius ${result.radiusM} m`,
    `older people (60+) covered: ${result.elderly.covered.toFixed(0)} of ${result.elderly.total.toFixed(0)} (${pct(result.elderly.ratio)})`,
    `population covered: ${result.population.covered.toFixed(0)} of ${result.population.total.toFixed(0)} (${pct(result.population.ratio)})`,
    `cells covered: ${result.cells.covered} of ${result.cells.total}`,
  ].join('\n');
  return { json: result, text };
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
