/**
 * The app's "save as scenario" (renderer/analysis/save_suggestion.ts) over the real host handlers on
 * the Wuhan sample: the sites the renderer's optimise task suggests are saved through one host call,
 * one transaction with the scenario, so that a failure leaves nothing behind (issue 10, defect 1).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contract, type Api, type Channel } from '../../shared/ipc/contract';
import { createHandlers } from '../../electron/services/api_handlers';
import { ProjectSession } from '../../electron/services/project_session';
import { dispatch } from '../../electron/ipc/dispatch';
import { decodeSnapshot } from '../../shared/snapshot/snapshot_codec';
import { saveSuggestion } from '../../renderer/analysis/save_suggestion';
import { WorkerMemory } from '../../renderer/workers/worker_memory';
import { gridPayload } from '../../renderer/workers/worker_inputs';
import { runOptimizeTask } from '../../renderer/workers/optimize_task';
import { tempDir } from '../helpers/paths';

/** The renderer's Api over the host's handlers in this process, recording the channels called. */
function hostApi(calls: Channel[]): Api {
  process.env.SITING_CONFIG_DIR = join(tempDir(), 'config');
  const handlers = createHandlers(new ProjectSession(), { host: 'browser', version: 'test', dialogs: null });
  const call = (channel: Channel) => async (input: unknown) => {
    calls.push(channel);
    const reply = await dispatch(handlers, channel, input);
    if (!reply.ok) throw Object.assign(new Error(reply.error.message), { code: reply.error.code });
    return reply.value;
  };
  return Object.fromEntries((Object.keys(contract) as Channel[]).map((channel) => [channel, call(channel)])) as unknown as Api;
}

const texts = {
  description: 'max-coverage, 1000 m',
  siteName: (site: { rank: number }) => `建议站点 ${site.rank}`,
  siteNote: (site: { rank: number }) => `rank ${site.rank}`,
};

describe('save suggestion: one host call, one transaction', () => {
  it('saves the suggested sites of the sample as a scenario of proposals in one call; a refused save writes nothing', async () => {
    const calls: Channel[] = [];
    const api = hostApi(calls);
    await api['project:create']({ path: join(tempDir(), 'w.gpkg'), sample: 'wuhan-core' });
    const inputs = await api['analysis:inputs:get']({ boundaries: true });
    const snapshot = decodeSnapshot(await api['project:snapshot:get']({ parts: ['grid'] })).grid!;
    const grid = gridPayload(snapshot.version, snapshot.data!, false);
    const task = await runOptimizeTask(
      {
        grid,
        roads: null,
        facilities: [],
        candidates: [],
        boundaries: inputs.boundaries ?? [],
        settings: { problem: 'max-coverage', k: 3, mode: 'circle', radiusM: 1000, candidates: { source: 'grid', gridM: 250 } },
        method: 'heuristic',
        seed: 1,
        highsWasmUrl: '',
      },
      new WorkerMemory(),
    );
    expect(task.sites.map((s) => s.rank)).toEqual([1, 2, 3]);

    calls.length = 0;
    const saved = await saveSuggestion(api, task, '东片 suggestion', 'day_care', texts);
    expect(calls).toEqual(['scenario:create-with-proposals']);
    expect(saved).toMatchObject({ scenario: { id: '东片-suggestion', name: '东片 suggestion' }, count: 3 });
    const stored = await api['proposals:list']({ scenario: '东片 suggestion' });
    expect(stored.map((p) => [p.id, p.name, p.lon, p.lat, p.note])).toEqual(
      task.sites.map((s) => [`东片-suggestion-${s.rank}`, `建议站点 ${s.rank}`, s.lon, s.lat, `rank ${s.rank}`]),
    );

    // The same name again: refused in the one call, and not a row or audit entry more.
    const audit = (await api['audit:list']({ limit: 1000 })).length;
    await expect(saveSuggestion(api, task, '东片 suggestion', 'day_care', texts)).rejects.toThrow(/a scenario named "东片 suggestion" already exists/);
    expect((await api['scenario:list']({})).map((s) => s.name)).toEqual(['baseline', '东片 suggestion']);
    expect((await api['audit:list']({ limit: 1000 })).length).toBe(audit);
  }, 60_000);
});
