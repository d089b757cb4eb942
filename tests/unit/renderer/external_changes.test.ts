import { describe, expect, it } from 'vitest';
import type { ExternalChange } from '../../../shared/ipc/contract';
import { mergeChanges } from '../../../renderer/state/external_changes';

const counts = (population: number, proposals: number, facilities = 4) => ({ population, facilities, estates: 0, boundaries: 1, roads: 0, candidates: 0, proposals });

describe('mergeChanges (external changes noticed between two polls)', () => {
  it('reports counts from before the first change to after the last, only layers that differ', () => {
    const changes: ExternalChange[] = [
      { seq: 3, before: counts(24_470, 2), after: counts(494_676, 2), proposalsChanged: false },
      { seq: 4, before: counts(494_676, 2), after: counts(494_676, 4), proposalsChanged: true },
    ];
    expect(mergeChanges(changes)).toEqual({
      layers: [
        { layer: 'population', before: 24_470, after: 494_676 },
        { layer: 'proposals', before: 2, after: 4 },
      ],
      proposalsChanged: true,
    });
  });

  it('a change back to the same counts lists no layer; no change is null', () => {
    const changes: ExternalChange[] = [
      { seq: 1, before: counts(24_470, 0), after: counts(10, 0), proposalsChanged: false },
      { seq: 2, before: counts(10, 0), after: counts(24_470, 0), proposalsChanged: false },
    ];
    expect(mergeChanges(changes)).toEqual({ layers: [], proposalsChanged: false });
    expect(mergeChanges([])).toBeNull();
  });
});
