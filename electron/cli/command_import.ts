import { InputError } from '../../shared/errors';
import { FacilityKind, IMPORTABLE_LAYERS, ImportableLayer } from '../../shared/schemas/entities';
import { importLayerSources } from '../services/layer_import';
import { parseMapFlags, requirePositional } from './cli_args';
import type { CliValues, CommandOutput } from './main';
import { withProject } from './open_project';

const USAGE =
  'siting import <project.gpkg> <layer> <file> [<file> ...] [--crs EPSG:4547|wgs84|cgcs2000|gcj02|bd09] [--map field=column ...] ' +
  '[--kind day_care] [--encoding gbk] [--swap-axes] [--source-layer NAME] [--sheet NAME] [--replace]';

/**
 * `siting import`: one file, or several that belong together (GeoTIFFs on one grid are summed; the
 * parts of a shapefile). --json prints the ImportReport: imported, skipped with reasons, detected CRS,
 * encoding, columns, mapping, source layers and warnings.
 */
export async function runImport(positionals: string[], values: CliValues): Promise<CommandOutput> {
  const project = requirePositional(positionals, 0, 'project.gpkg', USAGE);
  const layerName = requirePositional(positionals, 1, 'layer', USAGE);
  requirePositional(positionals, 2, 'file', USAGE);
  const files = positionals.slice(2);
  const layer = ImportableLayer.safeParse(layerName);
  if (!layer.success) throw new InputError(`unknown layer "${layerName}"; layers: ${IMPORTABLE_LAYERS.join(', ')}`, { field: 'layer' });
  let kind: FacilityKind | undefined;
  if (values.kind !== undefined) {
    const parsed = FacilityKind.safeParse(values.kind);
    if (!parsed.success) throw new InputError(`unknown kind "${values.kind}"; kinds: ${FacilityKind.options.join(', ')}`, { field: 'kind' });
    kind = parsed.data;
  }
  // Ctrl-C cancels the import (nothing is written); a terminal sees the progress
  const controller = new AbortController();
  const interrupt = () => controller.abort();
  process.once('SIGINT', interrupt);
  const showProgress = process.stderr.isTTY === true && !values.json;
  let shown = -1;
  const progress = (fraction: number) => {
    const percent = Math.floor(fraction * 100);
    if (percent === shown) return;
    shown = percent;
    process.stderr.write(`\rreading ${files.length > 1 ? `${files.length} files` : files[0]}: ${percent} %`);
  };
  const report = await withProject(project, (store) =>
    importLayerSources(
      store,
      layer.data,
      files.map((path) => ({ path })),
      {
        crs: values.crs,
        map: parseMapFlags(values.map),
        kind,
        encoding: values.encoding,
        replace: values.replace,
        illustrative: values.illustrative,
        swapAxes: values['swap-axes'],
        sourceLayer: values['source-layer'],
        sheet: values.sheet,
      },
      showProgress ? progress : undefined,
      controller.signal,
    ),
  ).finally(() => {
    process.removeListener('SIGINT', interrupt);
    if (showProgress) process.stderr.write('\r\u001b[K');
  });
  const details = [report.format, report.detected.crs, report.detected.encoding].filter((d): d is string => Boolean(d)).join(', ');
  const lines = [`imported ${report.imported} ${report.layer} from ${report.file} (${details}${report.skippedCount ? `, ${report.skippedCount} skipped` : ''})`];
  for (const skipped of report.skipped.slice(0, 10)) lines.push(`  skipped${skipped.row !== undefined ? ` row ${skipped.row}` : ''}: ${skipped.reason}`);
  if (report.skipped.length > 10) lines.push(`  ... ${report.skipped.length - 10} more (all of them with --json)`);
  for (const warning of report.detected.warnings ?? []) lines.push(`warning: ${warning}`);
  return { json: report, text: lines.join('\n') };
}
