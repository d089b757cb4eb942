/**
 * Estates entered and edited in the app (`estates:apply`, store/estate_edits.ts) on the Wuhan sample
 * with the illustrative estates imported: puts insert or replace, deletes remove, each record with an
 * audit entry (before/after), the layer extent recomputed from what is stored; a record the Estate
 * schema refuses is named with its field and nothing of the change is written; and the inverse built
 * from the reply (renderer/workspace/edit_history.ts) restores the exact previous records.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Estate } from '../../shared/schemas/entities';
import { dispatch } from '../../electron/ipc/dispatch';
import type { ProjectSession } from '../../electron/services/project_session';
import { EditHistory, inverseOf, type ChangeSet } from '../../renderer/workspace/edit_history';
import { call, testHost } from '../helpers/host_handlers';
import { SAMPLE_DIR } from '../helpers/paths';

const ESTATES_CSV = join(SAMPLE_DIR, 'illustrative_estates.csv');

/** The estates layer's extent as stored in gpkg_contents (what QGIS and the app zoom to). */
function storedExtent(project: string): number[] | null {
  const db = new Database(project, { readonly: true });
  try {
    const row = db.prepare("SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE table_name = 'estates'").get() as Record<string, number | null>;
    return row.min_x === null ? null : [row.min_x, row.min_y, row.max_x, row.max_y] as number[];
  } finally {
    db.close();
  }
}

/** The bounding box of the estates' coordinates, computed here from the records. */
function extentOf(estates: readonly Estate[]): number[] {
  const xs: number[] = [];
  const ys: number[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value) && typeof value[0] === 'number') {
      xs.push(value[0]);
      ys.push(value[1] as number);
    } else if (Array.isArray(value)) value.forEach(visit);
  };
  for (const estate of estates) visit(estate.geometry.coordinates);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

const byId = (list: readonly Estate[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));

function newEstate(id: string, lon: number, lat: number): Estate {
  return {
    id,
    name: '测试新建小区',
    areaType: 'new',
    households: 1500,
    careFloorAreaM2: null,
    geometry: { type: 'Point', coordinates: [lon, lat] },
    source: null,
    residentialFloorAreaM2: null,
    averageUnitM2: null,
    urban: true,
    coLocatedHealthStation: null,
    synchronousProvision: false,
    careRooms: [{ floorAreaM2: 320, floorLevels: [1, 2], basement: false, lon, lat }],
  };
}

describe('estates:apply', () => {
  let session: ProjectSession;
  let project: string;
  let handlers: ReturnType<typeof testHost>['handlers'];
  let original: Estate[];

  beforeAll(async () => {
    const host = testHost();
    ({ session, handlers } = host);
    project = join(host.dir, 'estate-edits.gpkg');
    await call(handlers, 'project:create', { path: project, sample: 'wuhan-core' });
    await call(handlers, 'layer:import', { layer: 'estates', file: { path: ESTATES_CSV }, options: {} });
    original = await call(handlers, 'estates:list', {});
  }, 120_000);

  it('reads the imported estates as records', () => {
    expect(original.map((e) => e.id)).toEqual(['demo-E1', 'demo-E2', 'demo-E3', 'demo-E4', 'demo-E5', 'demo-E6', 'demo-E7', 'demo-E8']);
    const e1 = original[0];
    expect(e1).toMatchObject({ areaType: 'new', households: 1200, careRooms: [{ floorAreaM2: 260, floorLevels: [1], basement: false, lon: 114.2712, lat: 30.5915 }] });
    expect(storedExtent(project)).toEqual(extentOf(original));
  });

  it('puts, replaces and deletes with an audit entry each, keeps the extent, and undoes exactly', async () => {
    const history = new EditHistory<Estate>();
    const states: Estate[][] = [original];
    const apply = async (change: ChangeSet<Estate>, action: string) => {
      const before = session.store.auditEntries(1)[0].seq;
      const reply = await call(handlers, 'estates:apply', { ...change, action });
      history.record({ action, subject: change.put[0]?.name ?? change.delete[0], forward: change, inverse: inverseOf(change, reply, 'estates') });
      const now = await call(handlers, 'estates:list', {});
      states.push(now);
      // One audit entry per record, with the record before and after.
      const entries = session.store.auditEntries(change.put.length + change.delete.length).reverse();
      expect(entries[0].seq).toBe(before + 1);
      change.put.forEach((estate, k) => {
        expect(entries[k]).toMatchObject({ action, layer: 'estates', featureId: estate.id, before: reply.replaced[k], after: reply.after[k] });
        expect(now.find((e) => e.id === estate.id)).toEqual(reply.after[k]);
      });
      change.delete.forEach((id, k) => expect(entries[change.put.length + k]).toMatchObject({ featureId: id, after: null, before: reply.deleted[k] }));
      expect(storedExtent(project)).toEqual(extentOf(now));
      return reply;
    };

    // A new estate east of all the others: the extent grows to it.
    const added = await apply({ put: [newEstate('new-1', 114.4, 30.62)], delete: [] }, 'estate:add');
    expect(added.replaced).toEqual([null]);
    expect(added.after[0]).toEqual(newEstate('new-1', 114.4, 30.62));
    expect(storedExtent(project)![2]).toBe(114.4);

    // demo-E2 corrected: households and its care room; the reply gives the record as it was.
    const e2 = original.find((e) => e.id === 'demo-E2')!;
    const edited: Estate = { ...e2, households: 2000, careRooms: [{ floorAreaM2: 420, floorLevels: [-1], basement: true, lon: null, lat: null }] };
    const replaced = await apply({ put: [edited], delete: [] }, 'estate:edit');
    expect(replaced.replaced).toEqual([e2]);

    // demo-E8 deleted and the new estate edited in one change.
    await apply({ put: [{ ...newEstate('new-1', 114.4, 30.62), households: null, residentialFloorAreaM2: 90_000, averageUnitM2: 90 }], delete: ['demo-E8'] }, 'estate:edit');
    expect(states[3].map((e) => e.id)).not.toContain('demo-E8');

    // Undo step by step: each state comes back exactly (a re-inserted estate is listed last: by id).
    for (let step = states.length - 1; step > 0; step--) {
      const entry = history.peekUndo()!;
      await call(handlers, 'estates:apply', { ...entry.inverse, action: 'estate:undo' });
      history.undone();
      const now = await call(handlers, 'estates:list', {});
      expect(byId(now)).toEqual(byId(states[step - 1]));
      expect(storedExtent(project)).toEqual(extentOf(now));
    }
    expect(storedExtent(project)).toEqual(extentOf(original));
    expect(session.store.auditEntries(1)[0]).toMatchObject({ action: 'estate:undo', featureId: 'new-1', after: null });
    // Redo reaches the last state again.
    for (let step = 1; step < states.length; step++) {
      const entry = history.peekRedo()!;
      await call(handlers, 'estates:apply', { ...entry.forward, action: 'estate:redo' });
      history.redone();
      expect(byId(await call(handlers, 'estates:list', {}))).toEqual(byId(states[step]));
    }
    // Back to the imported estates for the other tests.
    while (history.peekUndo()) {
      await call(handlers, 'estates:apply', { ...history.peekUndo()!.inverse, action: 'estate:undo' });
      history.undone();
    }
    expect(byId(await call(handlers, 'estates:list', {}))).toEqual(byId(original));
  });

  it('refuses an invalid field naming the estate and the field, and writes nothing of the change', async () => {
    const audit = session.store.auditEntries(1)[0].seq;
    const e3 = original.find((e) => e.id === 'demo-E3')!;
    const cases: Array<{ put: unknown[]; estate: string; field: string }> = [
      { put: [newEstate('ok-1', 114.3, 30.58), { ...e3, households: -5 }], estate: 'demo-E3', field: 'households' },
      { put: [{ ...e3, careRooms: [{ floorAreaM2: -1, floorLevels: [1], basement: false, lon: null, lat: null }] }], estate: 'demo-E3', field: 'careRooms.0.floorAreaM2' },
      { put: [{ ...e3, careRooms: [{ floorAreaM2: 200, floorLevels: [1.5], basement: false, lon: null, lat: null }] }], estate: 'demo-E3', field: 'careRooms.0.floorLevels.0' },
      { put: [{ ...e3, areaType: 'villa' }], estate: 'demo-E3', field: 'areaType' },
      { put: [{ ...e3, averageUnitM2: 0 }], estate: 'demo-E3', field: 'averageUnitM2' },
      { put: [{ ...newEstate('ok-2', 114.3, 30.58), geometry: { type: 'Point', coordinates: [214.3, 30.58] } }], estate: 'ok-2', field: 'geometry.coordinates.0' },
    ];
    for (const { put, estate, field } of cases) {
      const reply = await dispatch(handlers, 'estates:apply', { put, delete: [] });
      expect(reply.ok).toBe(false);
      if (reply.ok) continue;
      expect(reply.error).toMatchObject({ code: 'bad_input', reason: 'estate_edit_invalid', params: { estate, field } });
    }
    // A valid put with the deletion of an estate that is not there: neither is written.
    const missing = await dispatch(handlers, 'estates:apply', { put: [newEstate('ok-3', 114.3, 30.58)], delete: ['no-such-estate'] });
    expect(missing).toMatchObject({ ok: false, error: { reason: 'estate_missing', params: { id: 'no-such-estate' } } });
    const twice = await dispatch(handlers, 'estates:apply', { put: [newEstate('ok-4', 114.3, 30.58), newEstate('ok-4', 114.31, 30.58)], delete: [] });
    expect(twice).toMatchObject({ ok: false, error: { reason: 'estate_edit_duplicate', params: { id: 'ok-4' } } });
    // Over the contract's bound: refused before the store sees it.
    const many = await dispatch(handlers, 'estates:apply', { put: [], delete: Array.from({ length: 1001 }, (_, k) => `x-${k}`) });
    expect(many).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect(session.store.auditEntries(1)[0].seq).toBe(audit);
    expect(await call(handlers, 'estates:list', {})).toEqual(original);
    expect(storedExtent(project)).toEqual(extentOf(original));
  });

  it('a new estate taking the id of a deleted one starts unreviewed: the deleted one\'s verdict is not shown for it', async () => {
    await call(handlers, 'review:run', { preset: 'nanhai' });
    const victim = original[0];
    const reviewsOf = (id: string) => new Database(project, { readonly: true }).prepare('SELECT COUNT(*) AS n FROM estate_reviews WHERE estate_id = ?').get(id) as { n: number };
    expect(reviewsOf(victim.id).n).toBe(1);
    // An edit of the estate keeps its review (the panel says the estates changed since).
    await call(handlers, 'estates:apply', { put: [{ ...victim, name: `${victim.name} (edited)` }], delete: [] });
    expect(reviewsOf(victim.id).n).toBe(1);
    await call(handlers, 'estates:apply', { put: [], delete: [victim.id] });
    expect(reviewsOf(victim.id).n).toBe(1);
    await call(handlers, 'estates:apply', { put: [newEstate(victim.id, 114.3, 30.55)], delete: [] });
    expect(reviewsOf(victim.id).n).toBe(0);
    const stored = await call(handlers, 'review:stored', {});
    expect(stored?.estates.map((estate) => estate.id)).not.toContain(victim.id);
    expect(stored?.unreviewed).toBe(1);
  });
});
