/**
 * Writes of one store take turns with its stepped import write (issue 10 review, defect 3): an edit
 * asked for while an import has its transaction open must not become a savepoint inside it — it
 * would be acknowledged and then rolled back with a cancelled or failed import.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Proposal } from '../../../shared/schemas/entities';
import { importIntoProject } from '../../../electron/services/import/import_into_project';
import { ProjectStore } from '../../../electron/services/store/project_store';
import { SAMPLE_DIR, tempDir } from '../../helpers/paths';

const GRID = join(SAMPLE_DIR, 'wuhan_core_grid_100m.csv');

function proposal(id: string): Proposal {
  return { id, scenarioId: 'east', name: id, kind: 'day_care', lon: 114.3, lat: 30.58, capacity: 40, beds: null, nursingBeds: null, floorAreaM2: null, floorLevel: null, targetYear: null, note: null };
}

describe('an edit while the store’s own import writes', () => {
  it('waits for the import and is kept when the import is then cancelled', async () => {
    const store = ProjectStore.create(join(tempDir(), 'p.gpkg'));
    store.createScenario('East');
    const controller = new AbortController();
    let edit: Promise<number> | null = null;
    let steps = 0;
    // The 24,470 sample cells are written in three steps; the edit is asked for after the first, the
    // import cancelled after the second.
    const imported = importIntoProject(
      store,
      'population',
      [{ path: GRID }],
      {},
      (fraction, phase) => {
        if (phase !== 'writing' || fraction <= 0.6) return;
        steps++;
        if (steps === 1) edit = store.waitForWrite(() => store.addProposals([proposal('kept')]));
        if (steps === 2) controller.abort();
      },
      controller.signal,
    );
    await expect(imported).rejects.toMatchObject({ code: 'cancelled' });
    expect(edit).not.toBeNull();
    expect(await edit).toBe(1);
    expect(store.countOf('population')).toBe(0);
    expect(store.countOf('proposals')).toBe(1);
    expect(store.edits.proposals('east').map((p) => p.id)).toEqual(['kept']);
    store.close();
  });
});
