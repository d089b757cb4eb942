/**
 * The project snapshot the renderer's worker computes on (`project:snapshot:get`), as one binary
 * buffer (shared/snapshot/snapshot_codec.ts): the population grid and the roads, each with the
 * version of its layer (ProjectSession.snapshotVersions). A part the caller already holds at the
 * current version is sent as "unchanged", without its arrays. Both hosts send these bytes as they are:
 * Electron over IPC (structured clone), the local HTTP host as application/octet-stream.
 */
import type { SnapshotRequest } from '../../../shared/ipc/contract';
import { encodeSnapshot, snapshotGrid, snapshotRoads, type Snapshot } from '../../../shared/snapshot/snapshot_codec';
import type { ProjectSession } from '../project_session';

/**
 * @example snapshotPayload(session, { parts: ['grid'], have: { grid: heldVersion } }) // a 52-byte "unchanged" when nothing changed
 */
export function snapshotPayload(session: ProjectSession, request: SnapshotRequest): Uint8Array<ArrayBuffer> {
  const versions = session.snapshotVersions();
  const store = session.store;
  const snapshot: Snapshot = {};
  // better-sqlite3 reads synchronously: nothing can commit between the versions and the reads below.
  if (request.parts.includes('grid')) {
    const version = versions.population;
    snapshot.grid = { version, data: request.have.grid === version ? null : snapshotGrid(session.demandGrid(), store.populationCellSize()) };
  }
  if (request.parts.includes('roads')) {
    const version = versions.roads;
    snapshot.roads = { version, data: request.have.roads === version ? null : snapshotRoads(store.roadsForNetwork()) };
  }
  return encodeSnapshot(snapshot);
}
