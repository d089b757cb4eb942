/** The proposal form: text → Proposal through the entity schema, with one problem per field. */
import { describe, expect, it } from 'vitest';
import { draftProposal, parseProposalForm, toFormValues } from '../../../renderer/workspace/proposal_form';

describe('proposal form', () => {
  const base = draftProposal('east', 114.2745123456, 30.6165, 'Proposal 1');

  it('drafts a valid proposal with a fresh id, rounded to 7 decimals', () => {
    expect(base).toMatchObject({ scenarioId: 'east', name: 'Proposal 1', kind: 'day_care', lon: 114.2745123, lat: 30.6165, capacity: null });
    expect(draftProposal('east', 114.3, 30.6, 'x').id).not.toBe(base.id);
    expect(draftProposal('east', 114.3, 30.6, '候选地块 12', { floorAreaM2: 420, floorLevel: 1 })).toMatchObject({ name: '候选地块 12', floorAreaM2: 420, floorLevel: 1 });
  });

  it('parses valid text (grouped numbers, blanks as unknown) and keeps id and scenario', () => {
    const values = { ...toFormValues(base), name: ' 江汉北日间照料中心 ', capacity: '1,200', beds: '30', nursingBeds: '12', floorAreaM2: '350.5', floorLevel: '-1', targetYear: '2027', note: '  ' };
    const result = parseProposalForm(values, base);
    expect(result).toEqual({ ok: true, proposal: { ...base, name: '江汉北日间照料中心', capacity: 1200, beds: 30, nursingBeds: 12, floorAreaM2: 350.5, floorLevel: -1, targetYear: 2027, note: null } });
  });

  it('names each bad field with the reason', () => {
    const values = { ...toFormValues(base), capacity: '-5', beds: '2.5', nursingBeds: 'many', targetYear: '1800', lon: '', lat: '91' };
    const result = parseProposalForm(values, base);
    if (result.ok) throw new Error('expected problems');
    expect(result.problems).toEqual(
      expect.arrayContaining([
        { field: 'capacity', key: 'min', values: { min: 0 } },
        { field: 'beds', key: 'whole' },
        { field: 'nursingBeds', key: 'number' },
        { field: 'targetYear', key: 'min', values: { min: 1900 } },
        { field: 'lon', key: 'required' },
        { field: 'lat', key: 'max', values: { max: 90 } },
      ]),
    );
    expect(result.problems).toHaveLength(6);
  });

  it('refuses more nursing beds than beds', () => {
    const result = parseProposalForm({ ...toFormValues(base), beds: '10', nursingBeds: '12' }, base);
    expect(result).toEqual({ ok: false, problems: [{ field: 'nursingBeds', key: 'nursingOverBeds', values: { beds: 10 } }] });
  });
});
