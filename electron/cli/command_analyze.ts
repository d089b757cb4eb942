/**
 * `siting analyze`: coverage of the selected facilities (circle or walking network) per threshold,
 * with capacity, gaps, per-area figures and service-area polygons on request. Flags: analyze_options.ts;
 * output: analyze_report.ts.
 */
import { writeFileSync } from 'node:fs';
import { runAccessibilityAnalysis } from '../../shared/engine/analysis/accessibility_analysis';
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
    const grid = store.loadDemandGrid();
    const facilities = store.selectedFacilities(kinds, settings.scenario);
    const roads = options.mode === 'network' ? store.roadsForNetwork() : undefined;
    const boundaries = options.byArea ? store.boundaryAreas() : undefined;
    const cellSize = options.gaps ? store.populationCellSize() : null;
    const loadMs = performance.now() - loading;
    const result = runAccessibilityAnalysis({ grid, facilities, roads, boundaries, cellSize }, options);
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
