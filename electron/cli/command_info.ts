import { requirePositional } from './cli_args';
import type { CommandOutput } from './main';
import { withProject } from './open_project';
import { COUNT_FIELDS } from '../../shared/import/raster_fields';
import { noteField, type PopulationNote } from '../../shared/import/population_note';

/** The population note: each import, then each count with its sources, or "not imported". */
function populationNoteLines(note: PopulationNote | null): string[] {
  if (!note) return [];
  const lines = ['population note:'];
  note.imports.forEach((entry, i) => {
    const verb = i === 0 ? 'imported' : 'appended';
    lines.push(`  ${entry.importedAt}: ${verb} ${entry.cells} cells from ${entry.files.join(', ')} (${entry.format}, ${entry.crs ?? 'CRS unknown'})`);
  });
  for (const field of COUNT_FIELDS) {
    const known = noteField(note, field);
    lines.push(`  ${field.padEnd(10)} ${known ? `${known.total.toFixed(1)} persons in ${known.cells} cells <- ${known.sources.join(' + ')}` : 'not imported'}`);
  }
  return lines;
}

export async function runInfo(positionals: string[]): Promise<CommandOutput> {
  const project = requirePositional(positionals, 0, 'project.gpkg', 'siting info <project.gpkg>');
  return withProject(project, (store) => {
    const info = { ...store.info(), scenarios: store.scenarios() };
    const lines = [
      `${info.name} (${info.path}), schema ${info.schemaVersion}`,
      ...Object.entries(info.counts).map(([layer, n]) => `  ${layer.padEnd(12)} ${n}`),
      `scenarios: ${info.scenarios.map((s) => s.name).join(', ')}`,
      ...info.attributions.map((a) => `attribution: ${a}`),
      ...populationNoteLines(info.populationNote ?? null),
    ];
    return { json: info, text: lines.join('\n') };
  });
}
