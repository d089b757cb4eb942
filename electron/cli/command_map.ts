import { InputError } from '../../shared/errors';
import { PRINT_LANGUAGES, type PrintLanguage } from '../../shared/print/print_words';
import { BOUNDARY_LEVELS, type Boundary } from '../../shared/schemas/entities';
import { PRINT_PURPOSES, type PrintPurpose } from '../../shared/print/sheet';
import { exportMap } from '../services/print/map_export';
import { requirePositional } from './cli_args';
import type { CliValues, CommandOutput } from './main';
import { withProject } from './open_project';

const USAGE =
  'siting map <project.gpkg> --out map.pdf|map.png|map.svg [--paper A4|A3|A2|A1|A0] [--orientation portrait|landscape] [--title TEXT] ' +
  '[--subtitle TEXT] [--scenario NAME] [--dpi 300] [--purpose internal|public [--review-number 审图号]] [--author UNIT] [--lang zh|en] [--atlas LEVEL]';

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], field: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new InputError(`--${field} must be one of ${allowed.join(', ')}, got "${value}"`, { field });
  return value as T;
}

/**
 * `siting map`: a siting map sheet (选址图) of the project as a vector PDF, SVG or PNG with a world
 * file; headless. --json reports each page's paper, map frame, CRS, extent and scale.
 */
export async function runMap(positionals: string[], values: CliValues): Promise<CommandOutput> {
  const project = requirePositional(positionals, 0, 'project.gpkg', USAGE);
  if (!values.out) throw new InputError(`missing --out; usage: ${USAGE}`, { field: 'out' });
  const dpi = values.dpi === undefined ? undefined : Number(values.dpi);
  if (dpi !== undefined && !Number.isFinite(dpi)) throw new InputError(`--dpi must be a number, got "${values.dpi}"`, { field: 'dpi' });
  const purpose = oneOf<PrintPurpose>(values.purpose, PRINT_PURPOSES, 'purpose');
  const language = oneOf<PrintLanguage>(values.lang, PRINT_LANGUAGES, 'lang');
  const atlas = oneOf<Boundary['level']>(values.atlas, BOUNDARY_LEVELS, 'atlas');
  const out = values.out;
  const result = await withProject(project, (store) =>
    exportMap(store, {
      out,
      paper: values.paper,
      orientation: values.orientation,
      title: values.title,
      subtitle: values.subtitle,
      scenario: values.scenario,
      dpi,
      purpose,
      reviewNumber: values['review-number'],
      author: values.author,
      language,
      atlas,
    }),
  );
  const page = result.pages[0];
  const atlasNote = atlas ? `${result.pages.length} atlas pages (${atlas}), ` : '';
  return {
    json: { pages: result.pages, out: result.out, ...(result.warnings.length > 0 ? { warnings: result.warnings } : {}) },
    text: `wrote ${result.out.join(', ')}: ${atlasNote}${page.paperMm[0]} × ${page.paperMm[1]} mm, ${page.crs}, 1:${page.scaleDenominator}`,
    warnings: result.warnings,
  };
}
