#!/usr/bin/env node
/**
 * A burst of proposal edits on a real project, through the store's edit API (the calls the app's
 * 'scenario:create' and 'proposals:apply' handlers make), one transaction each; after each commit it
 * prints `ack <n>` (n = 0 for the scenario, 1..count for the edits), as the app acknowledges an edit.
 * Edit n puts the new proposal burst-n at placed(n) and moves burst-(n-1) to moved(n-1), so an edit
 * that is half there shows as a new proposal without the move, or the reverse.
 *
 *   node tests/helpers/edit_burst.mjs <project.gpkg> <count>
 *
 * Run on Node 22 (the tests' process.execPath). stdout to a pipe is written synchronously on Linux,
 * so an ack line has left the process before the next edit starts.
 */
import { register } from 'tsx/esm/api';

register();
const { ProjectStore } = await import('../../electron/services/store/project_store.ts');
const { burstProposal, BURST_SCENARIO } = await import('./edit_burst_records.ts');

const [path, countText] = process.argv.slice(2);
const count = Number(countText);
const store = ProjectStore.open(path);
const scenario = store.edits.createScenario(BURST_SCENARIO);
process.stdout.write('ack 0\n');
for (let n = 1; n <= count; n++) {
  const put = [burstProposal(scenario.id, n, 'placed')];
  if (n > 1) put.push(burstProposal(scenario.id, n - 1, 'moved'));
  store.edits.applyProposalChanges({ put, delete: [], action: 'proposal:burst' });
  process.stdout.write(`ack ${n}\n`);
}
store.close();
