/**
 * Use case "save a suggestion as a scenario": the suggested sites become a change set — a new
 * scenario with one proposal per site (a day-care centre unless the run counted other kinds only; its
 * marginal gain in the note, since proposals have no numeric field for it; its day places as capacity
 * when known). The host applies the change set in one transaction (ScenarioEdits
 * .createScenarioWithProposals, channel `scenario:create-with-proposals`): the scenario and all its
 * proposals, or nothing. `siting optimize --save` and the app's "Save as scenario" both build it here;
 * only the words differ (the CLI's English, the app's language).
 */
import type { FacilityKind, Proposal } from '../schemas/entities';
import type { SuggestedSite } from './suggest_sites';

export type NewProposal = Omit<Proposal, 'id' | 'scenarioId'>;

export interface SuggestionTexts {
  description: string;
  /** The proposal's name (layer sites usually keep theirs: site.name). */
  siteName: (site: SuggestedSite) => string;
  siteNote: (site: SuggestedSite) => string;
}

export interface SuggestionChangeSet {
  name: string;
  description: string;
  proposals: NewProposal[];
}

/**
 * @example suggestionChangeSet(outcome.sites, 'max-coverage k=3 2026-12-07 09:00', 'day_care', texts)
 */
export function suggestionChangeSet(sites: readonly SuggestedSite[], name: string, kind: FacilityKind, texts: SuggestionTexts): SuggestionChangeSet {
  if (sites.length === 0) throw new Error('the optimiser chose no new site: nothing to save');
  const proposals = [...sites]
    .sort((a, b) => a.rank - b.rank)
    .map(
      (site): NewProposal => ({
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
      }),
    );
  return { name, description: texts.description, proposals };
}

/** The kind the new sites get: day-care centres, unless the analysis counts other kinds only. */
export function proposalKind(kinds: readonly FacilityKind[]): FacilityKind {
  return kinds.includes('day_care') || kinds.length === 0 ? 'day_care' : kinds[0];
}

/** "max-coverage k=3 2026-11-22 14:05" (local time), made unique among `taken` names with " (2)", " (3)", … */
export function defaultScenarioName(problem: string, siteCount: number, taken: readonly string[], at: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${pad(at.getHours())}:${pad(at.getMinutes())}`;
  const size = problem === 'min-facilities' ? `n=${siteCount}` : `k=${siteCount}`;
  const base = `${problem} ${size} ${stamp}`;
  const names = new Set(taken);
  if (!names.has(base)) return base;
  for (let n = 2; ; n++) if (!names.has(`${base} (${n})`)) return `${base} (${n})`;
}
