/**
 * The host's state: the open project and caches derived from it (the demand grid for analysis).
 * One session per window (Electron) or per local HTTP host.
 */
import { basename, resolve } from 'node:path';
import { InputError } from '../../shared/errors';
import type { SampleName } from '../../shared/ipc/contract';
import type { DemandGrid } from '../../shared/engine/demand_grid';
import { addRecent } from './recent_projects';
import { loadSample } from './samples';
import { ProjectStore } from './store/project_store';

export class NoProjectError extends Error {
  readonly code = 'no_project' as const;
  constructor() {
    super('no project is open: create or open a project first');
  }
}

/**
 * The absolute path of a new project file. The name is checked after normalisation ("x.gpkg/.." is
 * the folder, ".gpkg" has no name) and may not hold a NUL, where SQLite would cut it.
 */
function projectFilePath(path: string): string {
  if (path.includes('\u0000')) throw new InputError('a file path cannot contain a NUL character', { file: path });
  const absolute = resolve(path);
  if (!/^.+\.gpkg$/i.test(basename(absolute))) throw new InputError('a project file name must end in .gpkg', { file: path });
  return absolute;
}

export class ProjectSession {
  private current: ProjectStore | null = null;
  private grid: DemandGrid | null = null;

  get store(): ProjectStore {
    if (!this.current) throw new NoProjectError();
    return this.current;
  }

  get isOpen(): boolean {
    return this.current !== null;
  }

  async create(path: string, options: { sample?: SampleName; force?: boolean } = {}): Promise<ProjectStore> {
    const absolute = projectFilePath(path);
    const store = ProjectStore.create(absolute, { force: options.force });
    try {
      if (options.sample) await loadSample(store, options.sample);
    } catch (error) {
      store.close();
      throw error;
    }
    this.replace(store);
    return store;
  }

  open(path: string): ProjectStore {
    const store = ProjectStore.open(resolve(path));
    this.replace(store);
    return store;
  }

  /** Copies the project to a new file and continues working on the copy. */
  saveAs(path: string, force = false): ProjectStore {
    const absolute = projectFilePath(path);
    this.store.copyTo(absolute, { force });
    return this.open(absolute);
  }

  /** The population layer as typed arrays, cached until the layer changes. */
  demandGrid(): DemandGrid {
    if (!this.grid) this.grid = this.store.loadDemandGrid();
    return this.grid;
  }

  /** Call after any write to the population layer. */
  invalidate(): void {
    this.grid = null;
  }

  close(): void {
    this.current?.close();
    this.current = null;
    this.grid = null;
  }

  private replace(store: ProjectStore): void {
    this.close();
    this.current = store;
    addRecent(store.path);
  }
}
