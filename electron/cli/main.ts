/**
 * `siting`: the headless command line. Exit codes: 0 success, 2 bad input (the message names the file,
 * row or feature, and field), 130 cancelled by Ctrl-C (an import then writes nothing; 128 + SIGINT, as
 * a shell reports a command that Ctrl-C ended), 1 anything else. With --json exactly one JSON
 * document goes to stdout, the error of a failure included.
 */
import { parseArgs } from 'node:util';
import { InputError, isInputError } from '../../shared/errors';
import { checkCommandFlags, COMMAND_FLAGS, optionList } from './command_flags';

export const USAGE = `siting — elderly-care facility siting (养老设施选址规划)

  siting new <project.gpkg> [--sample wuhan-core] [--force] [--json]
  siting import <project.gpkg> <layer> <file> [<file> ...] [--crs EPSG:4547|wgs84|cgcs2000|gcj02|bd09]
                [--map field=column ...] [--field count=file.tif[,file.tif...] ...] [--kind day_care] [--kind-map kinds.json]
                [--encoding gbk] [--swap-axes] [--source-layer NAME] [--sheet NAME] [--replace | --append] [--illustrative] [--json]
        layer: population | facilities | estates | boundaries | roads | candidates
        population into a layer that has cells: --replace (this grid instead) or --append (cells of
        another area, new cell ids); Ctrl-C cancels and writes nothing
        --kind-map: JSON {"source value": "day_care" | "community_station" | ... | "other" | "skip"} for
        facility kinds the built-in synonyms do not know; remembered in the project for the next import
        file: CSV/TSV, XLSX, GeoJSON, shapefile (.zip or .shp with its .dbf/.prj/.cpg), KML/KMZ, GeoPackage,
              OSM (.osm, .osm.pbf; roads), GeoTIFF (population; several files on one grid are summed)
        --field: the GeoTIFFs (and bands, file.tif[band1+band2]) summed into one population count
              (population|elderly|age65|age80); repeat it per count, e.g. --field elderly=f60.tif,m60.tif,...
              --field population=total.tif; all files on one grid, in one import
  siting analyze <project.gpkg> [--mode circle|network] [--radius-m 1000[,500,...]]
                [--minutes 15[,5,10] | --network-m 300,500,1000|life-circles] [--speed-mps 1.0] [--steps-factor 2]
                [--max-snap-m 300] [--stats-horizon-factor 2] [--kinds day_care,community_station] [--scenario NAME]
                [--capacity [--uptake 0.03]] [--gaps [--gaps-out gaps.geojson]] [--by-area]
                [--service-areas-out areas.geojson [--per-facility]] [--areas-out areas.xlsx|.csv [--lang zh|en]]
                [--study-area ID|NAME[,...] | --whole-project] [--json]
  siting export <project.gpkg> --layer <layer> --out <file.geojson|.csv|.gpkg|.kml> [--format geojson|csv|gpkg|kml]
                [--crs EPSG:4547|gcj02|...] [--scenario NAME] [--json]
  siting optimize <project.gpkg> --problem max-coverage|min-facilities|p-median|p-center [--sites K] [--target 0.9]
                [--radius-m R | --minutes M --mode network [--speed-mps 1.0] [--max-snap-m 300]]
                [--candidates layer|grid] [--grid-m 250] [--min-floor-area 300] [--max-floor-level 2]
                [--min-floor-level 1|none] [--min-spacing-m 0] [--study-area ID|NAME[,...] [--candidates-outside] | --whole-project]
                [--exclude zones.geojson | --exclude boundary:NAME[,NAME...]]
                [--capacitated --site-capacity N [--uptake 0.03]] [--kinds ...]
                [--scenario NAME] [--save [--lang zh|en]] [--seed 1] [--method auto|exact|heuristic] [--json]
  siting optimize --matrix od.csv --demand demand.csv --problem ... [--radius R] [--sites K] [--target T]
                [--matrix-columns demand=demand_id,candidate=candidate_id,cost=cost] [--demand-columns id=id,weight=weight]
                [--encoding gbk] --json
  siting review <project.gpkg> [--preset ID|FILE.json] [--estate ID ...] [--out results.csv|results.xlsx|sheet.pdf|sheet.svg]
                [--lang zh|en] [--json]
  siting map <project.gpkg> --out map.pdf|map.png|map.svg [--paper A4|A3|A2|A1|A0] [--orientation portrait|landscape]
                [--title TEXT] [--subtitle TEXT] [--scenario NAME] [--kinds day_care,community_station]
                [--analysis circle|network [--radius-m 1000[,500]] [--minutes 15[,5,10] | --network-m 300,500,1000]
                [--speed-mps 1.0] [--steps-factor 2] [--max-snap-m 300] [--stats-horizon-factor 2] [--capacity [--uptake 0.03]]]
                [--dpi 300] [--purpose internal|public]
                [--review-number 审图号] [--author UNIT] [--lang zh|en] [--atlas LEVEL]
                [--basemap project|URL [--basemap-attribution TEXT] [--basemap-crs wgs84|gcj02]] [--json]
  siting info <project.gpkg> [--json]
  siting check <project.gpkg> [--preset ID|FILE.json] [--by-area LEVEL] [--json]
  siting presets <project.gpkg> [--export ID --out file.json | --import file.json] [--json]

Exit codes: 0 success, 2 bad input, 130 cancelled with Ctrl-C (nothing written), 1 other errors.`;

/** Exit code of a command cancelled with Ctrl-C: 128 + SIGINT (2), what a shell shows for it. */
export const EXIT_CANCELLED = 130;

export interface CommandOutput {
  /** The JSON document for --json (warnings belong in it too, e.g. a `warnings` array) */
  json: unknown;
  /** Human-readable lines otherwise */
  text: string;
  /** Printed to stderr as "siting: warning: …" without --json */
  warnings?: string[];
}

const OPTIONS = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  force: { type: 'boolean' },
  sample: { type: 'string' },
  crs: { type: 'string' },
  map: { type: 'string', multiple: true },
  field: { type: 'string', multiple: true },
  kind: { type: 'string' },
  encoding: { type: 'string' },
  replace: { type: 'boolean' },
  append: { type: 'boolean' },
  illustrative: { type: 'boolean' },
  'swap-axes': { type: 'boolean' },
  'source-layer': { type: 'string' },
  sheet: { type: 'string' },
  'radius-m': { type: 'string' },
  kinds: { type: 'string' },
  mode: { type: 'string' },
  analysis: { type: 'string' },
  minutes: { type: 'string' },
  'speed-mps': { type: 'string' },
  'max-snap-m': { type: 'string' },
  'network-m': { type: 'string' },
  'steps-factor': { type: 'string' },
  'stats-horizon-factor': { type: 'string' },
  'service-areas-out': { type: 'string' },
  'per-facility': { type: 'boolean' },
  capacity: { type: 'boolean' },
  uptake: { type: 'string' },
  gaps: { type: 'boolean' },
  'gaps-out': { type: 'string' },
  'by-area': { type: 'boolean' },
  problem: { type: 'string' },
  sites: { type: 'string' },
  target: { type: 'string' },
  capacitated: { type: 'boolean' },
  candidates: { type: 'string' },
  'grid-m': { type: 'string' },
  'min-floor-area': { type: 'string' },
  'max-floor-level': { type: 'string' },
  'min-floor-level': { type: 'string' },
  'study-area': { type: 'string' },
  'whole-project': { type: 'boolean' },
  'candidates-outside': { type: 'boolean' },
  'min-spacing-m': { type: 'string' },
  exclude: { type: 'string' },
  'site-capacity': { type: 'string' },
  save: { type: 'boolean' },
  seed: { type: 'string' },
  method: { type: 'string' },
  matrix: { type: 'string' },
  demand: { type: 'string' },
  radius: { type: 'string' },
  'matrix-columns': { type: 'string' },
  'demand-columns': { type: 'string' },
  scenario: { type: 'string' },
  layer: { type: 'string' },
  out: { type: 'string' },
  format: { type: 'string' },
  preset: { type: 'string' },
  estate: { type: 'string', multiple: true },
  paper: { type: 'string' },
  orientation: { type: 'string' },
  title: { type: 'string' },
  subtitle: { type: 'string' },
  dpi: { type: 'string' },
  purpose: { type: 'string' },
  'review-number': { type: 'string' },
  author: { type: 'string' },
  lang: { type: 'string' },
  'areas-out': { type: 'string' },
  atlas: { type: 'string' },
  basemap: { type: 'string' },
  'basemap-attribution': { type: 'string' },
  'basemap-crs': { type: 'string' },
  export: { type: 'string' },
  import: { type: 'string' },
  'kind-map': { type: 'string' },
} as const;

export type CliValues = ReturnType<typeof parseCli>['values'];

function parseCli(argv: string[]) {
  return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
}

export async function main(argv: string[]): Promise<number> {
  const wantsJson = argv.includes('--json');
  try {
    let parsed: ReturnType<typeof parseCli>;
    try {
      parsed = parseCli(argv);
    } catch (error) {
      throw parseError(error, argv);
    }
    const { values, positionals } = parsed;
    const [command, ...rest] = positionals;
    if (values.help || !command) {
      console.log(USAGE);
      return command || values.help ? 0 : 2;
    }
    checkCommandFlags(command, values);
    const output = await runCommand(command, rest, values);
    console.log(values.json ? JSON.stringify(output.json, null, 2) : output.text);
    if (!values.json) for (const warning of output.warnings ?? []) console.error(`siting: warning: ${warning}`);
    return 0;
  } catch (error) {
    const bad = isInputError(error);
    const cancelled = !bad && (error as { code?: unknown } | null)?.code === 'cancelled';
    const message = error instanceof Error ? error.message : String(error);
    if (wantsJson) {
      const location = bad ? (error as InputError).location : undefined;
      const busy = (error as { code?: unknown } | null)?.code === 'busy';
      const code = bad ? 'bad_input' : cancelled ? 'cancelled' : busy ? 'busy' : 'internal';
      console.log(JSON.stringify({ error: { code, message, ...(location ? { location } : {}) } }));
    }
    console.error(`siting: ${message}`);
    if (!bad && !cancelled && process.env.SITING_DEBUG) console.error(error);
    return bad ? 2 : cancelled ? EXIT_CANCELLED : 1;
  }
}

/** A parse error as InputError; an unknown option names the command it was given to. */
function parseError(error: unknown, argv: string[]): InputError {
  const message = (error as Error).message;
  const code = (error as { code?: string }).code;
  const unknown = code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? /'(-[^']*)'/.exec(message)?.[1] : undefined;
  if (unknown !== undefined) {
    const command = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: false }).positionals[0];
    if (command !== undefined && command in COMMAND_FLAGS) {
      return new InputError(`unknown option ${unknown} for siting ${command}; ${optionList(command)}`, { field: unknown.replace(/^-+/, '') });
    }
    return new InputError(`unknown option ${unknown}\n\n${USAGE}`, { field: unknown.replace(/^-+/, '') });
  }
  return new InputError(`${message}\n\n${USAGE}`);
}

/**
 * Each command's module is loaded when it runs: one command does not pay for the others' libraries at
 * start (exceljs, pdfkit, resvg, the solvers).
 */
async function runCommand(command: string, positionals: string[], values: CliValues): Promise<CommandOutput> {
  switch (command) {
    case 'new':
      return (await import('./command_new')).runNew(positionals, values);
    case 'import':
      return (await import('./command_import')).runImport(positionals, values);
    case 'analyze':
      return (await import('./command_analyze')).runAnalyze(positionals, values);
    case 'export':
      return (await import('./command_export')).runExport(positionals, values);
    case 'info':
      return (await import('./command_info')).runInfo(positionals);
    case 'optimize':
      return (await import('./command_optimize')).runOptimize(positionals, values);
    case 'check':
      return (await import('./command_check')).runCheck(positionals, values);
    case 'review':
      return (await import('./command_review')).runReview(positionals, values);
    case 'map':
      return (await import('./command_map')).runMap(positionals, values);
    case 'presets':
      return (await import('./command_presets')).runPresets(positionals, values);
    default:
      throw new InputError(`unknown command "${command}"\n\n${USAGE}`);
  }
}
