/**
 * Import service: read the file(s), parse and validate them completely, then write in one
 * transaction. Nothing reaches the project unless every record of every file is valid.
 *
 * The work is import/import_into_project.ts (read, parse, stepped write that a cancel rolls back);
 * these are its entry points for callers that import directly rather than as a job of the app's
 * handlers: the CLI, the sample projects, tests. Several sources (the CLI's `siting import p.gpkg
 * population a.tif b.tif ...`) are parsed together: GeoTIFFs on one grid are summed.
 */
import type { FileSource, ImportOptions, ImportReport } from '../../shared/ipc/contract';
import type { ImportableLayer } from '../../shared/schemas/entities';
import { importIntoProject, type ImportPhase } from './import/import_into_project';
import type { ProjectStore } from './store/project_store';

export { MAX_IMPORT_BYTES, readFileSources } from './import/read_file_sources';

export async function importLayer(
  store: ProjectStore,
  layer: ImportableLayer,
  source: FileSource,
  options: ImportOptions,
  progress?: (fraction: number, phase: ImportPhase) => void,
  signal?: AbortSignal,
): Promise<ImportReport> {
  return importLayerSources(store, layer, [source], options, progress, signal);
}

/**
 * Several sources parsed together (GeoTIFFs to sum); one transaction for all, written in steps: an
 * abort of `signal` while parsing or writing throws CancelledError and leaves the project as it was.
 */
export async function importLayerSources(
  store: ProjectStore,
  layer: ImportableLayer,
  sources: FileSource[],
  options: ImportOptions,
  progress?: (fraction: number, phase: ImportPhase) => void,
  signal?: AbortSignal,
): Promise<ImportReport> {
  return importIntoProject(store, layer, sources, options, progress, signal);
}
