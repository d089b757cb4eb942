/**
 * The edit history over estates (the record type is generic): the inverse of a change puts back what
 * the reply says was replaced or deleted and deletes what was new, applyLocally follows the host's
 * order, and a reply that does not match names the records.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Estate } from '../../../shared/schemas/entities';
import { applyLocally, EditHistory, inverseOf, type ChangeSet } from '../../../renderer/workspace/edit_history';
import { SAMPLE_DIR } from '../../helpers/paths';

/** The sample's illustrative estates as points with their households (first columns: no quoted commas). */
function sampleEstates(): Estate[] {
  const [header, ...rows] = readFileSync(join(SAMPLE_DIR, 'illustrative_estates.csv'), 'utf8').trim().split('\n').map((line) => line.split(','));
  const at = (cells: string[], name: string) => cells[header.indexOf(name)];
  return rows.map((cells) => ({
    id: at(cells, 'id'),
    name: at(cells, 'name'),
    areaType: at(cells, 'estate_type') as Estate['areaType'],
    households: at(cells, 'households') === '' ? null : Number(at(cells, 'households')),
    careFloorAreaM2: null,
    geometry: { type: 'Point', coordinates: [Number(at(cells, 'lon')), Number(at(cells, 'lat'))] },
    source: null,
  }));
}

describe('EditHistory<Estate>', () => {
  it('inverts puts and deletes of estates and applies them locally in host order', () => {
    const estates = sampleEstates();
    expect(estates).toHaveLength(8);
    const [e1, e2] = estates;
    const change: ChangeSet<Estate> = { put: [{ ...e1, households: e1.households! + 100 }, { ...e2, id: 'new-1' }], delete: [estates[7].id] };
    const reply = { replaced: [e1, null], deleted: [estates[7]], after: change.put };
    const inverse = inverseOf(change, reply, 'estates');
    expect(inverse).toEqual({ put: [e1, estates[7]], delete: ['new-1'] });

    const edited = applyLocally(estates, change);
    expect(edited.map((e) => e.id)).toEqual([...estates.slice(0, 7).map((e) => e.id), 'new-1']);
    expect(edited[0].households).toBe(1300);
    // The inverse brings back every estate as it was (the deleted one appended at the end).
    const back = applyLocally(edited, inverse);
    expect([...back].sort((a, b) => a.id.localeCompare(b.id))).toEqual([...estates].sort((a, b) => a.id.localeCompare(b.id)));

    const history = new EditHistory<Estate>();
    history.record({ action: 'estate:edit', subject: e1.name, forward: change, inverse });
    expect(history.peekUndo()?.subject).toBe('示意新建小区 甲 (illustrative)');
    history.undone();
    expect(history.peekRedo()?.inverse).toBe(inverse);
  });

  it('names the records of a reply that does not match', () => {
    const [e1] = sampleEstates();
    expect(() => inverseOf<Estate>({ put: [e1], delete: [] }, { replaced: [], deleted: [], after: [] }, 'estates')).toThrow(/0 replaced estates for 1 puts/);
  });
});
