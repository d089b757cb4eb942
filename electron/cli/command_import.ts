import { CancelledError, InputError } from '../../shared/errors';
import { FacilityKind, IMPORTABLE_LAYERS, ImportableLayer } from '../../shared/schemas/entities';
import type { ImportPhase } from '../services/import/import_into_project';
import { importIntoProject } from '../services/import/import_into_project';
import { parseMapFlags, requirePositional } from './cli_args';
import { parseFieldFlags } from './raster_field_flags';
import type { CliValues, CommandOutput } from './main';
import { withProject } from './open_project';
import { parseKindMap, type FacilityKindMap, type KindValueSummary } from '../../shared/schemas/facility_kind_map';
import { readFileSync } from 'node:fs';

/** The --kind-map file: JSON {"source value": kind | "other" | "skip"}, checked. */
function readKindMapFile(path: string): FacilityKindMap {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(`--kind-map ${path}: cannot read the file (${(error as Error).message})`, { file: path, field: 'kind-map' });
  }
  try {
    return parseKindMap(JSON.parse(text.replace(/^\uFEFF/, ''))) ?? {};
  } catch (error) {
    const detail = error instanceof SyntaxError ? error.message : `each value must be one of ${[...FacilityKind.options, 'skip'].join(', ')}`;
    throw new InputError(`--kind-map ${path}: not a kind mapping: ${detail}`, { file: path, field: 'kind-map', expected: '{"source value": "day_care", ...}' }, {
      reason: 'kind_map_invalid',
      params: { detail },
    });
  }
}

/** "kinds: 社区养老服务中心 (3) → community_station (synonym), …" and the rows per kind. */
function kindLines(kinds: readonly KindValueSummary[]): string[] {
  const perKind = new Map<string, number>();
  for (const entry of kinds) if (entry.kind !== null) perKind.set(entry.kind, (perKind.get(entry.kind) ?? 0) + entry.count);
  const values = kinds.map((entry) => `${entry.value === '' ? '(empty)' : entry.value} (${entry.count}) → ${entry.kind ?? '?'} (${entry.source})`);
  return [`kinds: ${[...perKind].map(([kind, count]) => `${kind} ${count}`).join(', ')}`, `  values: ${values.join(', ')}`];
}

const USAGE =
  'siting import <project.gpkg> <layer> <file> [<file> ...] [--crs EPSG:4547|wgs84|cgcs2000|gcj02|bd09] [--map field=column ...] ' +
  '[--field count=file.tif[,file.tif...] ...] [--kind day_care] [--kind-map kinds.json] [--encoding gbk] [--swap-axes] [--source-layer NAME] [--sheet NAME] [--replace | --append]';

/** What the terminal's progress line says the import is doing. */
const PHASE_TEXT: Record<ImportPhase, string> = { reading: 'reading', parsing: 'checking', writing: 'writing' };

/**
 * `siting import`: one file, or several that belong together (GeoTIFFs on one grid are summed; the
 * parts of a shapefile). --json prints the ImportReport: imported, skipped with reasons, detected CRS,
 * encoding, columns, mapping, source layers and warnings.
 *
 * Population goes into an empty layer; one that has cells needs --replace (the new grid instead) or
 * --append (cells of another area, with new cell ids). Ctrl-C cancels at the next step of reading,
 * parsing or writing: the write's transaction is rolled back and CancelledError ends the command
 * (exit 130, main.ts) with nothing written.
 */
export async function runImport(positionals: string[], values: CliValues): Promise<CommandOutput> {
  const project = requirePositional(positionals, 0, 'project.gpkg', USAGE);
  const layerName = requirePositional(positionals, 1, 'layer', USAGE);
  const rasterFields = parseFieldFlags(values.field);
  if (!rasterFields) requirePositional(positionals, 2, 'file', USAGE);
  const layer = ImportableLayer.safeParse(layerName);
  if (!layer.success) throw new InputError(`unknown layer "${layerName}"; layers: ${IMPORTABLE_LAYERS.join(', ')}`, { field: 'layer' });
  if (rasterFields && layer.data !== 'population') {
    throw new InputError('--field gives the GeoTIFF files of each population count; it applies to the population layer only', { field: 'field' });
  }
  // --field names its files; files also given as arguments are read once
  const files = [...positionals.slice(2), ...(rasterFields?.paths.filter((path) => !positionals.slice(2).includes(path)) ?? [])];
  let kind: FacilityKind | undefined;
  if (values.kind !== undefined) {
    const parsed = FacilityKind.safeParse(values.kind);
    if (!parsed.success) throw new InputError(`unknown kind "${values.kind}"; kinds: ${FacilityKind.options.join(', ')}`, { field: 'kind' });
    kind = parsed.data;
  }
  const kindMap = values['kind-map'] !== undefined ? readKindMapFile(values['kind-map']) : undefined;
  if (values.replace && values.append) {
    throw new InputError('--replace and --append exclude each other: --replace removes the features already in the layer, --append keeps them', { field: 'append' });
  }
  // Ctrl-C cancels the import (nothing is written); a terminal sees the progress. `on`, not `once`:
  // a terminal's Ctrl-C reaches this process twice when bin/siting.mjs re-runs it on Node 22 (from
  // the terminal and relayed by the outer process), and a second SIGINT without a listener would
  // kill the process in the middle of the write instead of letting it roll back.
  const controller = new AbortController();
  const interrupt = () => controller.abort();
  process.on('SIGINT', interrupt);
  const showProgress = process.stderr.isTTY === true && !values.json;
  const input = files.length > 1 ? `${files.length} files` : files[0];
  let shown = '';
  const progress = (fraction: number, phase: ImportPhase) => {
    const line = `${PHASE_TEXT[phase]} ${input}: ${Math.floor(fraction * 100)} %`;
    if (line === shown) return;
    shown = line;
    process.stderr.write(`\r\u001b[K${line}`);
  };
  const report = await withProject(project, (store) =>
    importIntoProject(
      store,
      layer.data,
      files.map((path) => ({ path })),
      {
        crs: values.crs,
        map: parseMapFlags(values.map),
        ...(rasterFields ? { fields: rasterFields.fields } : {}),
        kind,
        ...(kindMap ? { kindMap } : {}),
        encoding: values.encoding,
        replace: values.replace,
        append: values.append,
        illustrative: values.illustrative,
        swapAxes: values['swap-axes'],
        sourceLayer: values['source-layer'],
        sheet: values.sheet,
      },
      showProgress ? progress : undefined,
      controller.signal,
    ),
  )
    .catch((error: unknown) => {
      if ((error as { code?: unknown })?.code === 'cancelled') throw new CancelledError('import cancelled: nothing was written');
      throw error;
    })
    .finally(() => {
      process.removeListener('SIGINT', interrupt);
      if (showProgress) process.stderr.write('\r\u001b[K');
    });
  const details = [report.format, report.detected.crs, report.detected.encoding].filter((d): d is string => Boolean(d)).join(', ');
  const lines = [`imported ${report.imported} ${report.layer} from ${report.file} (${details}${report.skippedCount ? `, ${report.skippedCount} skipped` : ''})`];
  for (const skipped of report.skipped.slice(0, 10)) lines.push(`  skipped${skipped.row !== undefined ? ` row ${skipped.row}` : ''}: ${skipped.reason}`);
  if (report.skipped.length > 10) lines.push(`  ... ${report.skipped.length - 10} more (all of them with --json)`);
  if (report.kinds) lines.push(...kindLines(report.kinds));
  for (const warning of report.detected.warnings ?? []) lines.push(`warning: ${warning}`);
  return { json: report, text: lines.join('\n') };
}
