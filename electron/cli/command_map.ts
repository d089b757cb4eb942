import { InputError } from '../../shared/errors';
import { PRINT_LANGUAGES, type PrintLanguage } from '../../shared/print/print_words';
import { BOUNDARY_LEVELS, type Boundary } from '../../shared/schemas/entities';
import { PRINT_PURPOSES, type PrintPurpose } from '../../shared/print/sheet';
import { BASEMAP_TILE_CRS, type BasemapTileCrs } from '../../shared/print/basemap_raster';
import { exportMap } from '../services/print/map_export';
import { analyzeSettings } from './analyze_options';
import { requirePositional } from './cli_args';
import { cliError } from './cli_wording';
import type { CliValues, CommandOutput } from './main';
import { withProject } from './open_project';

const USAGE =
  'siting map <project.gpkg> --out map.pdf|map.png|map.svg [--paper A4|A3|A2|A1|A0] [--orientation portrait|landscape] [--title TEXT] ' +
  '[--subtitle TEXT] [--scenario NAME] [--analysis circle|network [--radius-m 1000 | --minutes 15 | --network-m 300,500,1000] [--speed-mps 1.0] ...] ' +
  '[--kinds day_care,...] [--dpi 300] [--purpose internal|public [--review-number 审图号]] [--author UNIT] [--lang zh|en] [--atlas LEVEL] ' +
  '[--basemap project|URL [--basemap-attribution TEXT] [--basemap-crs wgs84|gcj02]]';

const ANALYSES = ['circle', 'network'] as const;
/** Flags of `siting analyze` that set the analysis a map shows (analyze_options.ts reads them). */
const ANALYSIS_FLAGS = ['radius-m', 'minutes', 'network-m', 'speed-mps', 'steps-factor', 'max-snap-m', 'stats-horizon-factor', 'capacity', 'uptake'] as const;

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], field: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new InputError(`--${field} must be one of ${allowed.join(', ')}, got "${value}"`, { field }, {
      reason: 'print_value_unknown',
      params: { flag: `--${field}`, value, allowed: allowed.join(', ') },
    });
  }
  return value as T;
}

/**
 * The analysis the map shows: `--analysis circle|network` with the flags and defaults of `siting
 * analyze` (one parser: analyze_options.ts), and the facility kinds that count (--kinds, also for a
 * scenario without an analysis).
 */
export function mapAnalysisSettings(values: CliValues): { analysis: ReturnType<typeof analyzeSettings>['options'] | undefined; kinds: ReturnType<typeof analyzeSettings>['kinds'] } {
  const analysis = oneOf(values.analysis, ANALYSES, 'analysis');
  if (!analysis) {
    const alone = ANALYSIS_FLAGS.find((flag) => values[flag] !== undefined);
    if (alone) throw new InputError(`--${alone} sets the analysis: add --analysis circle|network`, { field: alone }, { reason: 'print_analysis_flag_alone', params: { flag: `--${alone}` } });
    if (values.kinds !== undefined && values.scenario === undefined) {
      throw new InputError('--kinds chooses the facilities that count: add --scenario NAME or --analysis circle|network', { field: 'kinds' }, { reason: 'print_analysis_flag_alone', params: { flag: '--kinds' } });
    }
  }
  const settings = analyzeSettings({ ...values, mode: analysis ?? 'circle' });
  return { analysis: analysis ? settings.options : undefined, kinds: settings.kinds };
}

/**
 * `siting map`: a siting map sheet (选址图) of the project as a vector PDF, SVG or PNG with a world
 * file; headless. --json reports each page's paper, map frame, CRS, extent and scale.
 */
export async function runMap(positionals: string[], values: CliValues): Promise<CommandOutput> {
  const project = requirePositional(positionals, 0, 'project.gpkg', USAGE);
  if (!values.out) throw new InputError(`missing --out; usage: ${USAGE}`, { field: 'out' });
  const dpi = values.dpi === undefined ? undefined : Number(values.dpi);
  if (dpi !== undefined && !Number.isFinite(dpi)) {
    throw new InputError(`--dpi must be a number, got "${values.dpi}"`, { field: 'dpi' }, { reason: 'flag_value_invalid', params: { flag: '--dpi', value: values.dpi ?? '' } });
  }
  const purpose = oneOf<PrintPurpose>(values.purpose, PRINT_PURPOSES, 'purpose');
  const language = oneOf<PrintLanguage>(values.lang, PRINT_LANGUAGES, 'lang');
  const atlas = oneOf<Boundary['level']>(values.atlas, BOUNDARY_LEVELS, 'atlas');
  const basemapCrs = oneOf<BasemapTileCrs>(values['basemap-crs'], BASEMAP_TILE_CRS, 'basemap-crs');
  for (const flag of ['basemap-attribution', 'basemap-crs'] as const) {
    if (values[flag] !== undefined && values.basemap === undefined) {
      throw new InputError(`--${flag} describes the basemap: add --basemap project|URL`, { field: flag }, { reason: 'analysis_flag_needs', params: { flag: `--${flag}`, needs: '--basemap' } });
    }
  }
  const { analysis, kinds } = mapAnalysisSettings(values);
  const out = values.out;
  const result = await withProject(project, async (store) => {
    try {
      return await exportMap(store, {
        out,
        paper: values.paper,
        orientation: values.orientation,
        title: values.title,
        subtitle: values.subtitle,
        scenario: values.scenario,
        analysis,
        kinds,
        dpi,
        purpose,
        reviewNumber: values['review-number'],
        author: values.author,
        language,
        atlas,
        basemap: values.basemap,
        basemapAttribution: values['basemap-attribution'],
        basemapCrs,
      });
    } catch (error) {
      throw cliError(error);
    }
  });
  const page = result.pages[0];
  const atlasNote = atlas ? `${result.pages.length} atlas pages (${atlas}), ` : '';
  return {
    json: { pages: result.pages, out: result.out, ...(result.warnings.length > 0 ? { warnings: result.warnings } : {}) },
    text: `wrote ${result.out.join(', ')}: ${atlasNote}${page.paperMm[0]} × ${page.paperMm[1]} mm, ${page.crs}, 1:${page.scaleDenominator}`,
    warnings: result.warnings,
  };
}
