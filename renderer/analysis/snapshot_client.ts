/**
 * The renderer's side of the project snapshot (`project:snapshot:get`, shared/snapshot/snapshot_codec.ts).
 * The population grid is held here once, with its version, for the map, the live figures and the
 * workers; every later request says which version is held, and the host sends the grid again only
 * when its layer changed. The roads are asked for on behalf of a worker, with the version that worker
 * holds a network for; they arrive in a buffer of their own, which is moved into the worker.
 */
import type { Api } from '../../shared/ipc/contract';
import { decodeSnapshot, type SnapshotGrid, type SnapshotPart, type SnapshotRoads } from '../../shared/snapshot/snapshot_codec';

export interface HeldGrid {
  version: string;
  grid: SnapshotGrid;
}

/** Views are made in place: bytes that do not start at a multiple of 8 in their buffer are copied once. */
function aligned(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset % 8 === 0 ? bytes : bytes.slice();
}

export class SnapshotClient {
  private held: HeldGrid | null = null;
  private gridRequest: Promise<HeldGrid> | null = null;

  constructor(private readonly api: Api) {}

  /**
   * The grid at the host's current version (the held grid when unchanged). One request at a time: a
   * call made while a request is on its way asks again after it, with the version that request
   * brought — joining it could hand out a grid older than a change noticed in the meantime.
   */
  grid(): Promise<HeldGrid> {
    const request = (this.gridRequest ?? Promise.resolve()).catch(() => undefined).then(() => this.fetchGrid());
    this.gridRequest = request;
    const settled = () => {
      if (this.gridRequest === request) this.gridRequest = null;
    };
    request.then(settled, settled);
    return request;
  }

  /**
   * The roads for a worker that holds a network of version `held` (null: none): `data` null when that
   * is still the current version.
   */
  async roads(held: string | null): Promise<SnapshotPart<SnapshotRoads>> {
    const bytes = await this.api['project:snapshot:get']({ parts: ['roads'], have: held ? { roads: held } : {} });
    const part = decodeSnapshot(aligned(bytes)).roads;
    if (!part) throw new Error('project snapshot: the host sent no roads part');
    if (!part.data && part.version !== held) throw new Error(`project snapshot: roads ${part.version} marked unchanged, but ${held ?? 'none'} is held`);
    return part;
  }

  private async fetchGrid(): Promise<HeldGrid> {
    const held = this.held;
    const bytes = await this.api['project:snapshot:get']({ parts: ['grid'], have: held ? { grid: held.version } : {} });
    const part = decodeSnapshot(aligned(bytes)).grid;
    if (!part) throw new Error('project snapshot: the host sent no grid part');
    if (part.data) this.held = { version: part.version, grid: part.data };
    else if (!held || held.version !== part.version) throw new Error(`project snapshot: grid ${part.version} marked unchanged, but ${held?.version ?? 'none'} is held`);
    return this.held!;
  }
}

const snapshots = new WeakMap<Api, SnapshotClient>();

/** The snapshot of the host behind `api` (one per api, so one grid per window). */
export function snapshotClient(api: Api): SnapshotClient {
  let snapshot = snapshots.get(api);
  if (!snapshot) {
    snapshot = new SnapshotClient(api);
    snapshots.set(api, snapshot);
  }
  return snapshot;
}
