import { writeFileSync } from 'node:fs';
import { InputError } from '../../shared/errors';
import { LAYER_NAMES, LayerName } from '../../shared/schemas/entities';
import { exportFormatFromPath, exportLayer, type ExportFormat } from '../services/layer_export';
import { requirePositional } from './cli_args';
import type { CliValues, CommandOutput } from './main';
import { withProject } from './open_project';

const USAGE = 'siting export <project.gpkg> --layer <layer> --out <file.geojson|file.csv>';

export async function runExport(positionals: string[], values: CliValues): Promise<CommandOutput> {
  const project = requirePositional(positionals, 0, 'project.gpkg', USAGE);
  if (!values.layer) throw new InputError(`missing --layer; usage: ${USAGE}`, { field: 'layer' });
  if (!values.out) throw new InputError(`missing --out; usage: ${USAGE}`, { field: 'out' });
  const layer = LayerName.safeParse(values.layer);
  if (!layer.success) throw new InputError(`unknown layer "${values.layer}"; layers: ${LAYER_NAMES.join(', ')}`, { field: 'layer' });
  const format = (values.format ?? exportFormatFromPath(values.out)) as ExportFormat | null;
  if (format !== 'geojson' && format !== 'csv') {
    throw new InputError('cannot tell the format: use an .geojson/.json or .csv file name, or --format geojson|csv', { file: values.out, field: 'format' });
  }
  const { content, count } = await withProject(project, (store) => exportLayer(store, layer.data, format, values.scenario));
  writeFileSync(values.out, content);
  return { json: { layer: layer.data, format, out: values.out, count }, text: `exported ${count} ${layer.data} to ${values.out}` };
}
