/**
 * The host's state: the open project and caches derived from it (the demand grid for analysis).
 * One session per window (Electron) or per local HTTP host.
 *
 * Another program may change the open file (`siting import` into it, QGIS): SQLite's data_version
 * tells, and checkExternalChange() then drops the caches and records what changed for the renderer
 * (`project:changes:get`). The handlers ask before every request. The session's own writes do not
 * count (data_version ignores them), but they change the counts, so the store tells the session of
 * each (ProjectStore.observeWrites) inside the write's transaction: once it has the write lock, the
 * session checks for another program's commit first (one that the write waited for is recorded as
 * that program's, before this write), and before the COMMIT it takes the written layers' new counts
 * as the state the next external change starts from. Nothing can commit in between.
 *
 * The look at the file never fails a request: a layer that cannot be counted (dropped, damaged) keeps
 * its last count, and the request itself then says what is wrong.
 */
import { randomBytes } from 'node:crypto';
import { basename, resolve } from 'node:path';
import { InputError } from '../../shared/errors';
import type { ExternalChange, SampleName } from '../../shared/ipc/contract';
import { LAYER_NAMES, type LayerName } from '../../shared/schemas/entities';
import type { DemandGrid } from '../../shared/engine/demand_grid';
import { addRecent } from './recent_projects';
import { loadSample } from './load_sample';
import { ProjectStore } from './store/project_store';
import { HOST_BUSY_TIMEOUT_MS } from './store/write_lock';

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
  if (!/^.+\.gpkg$/i.test(basename(absolute))) throw new InputError('a project file name must end in .gpkg', { file: path }, { reason: 'project_name_not_gpkg' });
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

/** The layers of the project snapshot that carry a version (snapshot_payload.ts). */
export type SnapshotLayer = 'population' | 'roads';

export class ProjectSession {
  private current: ProjectStore | null = null;
  private grid: DemandGrid | null = null;
  /**
   * The version of each snapshot layer: this host's random prefix and a counter that moves on every
   * change of that layer (an import, another program's commit, another project opened), so a version
   * is never given to two different contents while the host runs, nor by two hosts.
   */
  private readonly versionPrefix = randomBytes(4).toString('hex');
  private versionCounter = 0;
  private versions: Record<SnapshotLayer, string> = { population: this.nextVersion(), roads: this.nextVersion() };
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

  /** The current version of each snapshot layer (after a look for another program's changes). */
  snapshotVersions(): Record<SnapshotLayer, string> {
    this.checkExternalChange();
    return { ...this.versions };
  }

  private nextVersion(): string {
    return `${this.versionPrefix}-${(++this.versionCounter).toString(36)}`;
  }

  private layersChanged(layers: readonly SnapshotLayer[]): void {
    for (const layer of layers) this.versions[layer] = this.nextVersion();
  }

  /** Drops the cached grid (the store's own writes to the population layer and other programs' commits drop it already). */
  invalidate(): void {
    this.grid = null;
  }

  /**
   * Notices a commit of another program to the open file since the last look: drops the cached grid
   * and records the change (counts before and after, whether proposals changed). Null when there was
   * none (one pragma), no project is open, or the file cannot be read at all. Never throws.
   */
  checkExternalChange(): ExternalChange | null {
    if (!this.current || !this.seen) return null;
    let dataVersion: number;
    try {
      dataVersion = this.current.dataVersion();
    } catch {
      return null;
    }
    if (dataVersion === this.seen.dataVersion) return null;
    const before = this.seen;
    this.grid = null;
    // Which rows another program changed is not known: every snapshot layer gets a new version.
    this.layersChanged(['population', 'roads']);
    this.seen = look(this.current, before);
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
   * The store's own write to `layers` is about to commit (called in its transaction, after
   * checkExternalChange when it took the lock): takes their new counts as the state the next external
   * change starts from (counting only them: the population layer alone takes 30 ms at city scale).
   * Never throws.
   */
  private ownWriteDone(layers: readonly LayerName[]): void {
    if (!this.current || !this.seen) return;
    if (layers.includes('population')) this.grid = null;
    this.layersChanged((['population', 'roads'] as const).filter((layer) => layers.includes(layer)));
    const counts = { ...this.seen.counts };
    for (const layer of layers) counts[layer] = countOr(this.current, layer, counts[layer]);
    this.seen = { dataVersion: this.seen.dataVersion, counts, proposalsDigest: digestOrUnknown(this.current) };
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
    this.layersChanged(['population', 'roads']);
    store.setBusyTimeout(HOST_BUSY_TIMEOUT_MS);
    store.observeWrites({ locked: () => this.checkExternalChange(), written: (layers) => this.ownWriteDone(layers) });
    this.seen = look(store, null);
    addRecent(store.path);
  }
}

/**
 * The version is read first: a commit of another program between it and the counts is then noticed
 * (once more) at the next check, never missed. What cannot be read keeps what `last` saw (0 without
 * it); an unreadable proposals table counts as changed.
 */
function look(store: ProjectStore, last: Seen | null): Seen {
  let dataVersion: number;
  try {
    dataVersion = store.dataVersion();
  } catch {
    dataVersion = last?.dataVersion ?? 0;
  }
  const counts = {} as Record<LayerName, number>;
  for (const layer of LAYER_NAMES) counts[layer] = countOr(store, layer, last?.counts[layer] ?? 0);
  return { dataVersion, counts, proposalsDigest: digestOrUnknown(store) };
}

function countOr(store: ProjectStore, layer: LayerName, fallback: number): number {
  try {
    return store.countOf(layer);
  } catch {
    return fallback;
  }
}

/** Digests that never equal another, for proposals that could not be read. */
let unknownDigests = 0;

function digestOrUnknown(store: ProjectStore): string {
  try {
    return store.proposalsDigest();
  } catch {
    return `unreadable ${++unknownDigests}`;
  }
}
