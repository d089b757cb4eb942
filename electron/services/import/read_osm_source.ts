/**
 * OpenStreetMap import (.osm XML, .osm.pbf) into the roads layer: ways with a highway tag become road
 * lines with all their tags (osm_ways.ts); parse_feature_layer.ts then maps highway/name/@id and
 * checks the geometry. OSM is WGS84 lon/lat by definition.
 */
import { InputError } from '../../../shared/errors';
import type { ImportOptions } from '../../../shared/ipc/contract';
import type { ImportableLayer } from '../../../shared/schemas/entities';
import { resolveImportCrs } from './import_crs';
import type { ImportProgress } from './import_progress';
import type { SourceRead } from './layer_source';
import type { ImportFile } from './parsed_layer';
import { readOsmPbf } from './read_osm_pbf';
import { readOsmXml } from './read_osm_xml';

export async function readOsmSource(layer: ImportableLayer, input: ImportFile, format: 'osm' | 'osm_pbf', options: ImportOptions, progress: ImportProgress): Promise<SourceRead> {
  if (layer !== 'roads') {
    throw new InputError(`OpenStreetMap files can only be imported into the roads layer, not ${layer}`, { file: input.name, field: 'layer', expected: 'roads' });
  }
  const osm = format === 'osm' ? await readOsmXml(input.bytes, input.name, progress) : await readOsmPbf(input.bytes, input.name, progress);
  if (osm.features.length === 0) {
    const why = osm.wayCount === 0 ? 'the file has no ways' : `none of its ${osm.wayCount} ways is a usable road (${osm.skipped.map((s) => s.reason).slice(0, 3).join('; ')})`;
    throw new InputError(`no data rows: ${why}`, { file: input.name, expected: 'ways with a highway tag' });
  }
  const warnings: string[] = [];
  const crs = resolveImportCrs(options.crs, null, input.name, warnings);
  return {
    file: input.name,
    source: {
      kind: 'features',
      format,
      features: osm.features,
      crs,
      crsChosen: true,
      encoding: format === 'osm' ? 'utf-8' : null,
      warnings,
      skipped: osm.skipped,
      skippedCount: osm.skippedCount,
      progressFrom: 0.6,
      noun: 'ways',
    },
  };
}
