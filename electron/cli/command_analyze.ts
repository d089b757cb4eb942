/**
 * `siting analyze`: coverage of the selected facilities (circle or walking network) per threshold,
 * with capacity, gaps, per-area figures and service-area polygons on request. Flags: analyze_options.ts;
 * output: analyze_report.ts.
 */
import { writeFileSync } from 'node:fs';
import { InputError } from '../../shared/errors';
import { analyseProjectAccessibility } from '../../shared/usecases/accessibility_analysis';
import { readProjectSnapshot } from '../services/store/project_snapshot';
import { analyzeSettings } from './analyze_options';
import { analyzeJson, analyzeText, analyzeWarnings } from './analyze_report';
import { requirePositional } from './cli_args';
import type { CliValues, CommandOutput } from './main';
import { withProject } from './open_project';

const USAGE =
  'siting analyze <project.gpkg> [--mode circle|network] [--radius-m 1000] [--minutes 5,10,15 | --network-m 300,500,1000] ' +
  '[--speed-mps 1.0] [--steps-factor 2] [--capacity] [--gaps] [--by-area] [--service-areas-out areas.geojson [--per-facility]]';

export async function runAnalyze(positionals: string[], values: CliValues): Promise<CommandOutput> {
  const project = requirePositional(positionals, 0, 'project.gpkg', USAGE);
  const settings = analyzeSettings(values);
  const { options, kinds } = settings;
  const started = performance.now();
  const { result, loadMs } = await withProject(project, (store) => {
    const loading = performance.now();
    const snapshot = readProjectSnapshot(store, { scenario: settings.scenario });
    if (options.mode === 'network' && snapshot.network === null) {
      throw new InputError('network mode needs a roads layer: import OSM ways first (siting import <project> roads <file>)', { field: 'roads' });
    }
    const loadMs = performance.now() - loading;
    const { result } = analyseProjectAccessibility(snapshot, options, kinds);
    return { result, loadMs };
  });
  if (settings.gapsOut && result.gaps) writeFileSync(settings.gapsOut, JSON.stringify(result.gaps.geojson));
  if (settings.serviceAreasOut && result.serviceAreas) writeFileSync(settings.serviceAreasOut, JSON.stringify(result.serviceAreas));
  const warnings = analyzeWarnings(result);
  const timings = { loadMs: round(loadMs), ...result.timings, totalMs: round(performance.now() - started) };
  const serviceAreasOut = settings.serviceAreasOut ?? null;
  return {
    json: analyzeJson(result, { kinds, scenario: settings.scenario ?? null, timings, warnings, serviceAreasOut }),
    text: analyzeText(result, kinds, serviceAreasOut),
    warnings,
  };
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
