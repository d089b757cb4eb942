/**
 * Which options each `siting` command takes. The parser knows every option of every command (one
 * table in main.ts); this allow-list turns an option given to the wrong command — `siting analyze
 * p.gpkg --radius 300`, where `--radius` belongs to optimize's matrix mode — into exit code 2 instead
 * of being silently ignored. siting optimize checks its project/matrix split itself (command_optimize.ts);
 * its list here is the union of both modes.
 */
import { InputError } from '../../shared/errors';

const GLOBAL = ['json', 'help'] as const;

export const COMMAND_FLAGS: Record<string, readonly string[]> = {
  new: ['sample', 'force'],
  import: ['crs', 'map', 'field', 'kind', 'kind-map', 'encoding', 'replace', 'append', 'illustrative', 'swap-axes', 'source-layer', 'sheet'],
  analyze: [
    'mode', 'radius-m', 'minutes', 'network-m', 'speed-mps', 'steps-factor', 'max-snap-m', 'stats-horizon-factor', 'kinds', 'scenario',
    'capacity', 'uptake', 'gaps', 'gaps-out', 'by-area', 'service-areas-out', 'per-facility', 'study-area', 'whole-project', 'areas-out', 'lang',
  ],
  export: ['layer', 'out', 'format', 'crs', 'scenario'],
  info: [],
  check: ['preset', 'by-area'],
  review: ['preset', 'estate', 'out', 'lang'],
  map: [
    'out', 'paper', 'orientation', 'title', 'subtitle', 'scenario', 'dpi', 'purpose', 'review-number', 'author', 'lang', 'atlas',
    'basemap', 'basemap-attribution', 'basemap-crs',
    // the analysis drawn: the settings of siting analyze (analyze_options.ts)
    'analysis', 'kinds', 'radius-m', 'minutes', 'network-m', 'speed-mps', 'steps-factor', 'max-snap-m', 'stats-horizon-factor', 'capacity', 'uptake',
  ],
  presets: ['export', 'import', 'out'],
  optimize: [
    // common
    'problem', 'sites', 'target', 'seed', 'method',
    // matrix mode
    'matrix', 'demand', 'radius', 'matrix-columns', 'demand-columns', 'encoding',
    // project mode
    'radius-m', 'minutes', 'mode', 'speed-mps', 'max-snap-m', 'capacitated', 'site-capacity', 'uptake', 'candidates', 'grid-m',
    'min-floor-area', 'max-floor-level', 'min-floor-level', 'min-spacing-m', 'exclude', 'kinds', 'scenario', 'save',
    'study-area', 'whole-project', 'candidates-outside', 'lang',
  ],
};

/**
 * Throws InputError (exit 2) naming the first option the command does not take. Unknown commands are
 * left to the dispatcher.
 * @example checkCommandFlags('analyze', { radius: '300' }) // throws: --radius is not an option of siting analyze …
 */
export function checkCommandFlags(command: string, values: Record<string, unknown>): void {
  const allowed = COMMAND_FLAGS[command];
  if (!allowed) return;
  for (const [flag, value] of Object.entries(values)) {
    if (value === undefined || (GLOBAL as readonly string[]).includes(flag) || allowed.includes(flag)) continue;
    throw new InputError(`--${flag} is not an option of siting ${command}; ${optionList(command)}`, { field: flag });
  }
}

/** "its options: --a, --b" (or "it takes no options besides --json"), for messages. */
export function optionList(command: string): string {
  const allowed = COMMAND_FLAGS[command] ?? [];
  return allowed.length === 0 ? 'it takes no options besides --json' : `its options: ${allowed.map((f) => `--${f}`).join(', ')}, --json`;
}
