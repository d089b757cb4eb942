import { requirePositional } from './cli_args';
import type { CommandOutput } from './main';
import { withProject } from './open_project';

export async function runInfo(positionals: string[]): Promise<CommandOutput> {
  const project = requirePositional(positionals, 0, 'project.gpkg', 'siting info <project.gpkg>');
  return withProject(project, (store) => {
    const info = { ...store.info(), scenarios: store.scenarios() };
    const lines = [
      `${info.name} (${info.path}), schema ${info.schemaVersion}`,
      ...Object.entries(info.counts).map(([layer, n]) => `  ${layer.padEnd(12)} ${n}`),
      `scenarios: ${info.scenarios.map((s) => s.name).join(', ')}`,
      ...info.attributions.map((a) => `attribution: ${a}`),
    ];
    return { json: info, text: lines.join('\n') };
  });
}
