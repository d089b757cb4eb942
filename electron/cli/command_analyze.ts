/**
 * `siting analyze`: coverage of the selected facilities (circle or walking network) per threshold,
 * with capacity, gaps, per-area figures and service-area polygons on request. Flags: analyze_options.ts;
 * output: analyze_report.ts.
 */
import { writeFileSync } from 'node:fs';
import { presetTargets, type PresetTargets } from '../../shared/rules/preset_targets';
import { AREA_TABLE_WORDS, areaTable, thresholdWords } from '../../shared/tables/area_table';
import { analyseProjectAccessibility } from '../../shared/usecases/accessibility_analysis';
import { dataTableBytes } from '../services/export/table_export';
import { writeFileAtomically } from '../services/export/write_file_atomically';
import { projectPreset } from '../services/rules/project_preset';
import { readProjectSnapshot } from '../services/store/project_snapshot';
import { analyzeSettings, areaTableOptions } from './analyze_options';
import { analyzeJson, analyzeText, analyzeWarnings } from './analyze_report';
import { requirePositional } from './cli_args';
import { cliError } from './cli_wording';
import type { CliValues, CommandOutput } from './main';
import { withProject } from './open_project';
import { studyAreaRefs } from './study_area_flag';

const USAGE =
  'siting analyze <project.gpkg> [--mode circle|network] [--radius-m 1000] [--minutes 5,10,15 | --network-m 300,500,1000] ' +
  '[--speed-mps 1.0] [--steps-factor 2] [--capacity] [--gaps] [--by-area] [--service-areas-out areas.geojson [--per-facility]] ' +
  '[--study-area ID|NAME,… | --whole-project]';

export async function runAnalyze(positionals: string[], values: CliValues): Promise<CommandOutput> {
  const project = requirePositional(positionals, 0, 'project.gpkg', USAGE);
  const settings = analyzeSettings(values);
  const tableOptions = areaTableOptions(values);
  const { options, kinds } = settings;
  const started = performance.now();
  const { result, loadMs, networkMs, targets, projectPath } = await withProject(project, (store) => {
    const loading = performance.now();
    const snapshot = readProjectSnapshot(store, { scenario: settings.scenario });
    const loadMs = performance.now() - loading;
    try {
      // Without --study-area / --whole-project: the project's study area (the app's choice).
      const { result } = analyseProjectAccessibility(snapshot, { ...options, studyArea: studyAreaRefs(values, store) }, kinds);
      // Reading and building the walking network happen on first use, inside the analysis.
      // The per-area table states the coverage target of each area's group in the project's preset.
      const targets: PresetTargets | null = tableOptions.out ? presetTargets(projectPreset(store)) : null;
      return { result, loadMs, networkMs: { ...snapshot.network?.timings }, targets, projectPath: store.path };
    } catch (error) {
      throw cliError(error);
    }
  });
  if (settings.gapsOut && result.gaps) writeFileSync(settings.gapsOut, JSON.stringify(result.gaps.geojson));
  if (settings.serviceAreasOut && result.serviceAreas) writeFileSync(settings.serviceAreasOut, JSON.stringify(result.serviceAreas));
  if (tableOptions.out && result.areas) {
    // The app's order: largest older population first.
    const areas = [...result.areas.areas].sort((a, b) => b.elderly - a.elderly);
    const thresholds = result.thresholds.map((t) => thresholdWords(t, tableOptions.language));
    const table = areaTable(result.areas, { words: AREA_TABLE_WORDS[tableOptions.language], thresholds, targets, areas });
    writeFileAtomically(tableOptions.out, await dataTableBytes(table, /\.xlsx$/i.test(tableOptions.out) ? 'xlsx' : 'csv'), projectPath);
  }
  const warnings = analyzeWarnings(result);
  const timings = { loadMs: round(loadMs), ...networkMs, ...result.timings, totalMs: round(performance.now() - started) };
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
