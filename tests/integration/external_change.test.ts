/**
 * Issue 10, defect 4: another program (the `siting` CLI) changes the project the host has open. The
 * host notices it through SQLite's data_version, drops its cached grid and reports what changed, so the
 * app analyses the new data instead of the grid it loaded before.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Proposal } from '../../shared/schemas/entities';
import { decodeSnapshot } from '../../shared/snapshot/snapshot_codec';
import { ProjectStore } from '../../electron/services/store/project_store';
import { SAMPLE_DIR } from '../helpers/paths';
import { runCli } from '../helpers/run_cli';
import { testData } from '../helpers/test_data';
import { call, testHost } from '../helpers/host_handlers';

const SAMPLE_CELLS = 24_470;
const WUHAN_60_CELLS = 494_676;

async function sampleHost() {
  const { dir, session, handlers } = testHost();
  const path = join(dir, 'w.gpkg');
  await call(handlers, 'project:create', { path, sample: 'wuhan-core' });
  return { path, session, handlers };
}

const proposal = (scenarioId: string, id: string, lon: number): Proposal => ({
  id,
  scenarioId,
  name: id,
  kind: 'day_care',
  lon,
  lat: 30.58,
  capacity: 40,
  beds: null,
  nursingBeds: null,
  floorAreaM2: null,
  floorLevel: null,
  targetYear: null,
  note: null,
});

describe('PRAGMA data_version (the store’s change check)', () => {
  it('changes when another connection commits, not for the connection’s own writes', async () => {
    const { path, session } = await sampleHost();
    const store = session.store;
    const first = store.dataVersion();
    store.setSetting('probe', 1);
    store.createScenario('own edit');
    expect(store.dataVersion()).toBe(first);
    const other = ProjectStore.open(path);
    other.setSetting('probe', 2);
    other.close();
    const second = store.dataVersion();
    expect(second).not.toBe(first);
    expect(store.dataVersion()).toBe(second);
    session.close();
  });
});

describe('a project changed by another program while the host has it open', () => {
  it('the real CLI replaces the population grid: the next analysis uses the new 494,676 cells and the host reports the change', async () => {
    const { path, session, handlers } = await sampleHost();
    const before = await call(handlers, 'analysis:coverage:run', { radiusM: 1000 });
    expect(before.cells.total).toBe(SAMPLE_CELLS);

    const cli = runCli(['import', path, 'population', testData('wuhan/wuhan_pop60plus_100m.tif'), '--replace', '--json']);
    expect(cli.status, cli.stderr).toBe(0);
    expect(cli.json.imported).toBe(WUHAN_60_CELLS);

    const after = await call(handlers, 'analysis:coverage:run', { radiusM: 1000 });
    expect(after.cells.total).toBe(WUHAN_60_CELLS);
    expect(decodeSnapshot(await call(handlers, 'project:snapshot:get', { parts: ['grid'] })).grid!.data!.count).toBe(WUHAN_60_CELLS);
    expect((await call(handlers, 'project:current:get', {}))?.counts.population).toBe(WUHAN_60_CELLS);
    // Without `since` (a renderer that has just started): the current sequence number, nothing to show.
    expect(await call(handlers, 'project:changes:get', {})).toEqual({ seq: 1, changes: [] });
    const changes = await call(handlers, 'project:changes:get', { since: 0 });
    expect(changes.seq).toBe(1);
    expect(changes.changes).toHaveLength(1);
    expect(changes.changes[0]).toMatchObject({
      seq: 1,
      before: { population: SAMPLE_CELLS, boundaries: 1, proposals: 0 },
      after: { population: WUHAN_60_CELLS, boundaries: 1, proposals: 0 },
      proposalsChanged: false,
    });
    // Seen once: asking again from the new sequence number reports nothing.
    expect(await call(handlers, 'project:changes:get', { since: 1 })).toEqual({ seq: 1, changes: [] });
    session.close();
  });

  it('the host’s own edits are not reported; another connection’s proposal edit is, with proposalsChanged', async () => {
    const { path, session, handlers } = await sampleHost();
    const scenario = await call(handlers, 'scenario:create', { name: 'Plan A' });
    await call(handlers, 'proposals:apply', { put: [proposal(scenario.id, 'p-own', 114.3)], delete: [] });
    const own = await call(handlers, 'layer:import', { layer: 'facilities', file: { path: join(SAMPLE_DIR, 'illustrative_facilities.csv') }, options: {} });
    expect(own.imported).toBe(5);
    expect(await call(handlers, 'project:changes:get', { since: 0 })).toEqual({ seq: 0, changes: [] });

    // Another program edits a setting only: reported (counts equal), proposals untouched.
    const other = ProjectStore.open(path);
    other.setSetting('note', 'from another program');
    const settingOnly = await call(handlers, 'project:changes:get', { since: 0 });
    expect(settingOnly.changes).toMatchObject([{ seq: 1, proposalsChanged: false }]);
    expect(settingOnly.changes[0].before).toEqual(settingOnly.changes[0].after);

    // Now it moves the host's proposal: the undo history of proposal edits no longer applies.
    other.edits.applyProposalChanges({ put: [{ ...proposal(scenario.id, 'p-own', 114.31) }], delete: [] });
    other.edits.addProposals([proposal(scenario.id, 'p-other', 114.32)]);
    other.close();
    const edited = await call(handlers, 'project:changes:get', { since: 1 });
    // "before" includes the host's own writes (1 proposal, 5 facilities), not only what it had at open.
    expect(edited.changes).toMatchObject([{ seq: 2, before: { proposals: 1, facilities: 5 }, after: { proposals: 2, facilities: 5 }, proposalsChanged: true }]);
    expect((await call(handlers, 'proposals:list', { scenario: scenario.id })).map((p) => [p.id, p.lon])).toEqual([
      ['p-own', 114.31],
      ['p-other', 114.32],
    ]);
    session.close();
  });
});
