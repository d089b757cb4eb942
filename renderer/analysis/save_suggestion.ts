/**
 * "Save as scenario": the suggested sites become a new scenario of proposals (one day-care centre per
 * site, its marginal gain in the note — proposals have no numeric field for it; it is how much worse
 * the goal gets when that site alone is removed — and its day places as capacity when known), which the planner can then edit like any proposal and which
 * the analyses count when the scenario is chosen. Same records as `siting optimize --save`.
 */
import type { Api } from '../../shared/ipc/contract';
import type { FacilityKind, Scenario } from '../../shared/schemas/entities';
import type { OptimizeTaskResult, SuggestedSite } from '../workers/optimize_task';

export interface SaveTexts {
  description: string;
  siteName: (site: SuggestedSite) => string;
  siteNote: (site: SuggestedSite) => string;
}

/** "max-coverage k=3 2026-11-22 14:05" (local time), made unique among `taken` names. */
export function defaultScenarioName(task: OptimizeTaskResult, taken: readonly string[], now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())} ${pad(now.getHours())}:${pad(now.getMinutes())}`;
  const size = task.result.problem === 'min-facilities' ? `n=${task.sites.length}` : `k=${task.sites.length}`;
  const base = `${task.result.problem} ${size} ${stamp}`;
  const names = new Set(taken);
  if (!names.has(base)) return base;
  for (let n = 2; ; n++) if (!names.has(`${base} (${n})`)) return `${base} (${n})`;
}

/** The kind the new sites get: day-care centres, unless the analysis counts other kinds only. */
export function proposalKind(kinds: readonly FacilityKind[]): FacilityKind {
  return kinds.includes('day_care') || kinds.length === 0 ? 'day_care' : kinds[0];
}

/**
 * Saves the scenario with one proposal per site through the host's one call for it: the scenario,
 * its proposals and their audit entries in one transaction, as `siting optimize --save` writes them
 * (ScenarioEdits.createScenarioWithProposals), so a failure leaves no empty scenario behind. Proposal
 * ids are `<scenario id>-<rank>` (with a suffix when a proposal of that id exists already).
 * @example await saveSuggestion(api, task, 'max-coverage k=3', 'day_care', texts)
 */
export async function saveSuggestion(api: Api, task: OptimizeTaskResult, name: string, kind: FacilityKind, texts: SaveTexts): Promise<{ scenario: Scenario; count: number }> {
  if (task.sites.length === 0) throw new Error('the optimiser chose no new site: nothing to save');
  const proposals = [...task.sites]
    .sort((a, b) => a.rank - b.rank)
    .map((site) => ({
      name: texts.siteName(site),
      kind,
      lon: site.lon,
      lat: site.lat,
      capacity: site.capacity,
      beds: null,
      nursingBeds: null,
      floorAreaM2: site.floorAreaM2,
      floorLevel: site.floorLevel === null ? null : Math.round(site.floorLevel),
      targetYear: null,
      note: texts.siteNote(site),
    }));
  const saved = await api['scenario:create-with-proposals']({ name, description: texts.description, proposals });
  return { scenario: saved.scenario, count: saved.proposals.length };
}
