import { InputError } from '../../shared/errors';
import { SAMPLE_NAMES, SampleName } from '../../shared/ipc/contract';
import { loadSample } from '../services/load_sample';
import { ProjectStore } from '../services/store/project_store';
import { requirePositional } from './cli_args';
import type { CliValues, CommandOutput } from './main';

const USAGE = 'siting new <project.gpkg> [--sample wuhan-core] [--force]';

export async function runNew(positionals: string[], values: CliValues): Promise<CommandOutput> {
  const path = requirePositional(positionals, 0, 'project.gpkg', USAGE);
  if (!/\.gpkg$/i.test(path)) throw new InputError('a project file name must end in .gpkg', { file: path }, { reason: 'project_name_not_gpkg' });
  let sample: SampleName | undefined;
  if (values.sample !== undefined) {
    const parsed = SampleName.safeParse(values.sample);
    if (!parsed.success) throw new InputError(`unknown sample "${values.sample}"; samples: ${SAMPLE_NAMES.join(', ')}`, { field: 'sample' });
    sample = parsed.data;
  }
  const store = ProjectStore.create(path, { force: values.force });
  try {
    if (sample) await loadSample(store, sample);
    const info = store.info();
    const counts = Object.entries(info.counts)
      .filter(([, n]) => n > 0)
      .map(([layer, n]) => `${layer} ${n}`)
      .join(', ');
    return { json: info, text: `created ${info.path}${counts ? ` (${counts})` : ''}` };
  } catch (error) {
    store.close();
    const { rmSync } = await import('node:fs');
    for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
    throw error;
  } finally {
    store.close();
  }
}
