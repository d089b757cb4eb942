import { InputError } from '../../shared/errors';
import { LAYER_NAMES, LayerName } from '../../shared/schemas/entities';
import { EXPORT_FORMATS, exportFormatFromPath, exportLayerToFile, type ExportFormat } from '../services/layer_export';
import { requirePositional } from './cli_args';
import type { CliValues, CommandOutput } from './main';
import { withProject } from './open_project';

const USAGE = 'siting export <project.gpkg> --layer <layer> --out <file.geojson|.csv|.gpkg|.kml> [--format geojson|csv|gpkg|kml] [--crs EPSG:4547|gcj02|...]';

/**
 * `siting export`: one layer to GeoJSON, CSV, GeoPackage or KML, optionally in another coordinate
 * system (--crs; CSV takes any, GeoJSON and GeoPackage EPSG systems, KML only WGS84).
 */
export async function runExport(positionals: string[], values: CliValues): Promise<CommandOutput> {
  const project = requirePositional(positionals, 0, 'project.gpkg', USAGE);
  if (!values.layer) throw new InputError(`missing --layer; usage: ${USAGE}`, { field: 'layer' });
  if (!values.out) throw new InputError(`missing --out; usage: ${USAGE}`, { field: 'out' });
  const layer = LayerName.safeParse(values.layer);
  if (!layer.success) throw new InputError(`unknown layer "${values.layer}"; layers: ${LAYER_NAMES.join(', ')}`, { field: 'layer' });
  const format = (values.format ?? exportFormatFromPath(values.out)) as ExportFormat | null;
  if (format === null || !EXPORT_FORMATS.includes(format)) {
    throw new InputError(`cannot tell the format: use a .geojson/.json, .csv, .gpkg or .kml file name, or --format ${EXPORT_FORMATS.join('|')}`, {
      file: values.out,
      field: 'format',
    });
  }
  const out = values.out;
  const result = await withProject(project, (store) => exportLayerToFile(store, layer.data, format, out, { scenario: values.scenario, crs: values.crs }));
  return {
    json: { layer: layer.data, format, out: values.out, count: result.count, crs: result.crs },
    text: `exported ${result.count} ${layer.data} to ${values.out} (${format}, ${result.crs})`,
  };
}
