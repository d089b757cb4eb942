/**
 * Writes an optimiser result into the project as a new scenario of proposals: one day-care centre
 * (日间照料中心) per chosen site, its marginal gain in `note` (proposals have no numeric field for it;
 * the marginal gain is how much worse the objective gets when that site alone is removed, in the
 * words of `describeGain`). Capacity: the candidate's own, else the run's site capacity. The scenario
 * then counts in `siting analyze --scenario <name>` together with the existing facilities. The
 * scenario and its proposals are written in one transaction (ScenarioEdits.createScenarioWithProposals,
 * which the app's "save as scenario" uses too): all of them or none.
 */
import type { OptimizeResult } from '../../../shared/optimize/types';
import type { Proposal, Scenario } from '../../../shared/schemas/entities';
import type { ProjectStore } from '../store/project_store';
import type { NewProposal } from '../store/scenario_edits';
import type { CandidateSet } from './project_candidates';

export interface SaveOptions {
  /** Scenario name; default "<problem> k=<k> <YYYY-MM-DD HH:MM>". */
  name?: string;
  description: string;
  /** How to describe one site's marginal gain, e.g. "+812.4 older people covered". */
  describeGain: (gain: number) => string;
  /** Day places per new site whose candidate states none (capacitated runs), else null. */
  capacity: number | null;
  now?: Date;
}

export interface SavedScenario {
  scenario: Scenario;
  proposals: Proposal[];
}

/**
 * @example saveScenario(store, result, candidates, { description: 'max-coverage k=3', describeGain: (g) => `+${g}`, capacity: null })
 */
export function saveScenario(store: ProjectStore, result: OptimizeResult, candidates: CandidateSet, options: SaveOptions): SavedScenario {
  const name = options.name ?? uniqueDefaultName(store, defaultScenarioName(result, options.now ?? new Date()));
  const index = new Map(candidates.ids.map((id, j) => [id, j]));
  const proposals: NewProposal[] = result.selected.map((id, rank) => {
    const j = index.get(id);
    if (j === undefined) throw new Error(`selected site ${id} is not among the candidates`);
    const gain = result.marginalGains[rank];
    return {
      name: candidates.source === 'layer' ? candidates.names[j] : `proposed day-care centre ${rank + 1} (${id})`,
      kind: 'day_care',
      lon: candidates.lon[j],
      lat: candidates.lat[j],
      capacity: candidates.capacity[j] ?? options.capacity,
      beds: null,
      nursingBeds: null,
      floorAreaM2: candidates.floorAreaM2[j],
      floorLevel: candidates.floorLevel[j],
      targetYear: null,
      note: `${result.problem} site ${rank + 1} of ${result.selected.length}, candidate ${id}: marginal gain ${options.describeGain(gain)}`,
    };
  });
  // One transaction for the scenario, its proposals and their audit entries: never an empty scenario.
  return store.edits.createScenarioWithProposals(name, options.description, proposals);
}

/** "max-coverage k=5 2026-11-22 14:05" (local time). */
export function defaultScenarioName(result: OptimizeResult, now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())} ${pad(now.getHours())}:${pad(now.getMinutes())}`;
  const size = result.problem === 'min-facilities' ? `n=${result.selected.length}` : `k=${result.selected.length}`;
  return `${result.problem} ${size} ${stamp}`;
}

function uniqueDefaultName(store: ProjectStore, base: string): string {
  const names = new Set(store.scenarios().map((s) => s.name));
  if (!names.has(base)) return base;
  for (let n = 2; ; n++) if (!names.has(`${base} (${n})`)) return `${base} (${n})`;
}
