import { InputError } from '../../shared/errors';
import { FacilityKind, IMPORTABLE_LAYERS, ImportableLayer } from '../../shared/schemas/entities';
import { importLayer } from '../services/layer_import';
import { parseMapFlags, requirePositional } from './cli_args';
import type { CliValues, CommandOutput } from './main';
import { withProject } from './open_project';

const USAGE = 'siting import <project.gpkg> <layer> <file> [--crs EPSG:4326] [--map field=column ...] [--kind day_care] [--replace]';

export async function runImport(positionals: string[], values: CliValues): Promise<CommandOutput> {
  const project = requirePositional(positionals, 0, 'project.gpkg', USAGE);
  const layerName = requirePositional(positionals, 1, 'layer', USAGE);
  const file = requirePositional(positionals, 2, 'file', USAGE);
  const layer = ImportableLayer.safeParse(layerName);
  if (!layer.success) throw new InputError(`unknown layer "${layerName}"; layers: ${IMPORTABLE_LAYERS.join(', ')}`, { field: 'layer' });
  let kind: FacilityKind | undefined;
  if (values.kind !== undefined) {
    const parsed = FacilityKind.safeParse(values.kind);
    if (!parsed.success) throw new InputError(`unknown kind "${values.kind}"; kinds: ${FacilityKind.options.join(', ')}`, { field: 'kind' });
    kind = parsed.data;
  }
  const report = await withProject(project, (store) =>
    importLayer(store, layer.data, { path: file }, {
      crs: values.crs,
      map: parseMapFlags(values.map),
      kind,
      encoding: values.encoding,
      replace: values.replace,
      illustrative: values.illustrative,
    }),
  );
  const skipped = report.skippedCount ? `, ${report.skippedCount} skipped` : '';
  return {
    json: report,
    text: `imported ${report.imported} ${report.layer} from ${report.file} (${report.format}${report.detected.encoding ? `, ${report.detected.encoding}` : ''}${skipped})`,
  };
}
