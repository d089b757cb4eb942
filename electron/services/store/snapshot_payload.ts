/**
 * The project snapshot the renderer's worker computes on (`project:snapshot:get`), as one binary
 * buffer (shared/snapshot/snapshot_codec.ts): the population grid and the roads, each with the
 * version of its layer (ProjectSession.snapshotVersions). A part the caller already holds at the
 * current version is sent as "unchanged", without its arrays. Both hosts send these bytes as they are:
 * Electron over IPC (structured clone), the local HTTP host as application/octet-stream.
 */
import type { SnapshotRequest } from '../../../shared/ipc/contract';
import { encodeSnapshot, snapshotGrid, snapshotRoads, type Snapshot, type SnapshotGrid, type SnapshotRoads } from '../../../shared/snapshot/snapshot_codec';
import type { ProjectSession } from '../project_session';

/**
 * What a session's last snapshot read, under the versions it was read at: the cell size (a scan of
 * the whole population table, 0.2 s at city scale) and the roads as flat arrays. A new version of
 * the layer (ProjectSession.snapshotVersions) makes them be read again.
 */
interface Read {
  cellSize?: { version: string; value: SnapshotGrid['cellSize'] };
  roads?: { version: string; value: SnapshotRoads };
}
const reads = new WeakMap<ProjectSession, Read>();

/**
 * @example snapshotPayload(session, { parts: ['grid'], have: { grid: heldVersion } }) // a 52-byte "unchanged" when nothing changed
 */
export function snapshotPayload(session: ProjectSession, request: SnapshotRequest): Uint8Array<ArrayBuffer> {
  const versions = session.snapshotVersions();
  const store = session.store;
  const snapshot: Snapshot = {};
  let read = reads.get(session);
  if (!read) reads.set(session, (read = {}));
  // better-sqlite3 reads synchronously: nothing can commit between the versions and the reads below.
  if (request.parts.includes('grid')) {
    const version = versions.population;
    if (request.have.grid === version) snapshot.grid = { version, data: null };
    else {
      if (read.cellSize?.version !== version) read.cellSize = { version, value: store.populationCellSize() };
      snapshot.grid = { version, data: snapshotGrid(session.demandGrid(), read.cellSize.value) };
    }
  }
  if (request.parts.includes('roads')) {
    const version = versions.roads;
    if (request.have.roads === version) snapshot.roads = { version, data: null };
    else {
      if (read.roads?.version !== version) read.roads = { version, value: snapshotRoads(store.roadsForNetwork()) };
      snapshot.roads = { version, data: read.roads.value };
    }
  }
  return encodeSnapshot(snapshot);
}
