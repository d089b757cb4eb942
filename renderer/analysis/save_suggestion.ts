/**
 * "Save as scenario": the suggested sites become a new scenario of proposals through the shared use
 * case (shared/usecases/save_suggestion.ts, which `siting optimize --save` uses too) and the host's
 * one call for it (`scenario:create-with-proposals`): the scenario, its proposals and their audit
 * entries in one transaction, so a failure leaves no empty scenario behind. Proposal ids are
 * `<scenario id>-<rank>` (with a suffix when a proposal of that id exists already).
 */
import type { Api } from '../../shared/ipc/contract';
import type { FacilityKind, Scenario } from '../../shared/schemas/entities';
import { suggestionChangeSet, type SuggestionTexts } from '../../shared/usecases/save_suggestion';
import type { OptimizeTaskResult } from '../workers/optimize_task';

export type SaveTexts = SuggestionTexts;

/**
 * @example await saveSuggestion(api, task, 'max-coverage k=3', 'day_care', texts)
 */
export async function saveSuggestion(api: Api, task: OptimizeTaskResult, name: string, kind: FacilityKind, texts: SaveTexts): Promise<{ scenario: Scenario; count: number }> {
  const changes = suggestionChangeSet(task.sites, name, kind, texts);
  const saved = await api['scenario:create-with-proposals'](changes);
  return { scenario: saved.scenario, count: saved.proposals.length };
}
