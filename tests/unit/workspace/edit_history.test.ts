/**
 * Undo/redo of proposal edits against the real project store: every inverse built from the store's
 * reply brings the stored proposals back exactly, and redo reaches the same state again.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Proposal } from '../../../shared/schemas/entities';
import { ProjectStore } from '../../../electron/services/store/project_store';
import { applyLocally, EditHistory, inverseOf, type ChangeSet } from '../../../renderer/workspace/edit_history';
import { tempDir } from '../../helpers/paths';
import { wuhanCells } from '../engine_network/wuhan_fixture';

function proposal(id: string, scenarioId: string, lon: number, lat: number, extra: Partial<Proposal> = {}): Proposal {
  return { id, scenarioId, name: `拟建 ${id}`, kind: 'day_care', lon, lat, capacity: 40, beds: null, nursingBeds: null, floorAreaM2: 350, floorLevel: 1, targetYear: 2027, note: null, ...extra };
}

describe('edit history over the project store', () => {
  it('undoes and redoes adds, moves, edits and deletes exactly (real Wuhan cell centres as sites)', () => {
    const store = ProjectStore.create(join(tempDir(), 'p.gpkg'));
    const scenario = store.edits.createScenario('方案A').id;
    const cells = wuhanCells();
    const site = (k: number) => cells[(k * 997) % cells.length];
    const history = new EditHistory();
    let shown: Proposal[] = [];
    const states: Proposal[][] = [store.edits.proposals(scenario)];
    const apply = (change: ChangeSet) => {
      const reply = store.edits.applyProposalChanges({ ...change, action: 'test' });
      history.record({ action: 'test', subject: '', forward: change, inverse: inverseOf(change, reply) });
      shown = applyLocally(shown, change);
      expect(shown).toEqual(store.edits.proposals(scenario));
      states.push(store.edits.proposals(scenario));
    };
    const [a, b, c] = [site(1), site(2), site(3)];
    apply({ put: [proposal('a', scenario, a.lon, a.lat), proposal('b', scenario, b.lon, b.lat)], delete: [] });
    apply({ put: [{ ...shown[0], lon: c.lon, lat: c.lat }], delete: [] });
    apply({ put: [{ ...shown[1], name: '江汉日间照料中心', beds: 30, nursingBeds: 12 }], delete: [] });
    apply({ put: [proposal('d', scenario, site(4).lon, site(4).lat)], delete: ['a'] });

    // Undo everything, one step at a time, checking each state; then redo everything. A proposal put
    // back after its deletion is stored anew (new fid, listed last): compare by id.
    const byId = (list: Proposal[]) => [...list].sort((x, y) => x.id.localeCompare(y.id));
    for (let step = states.length - 1; step > 0; step--) {
      const entry = history.peekUndo();
      if (!entry) throw new Error('undo stack ran out');
      store.edits.applyProposalChanges({ ...entry.inverse, action: 'proposal:undo' });
      history.undone();
      expect(byId(store.edits.proposals(scenario))).toEqual(byId(states[step - 1]));
    }
    expect(history.peekUndo()).toBeNull();
    for (let step = 1; step < states.length; step++) {
      const entry = history.peekRedo();
      if (!entry) throw new Error('redo stack ran out');
      store.edits.applyProposalChanges({ ...entry.forward, action: 'proposal:redo' });
      history.redone();
      expect(byId(store.edits.proposals(scenario))).toEqual(byId(states[step]));
    }
    // A new edit after undo drops the redo stack.
    history.undone();
    history.record({ action: 'x', subject: '', forward: { put: [], delete: [] }, inverse: { put: [], delete: [] } });
    expect(history.peekRedo()).toBeNull();
    store.close();
  });

  it('rejects a reply that does not match the change', () => {
    const change: ChangeSet = { put: [proposal('a', 's', 114.3, 30.6)], delete: [] };
    expect(() => inverseOf(change, { replaced: [], deleted: [], after: [] })).toThrow(/0 replaced proposals for 1 puts/);
  });
});
