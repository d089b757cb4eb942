/**
 * The optimiser's notes (OptimizeResult.notes, SitingProblem.notes) as reasons the app says in its
 * language (shared/errors.ts ERROR_REASONS, optimizer_*): the solvers write their notes in English for
 * the CLI; this table recognises each kind of note they write and takes its numbers as params, so the
 * app never shows the English text. A note no entry recognises becomes optimizer_note_other (the app
 * says that a technical note exists, and the CLI prints it). Keep this table in step with the solvers'
 * note texts; tests/unit/plan/suggest_plan.test.ts runs the solvers of several problems on the sample
 * and checks every note they write there is recognised.
 */
import type { ErrorCause } from '../errors';

type NoteReason = Extract<ErrorCause['reason'], `optimizer_${string}`>;

interface NotePattern {
  reason: NoteReason;
  pattern: RegExp;
  /** Param names of the pattern's groups, in order. */
  params: readonly string[];
}

const NUMBER = '(-?[\\d.]+)';

const PATTERNS: readonly NotePattern[] = [
  { reason: 'optimizer_model_too_large', pattern: new RegExp(`^model too large for HiGHS \\(${NUMBER} columns, ${NUMBER} nonzeros\\)`), params: ['columns', 'nonzeros'] },
  { reason: 'optimizer_lp_time_limit', pattern: new RegExp(`^LP relaxation \\(${NUMBER} columns, ${NUMBER} nonzeros\\) stopped at its time limit of ${NUMBER} s`), params: ['columns', 'nonzeros', 'seconds'] },
  { reason: 'optimizer_mip_time_limit', pattern: new RegExp(`^MIP stopped at the time limit \\(${NUMBER} s\\)`), params: ['seconds'] },
  { reason: 'optimizer_lp_bound_skipped', pattern: /^LP bound skipped/, params: [] },
  { reason: 'optimizer_branch_stopped', pattern: new RegExp(`^branch-and-bound stopped after ${NUMBER} nodes`), params: ['nodes'] },
  { reason: 'optimizer_proven_optimal', pattern: new RegExp(`^proven optimal by Lagrangian branch-and-bound: ${NUMBER} nodes`), params: ['nodes'] },
  { reason: 'optimizer_branch_limit', pattern: new RegExp(`^Lagrangian branch-and-bound: ${NUMBER} nodes, stopped`), params: ['nodes'] },
  { reason: 'optimizer_sites_add_nothing', pattern: new RegExp(`^only ${NUMBER} new sites add coverage`), params: ['count'] },
  { reason: 'optimizer_walk_limit', pattern: new RegExp(`^walking times beyond ${NUMBER} minutes are not modelled`), params: ['minutes'] },
  {
    reason: 'optimizer_demand_left_out',
    pattern: new RegExp(`^${NUMBER} cells \\(${NUMBER} older people\\) are reached by no existing facility and by no candidate within ${NUMBER} minutes`),
    params: ['cells', 'elderly', 'minutes'],
  },
  { reason: 'optimizer_sites_off_network', pattern: new RegExp(`^${NUMBER} candidate sites lie farther than ${NUMBER} m from every walkable way`), params: ['count', 'metres'] },
  { reason: 'optimizer_capacity_stated', pattern: new RegExp(`^${NUMBER} candidate sites state their own capacity`), params: ['count'] },
  { reason: 'optimizer_capacity_unlimited', pattern: new RegExp(`^${NUMBER} existing facilities state no capacity`), params: ['count'] },
  { reason: 'optimizer_capacitated_demand', pattern: new RegExp(`^capacitated demand = older people × uptake ${NUMBER}`), params: ['uptake'] },
  { reason: 'optimizer_straight_line_costs', pattern: /^straight-line costs/, params: [] },
  { reason: 'optimizer_far_demand', pattern: new RegExp(`^${NUMBER} demand points \\(weight ${NUMBER}\\) are farther than the cutoff \\(${NUMBER} m\\)`), params: ['count', 'weight', 'metres'] },
  { reason: 'optimizer_second_bound', pattern: /^second bound from the demand grouped/, params: [] },
  { reason: 'optimizer_set_cover_reduced', pattern: new RegExp(`^set-cover model reduced by dominance: ${NUMBER} demand rows and ${NUMBER} site columns`), params: ['rows', 'columns'] },
  { reason: 'optimizer_demand_split', pattern: /^demand may be split between sites/, params: [] },
  { reason: 'optimizer_greedy_short', pattern: /^the greedy could not reach the target/, params: [] },
];

/** A note's reason and params; `known` false when no entry recognises it (reason optimizer_note_other). */
export interface NoteCause {
  reason: NoteReason;
  params: Record<string, number>;
  known: boolean;
}

/**
 * @example noteCause('model too large for HiGHS (120000 columns, 9000000 nonzeros); bound from …')
 *   // { reason: 'optimizer_model_too_large', params: { columns: 120000, nonzeros: 9000000 }, known: true }
 */
export function noteCause(note: string): NoteCause {
  for (const entry of PATTERNS) {
    const match = entry.pattern.exec(note);
    if (!match) continue;
    const params: Record<string, number> = {};
    entry.params.forEach((name, k) => (params[name] = Number(match[k + 1])));
    return { reason: entry.reason, params, known: true };
  }
  return { reason: 'optimizer_note_other', params: {}, known: false };
}
