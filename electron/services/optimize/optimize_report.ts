/**
 * The report of one `siting optimize` run: the optimiser's OptimizeResult JSON as it is, plus what a
 * planner needs to act on it (where the chosen sites are, the candidates considered and left out, the
 * cost unit, the scenario written), and the same as readable lines.
 */
import type { OptimizeResult } from '../../../shared/optimize/types';
import type { CandidateSet } from '../../../shared/optimize/project/candidate_sites';
import type { SitingProblem } from '../../../shared/optimize/project/siting_problem';
import type { CostUnit } from '../../../shared/optimize/project/solver_inputs';
import type { Proposal, Scenario } from '../../../shared/schemas/entities';

/** The scenario `--save` wrote. */
export interface SavedScenario {
  scenario: Scenario;
  proposals: Proposal[];
}

export interface ChosenSite {
  rank: number;
  id: string;
  name: string | null;
  lon: number | null;
  lat: number | null;
  floorAreaM2: number | null;
  floorLevel: number | null;
  /** Same as result.marginalGains[rank - 1] (null when removing the site would leave demand unreached). */
  marginalGain: number | null;
}

/** The chosen sites in the result's order (by decreasing marginal gain) with their positions; grid cells are named "grid cell <id>". */
export function chosenSites(result: OptimizeResult, candidates: CandidateSet | null): ChosenSite[] {
  const index = candidates ? new Map(candidates.ids.map((id, j) => [id, j])) : null;
  return result.selected.map((id, s) => {
    const j = index?.get(id);
    const gain = result.marginalGains[s];
    const known = candidates !== null && j !== undefined;
    return {
      rank: s + 1,
      id,
      name: known ? (candidates.names[j] ?? `grid cell ${id}`) : null,
      lon: known ? candidates.lon[j] : null,
      lat: known ? candidates.lat[j] : null,
      floorAreaM2: known ? candidates.floorAreaM2[j] : null,
      floorLevel: known ? candidates.floorLevel[j] : null,
      marginalGain: Number.isFinite(gain) ? gain : null,
    };
  });
}

/** Words for the unit of the demand weights and costs, for notes and text output. */
export function unitWords(costUnit: CostUnit | 'matrix', capacitated: boolean): { weight: string; cost: string } {
  return {
    weight: capacitated ? 'day places' : costUnit === 'matrix' ? 'weight' : 'older people (60+)',
    cost: costUnit === 'm' ? 'm' : costUnit === 'min' ? 'min' : 'cost units',
  };
}

/**
 * What one site's marginal gain means, in words.
 * @example describeGain('max-coverage', 812.4, units) // "812.4 older people (60+) would lose coverage without this site"
 */
export function describeGain(problem: OptimizeResult['problem'], gain: number, units: { weight: string; cost: string }): string {
  if (!Number.isFinite(gain)) return 'without this site some demand would be left unreached';
  const value = formatNumber(gain);
  switch (problem) {
    case 'max-coverage':
    case 'min-facilities':
      return `${value} ${units.weight} would lose coverage without this site`;
    case 'capacitated-max-coverage':
      return `${value} fewer ${units.weight} would be taken up without this site`;
    case 'p-median':
      return `Σ weight × cost would rise by ${value} (${units.weight} × ${units.cost}) without this site`;
    case 'p-center':
      return `the worst cost would rise by ${value} ${units.cost} without this site`;
  }
}

/** Project-mode facts added to the optimiser's JSON. */
export function projectFacts(built: SitingProblem, totalWeight: number, saved: SavedScenario | null) {
  const { candidates, inputs } = built;
  return {
    costUnit: inputs.costUnit,
    demand: { points: built.grid.count, weight: totalWeight, leftOut: built.leftOut },
    pairs: inputs.pairs,
    existing: { facilities: built.existing.length },
    candidates: {
      source: candidates.source,
      considered: candidates.considered,
      eligible: candidates.ids.length,
      excluded: candidates.excluded,
      excludedSites: candidates.excludedSites,
      gridCellsWithoutPopulation: candidates.source === 'grid' ? candidates.gridCellsWithoutPopulation : null,
      boundaryPolygons: candidates.source === 'grid' ? candidates.gridBoundaryPolygons : null,
    },
    costCutoff: inputs.cutoff
      ? {
          /** Common cutoff in metres on top of "nearer than the point's existing facility"; null = none. */
          cutoffM: finiteOrNull(inputs.cutoff.cutoffM),
          exact: inputs.cutoff.exact,
          neededM: finiteOrNull(inputs.cutoff.neededM),
          pairs: inputs.pairs,
          pairBudget: inputs.cutoff.pairBudget,
        }
      : null,
    network: inputs.network ?? null,
    scenario: saved ? { id: saved.scenario.id, name: saved.scenario.name, proposals: saved.proposals.map((p) => p.id) } : null,
  };
}

/** Readable lines for the terminal. */
export function resultLines(
  result: OptimizeResult,
  sites: ChosenSite[],
  context: { heading: string; units: { weight: string; cost: string }; saved: SavedScenario | null; notes: string[] },
): string {
  const { units } = context;
  const pct = (r: number) => `${(r * 100).toFixed(1)} %`;
  const lines = [context.heading];
  const newSites = `${result.selected.length} new site${result.selected.length === 1 ? '' : 's'}`;
  lines.push(
    `${newSites}; covered ${formatNumber(result.covered.weight)} ${units.weight} (${pct(result.covered.ratio)}, ${result.covered.count} demand points)` +
      (result.baseline.weight > 0 ? `, of which existing facilities alone ${formatNumber(result.baseline.weight)}` : ''),
  );
  lines.push(
    `objective ${formatNumber(result.objective)}, bound ${formatNumber(result.bound)}, gap ${(result.gap * 100).toFixed(3)} %, ` +
      `${result.exact ? 'proven optimal' : 'not proven optimal'} (${result.path}, bound from ${result.boundSource}), ${result.seconds.toFixed(2)} s`,
  );
  if (result.meanCost !== null && result.maxCost !== null) {
    lines.push(`cost to the nearest open site: mean ${formatNumber(result.meanCost)} ${units.cost}, max ${formatNumber(result.maxCost)} ${units.cost}`);
  }
  for (const site of sites) {
    const where = site.lon !== null && site.lat !== null ? ` at ${site.lon.toFixed(5)}, ${site.lat.toFixed(5)}` : '';
    const name = site.name && site.name !== site.id ? ` ${site.name}` : '';
    lines.push(`  ${String(site.rank).padStart(2)}. ${site.id}${name}${where}: ${describeGain(result.problem, site.marginalGain ?? Infinity, units)}`);
  }
  if (context.saved) lines.push(`saved as scenario "${context.saved.scenario.name}" (${context.saved.proposals.length} proposals)`);
  for (const note of context.notes) lines.push(`note: ${note}`);
  return lines.join('\n');
}

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return Number.isInteger(value) ? String(value) : value.toFixed(Math.abs(value) >= 100 ? 1 : 3);
}
