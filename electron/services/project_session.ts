/**
 * The host's state: the open project and caches derived from it (the demand grid for analysis).
 * One session per window (Electron) or per local HTTP host.
 *
 * Another program may change the open file (`siting import` into it, QGIS): SQLite's data_version
 * tells, and checkExternalChange() then drops the caches and records what changed for the renderer
 * (`project:changes:get`). The handlers ask before every request; the session's own writes do not
 * count (data_version ignores them), but they change the counts, so the handlers call ownWriteDone()
 * after each to keep the "before" of the next external change right.
 */
import { basename, resolve } from 'node:path';
import { InputError } from '../../shared/errors';
import type { ExternalChange, SampleName } from '../../shared/ipc/contract';
import type { LayerName } from '../../shared/schemas/entities';
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

/** What the session last saw of its file, to tell another program's changes from its own. */
interface Seen {
  dataVersion: number;
  counts: Record<LayerName, number>;
  proposalsDigest: string;
}

/** Noticed changes kept for renderers that poll less often (each renderer merges what it missed). */
const KEPT_CHANGES = 20;

export class ProjectSession {
  private current: ProjectStore | null = null;
  private grid: DemandGrid | null = null;
  private seen: Seen | null = null;
  private changeSeq = 0;
  private changes: ExternalChange[] = [];

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

  /** The population layer as typed arrays, cached until the layer changes (here or in another program). */
  demandGrid(): DemandGrid {
    this.checkExternalChange();
    if (!this.grid) this.grid = this.store.loadDemandGrid();
    return this.grid;
  }

  /** Call after any write to the population layer. */
  invalidate(): void {
    this.grid = null;
  }

  /**
   * Notices a commit of another program to the open file since the last look: drops the cached grid
   * and records the change (counts before and after, whether proposals changed). Null when there was
   * none (one pragma) or no project is open.
   */
  checkExternalChange(): ExternalChange | null {
    if (!this.current || !this.seen || this.current.dataVersion() === this.seen.dataVersion) return null;
    const before = this.seen;
    this.grid = null;
    this.seen = look(this.current);
    const change: ExternalChange = {
      seq: ++this.changeSeq,
      before: before.counts,
      after: this.seen.counts,
      proposalsChanged: before.proposalsDigest !== this.seen.proposalsDigest,
    };
    this.changes.push(change);
    if (this.changes.length > KEPT_CHANGES) this.changes.shift();
    return change;
  }

  /** External changes noticed after `since` (none without it) and the latest sequence number. */
  changesSince(since?: number): { seq: number; changes: ExternalChange[] } {
    this.checkExternalChange();
    return { seq: this.changeSeq, changes: since === undefined ? [] : this.changes.filter((change) => change.seq > since) };
  }

  /**
   * Call after a write of this session (import, proposal or scenario edit) to `layers`: takes their
   * new counts as the state the next external change starts from (counting only them: the population
   * layer alone takes 30 ms at city scale). A commit of another program that came first is recorded
   * as such (its "before" then lacks this write; the counts after are right).
   */
  ownWriteDone(layers: readonly LayerName[]): void {
    if (!this.current || !this.seen || this.checkExternalChange()) return;
    const counts = { ...this.seen.counts };
    for (const layer of layers) counts[layer] = this.current.countOf(layer);
    this.seen = { dataVersion: this.seen.dataVersion, counts, proposalsDigest: this.current.proposalsDigest() };
  }

  close(): void {
    this.current?.close();
    this.current = null;
    this.grid = null;
    this.seen = null;
    this.changes = [];
  }

  private replace(store: ProjectStore): void {
    this.close();
    this.current = store;
    this.seen = look(store);
    addRecent(store.path);
  }
}

/**
 * The version is read first: a commit of another program between it and the counts is then noticed
 * (once more) at the next check, never missed.
 */
function look(store: ProjectStore): Seen {
  return { dataVersion: store.dataVersion(), counts: store.counts(), proposalsDigest: store.proposalsDigest() };
}
