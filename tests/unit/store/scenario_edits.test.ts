import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Proposal } from '../../../shared/schemas/entities';
import { ProjectStore } from '../../../electron/services/store/project_store';
import { tempDir } from '../../helpers/paths';

function proposal(id: string, scenarioId: string, lon: number, lat: number, extra: Partial<Proposal> = {}): Proposal {
  return {
    id, scenarioId, name: `新建日间照料中心 ${id}`, kind: 'day_care', lon, lat, capacity: 40, beds: null, nursingBeds: null,
    floorAreaM2: 350, floorLevel: 1, targetYear: 2027, note: null, ...extra,
  };
}

function newStore(): ProjectStore {
  return ProjectStore.create(join(tempDir(), 'p.gpkg'));
}

describe('scenario and proposal edits', () => {
  it('creates, duplicates, renames and deletes scenarios with their proposals', () => {
    const store = newStore();
    const plan = store.edits.createScenario('方案一 Plan A');
    expect(plan.id).toBe('方案一-plan-a');
    store.addProposals([proposal('p1', plan.id, 114.25, 30.55), proposal('p2', plan.id, 114.3, 30.6)]);
    const copy = store.edits.duplicateScenario('方案一 Plan A', 'Plan B');
    expect(store.edits.proposals(copy.id).map((p) => [p.id, p.lon, p.lat])).toEqual([
      ['plan-b:p1', 114.25, 30.55],
      ['plan-b:p2', 114.3, 30.6],
    ]);
    expect(store.edits.renameScenario('Plan B', 'Plan B2').name).toBe('Plan B2');
    expect(() => store.edits.renameScenario('Plan B2', '方案一 Plan A')).toThrow(/already exists/);
    expect(store.edits.setPlan('Plan B2').isPlan).toBe(true);
    expect(store.scenarios().filter((s) => s.isPlan).map((s) => s.name)).toEqual(['Plan B2']);
    expect(store.edits.deleteScenario('Plan B2')).toEqual({ id: 'plan-b', proposalsDeleted: 2 });
    expect(store.counts().proposals).toBe(2);
    expect(() => store.edits.deleteScenario('baseline')).toThrow(/baseline scenario cannot be deleted/);
    store.close();
  });

  it('moves a proposal and undoes it with the inverse change the store returns', () => {
    const store = newStore();
    const plan = store.edits.createScenario('Plan A');
    store.addProposals([proposal('p1', plan.id, 114.25, 30.55)]);
    const moved = store.edits.applyProposalChanges({ put: [{ ...store.edits.proposal('p1')!, lon: 114.26, lat: 30.56 }], delete: [], action: 'proposal:move' });
    expect(moved.replaced[0]).toMatchObject({ lon: 114.25, lat: 30.55 });
    expect(store.edits.proposal('p1')).toMatchObject({ lon: 114.26, lat: 30.56 });
    // undo = put back what was replaced
    store.edits.applyProposalChanges({ put: [moved.replaced[0]!], delete: [], action: 'undo' });
    expect(store.edits.proposal('p1')).toMatchObject({ lon: 114.25, lat: 30.55 });
    // delete, then undo by putting the deleted proposal back
    const removed = store.edits.applyProposalChanges({ put: [], delete: ['p1'] });
    expect(store.edits.proposal('p1')).toBeNull();
    store.edits.applyProposalChanges({ put: removed.deleted, delete: [] });
    expect(store.edits.proposal('p1')).toMatchObject({ name: '新建日间照料中心 p1', targetYear: 2027 });
    const audit = store.auditEntries(10).map((a) => a.action);
    expect(audit.slice(0, 5)).toEqual(['proposal:add', 'proposal:delete', 'undo', 'proposal:move', 'proposal:add']);
    expect(store.bbox()).toEqual([114.25, 30.55, 114.25, 30.55]);
    store.close();
  });

  it('writes nothing when any change of an edit is invalid', () => {
    const store = newStore();
    const plan = store.edits.createScenario('Plan A');
    store.addProposals([proposal('p1', plan.id, 114.25, 30.55)]);
    const auditBefore = store.auditEntries(1000).length;
    expect(() =>
      store.edits.applyProposalChanges({ put: [proposal('p2', plan.id, 114.3, 30.6), proposal('p3', 'no such plan', 114.31, 30.61)], delete: [] }),
    ).toThrow(/unknown scenario "no such plan"/);
    expect(() => store.edits.applyProposalChanges({ put: [proposal('p4', plan.id, 114.3, 91)], delete: [] })).toThrow(/row 1, field lat/);
    expect(() => store.edits.applyProposalChanges({ put: [], delete: ['p1', 'ghost'] })).toThrow(/no proposal with id "ghost"/);
    expect(() => store.addProposals([proposal('p1', plan.id, 114.2, 30.5)])).toThrow(/id "p1" exists already/);
    expect(store.edits.proposals(plan.id).map((p) => p.id)).toEqual(['p1']);
    expect(store.auditEntries(1000).length).toBe(auditBefore);
    store.close();
  });

  it('saves a scenario with its proposals in one transaction: ids by rank, all or nothing', () => {
    const store = newStore();
    const site = (lon: number, lat: number) => {
      const { id: _id, scenarioId: _scenarioId, ...rest } = proposal('x', 'x', lon, lat);
      return rest;
    };
    // An existing proposal with the id the second site would get: that one is suffixed.
    const other = store.edits.createScenario('Other');
    store.addProposals([proposal('east-2', other.id, 114.2, 30.5)]);
    const auditBefore = store.auditEntries(1000).length;
    const saved = store.edits.createScenarioWithProposals('East', 'max-coverage k=3', [site(114.25, 30.55), site(114.26, 30.56), site(114.27, 30.57)]);
    expect(saved.scenario).toMatchObject({ id: 'east', name: 'East', description: 'max-coverage k=3' });
    expect(store.edits.proposals('east').map((p) => [p.id, p.scenarioId, p.lon])).toEqual([
      ['east-1', 'east', 114.25],
      ['east-2-2', 'east', 114.26],
      ['east-3', 'east', 114.27],
    ]);
    expect(store.auditEntries(1000).length - auditBefore).toBe(4);
    // A bad third site: no scenario, no proposal, no audit entry (not a created-then-deleted scenario).
    const auditAfter = store.auditEntries(1000).length;
    expect(() => store.edits.createScenarioWithProposals('West', null, [site(114.25, 30.55), site(114.26, 30.56), site(114.27, 91)])).toThrow(/row 3, field lat/);
    expect(store.scenarios().map((s) => s.name)).toEqual(['baseline', 'Other', 'East']);
    expect(store.counts().proposals).toBe(4);
    expect(store.auditEntries(1000).length).toBe(auditAfter);
    store.close();
  });

  it('counts a scenario proposals in coverage together with existing facilities', () => {
    const store = newStore();
    const plan = store.edits.createScenario('Plan A');
    store.addProposals([proposal('p1', plan.id, 114.25, 30.55), proposal('p2', plan.id, 114.3, 30.6, { kind: 'care_home' })]);
    expect(store.selectedFacilities(['day_care'], 'Plan A').map((f) => [f.id, f.origin])).toEqual([['p1', 'proposal']]);
    expect(store.selectedFacilities(['day_care'])).toEqual([]);
    store.close();
  });
});
