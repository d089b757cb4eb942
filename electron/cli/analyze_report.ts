/**
 * What `siting analyze` prints: the JSON document (the foundation's fields for the largest threshold,
 * then the engine's results), the text lines, and the warnings a planner must not miss (facilities
 * that reach nobody, capacities treated as unlimited).
 */
import type { AnalysisResult } from '../../shared/engine/analysis/accessibility_analysis';
import type { TravelTimeOf } from '../../shared/engine/network/travel_time_statistics';

/** Ids listed in one warning at most. */
const LISTED_IDS = 20;

export function analyzeWarnings(result: AnalysisResult): string[] {
  const warnings: string[] = [];
  const off = result.network?.facilitiesOffNetwork ?? [];
  if (off.length > 0) {
    warnings.push(`${off.length} of ${result.facilities} facilities lie farther than ${result.parameters.maxSnapM} m from every walkable way and reach nobody: ${idList(off)}`);
  }
  const capacity = result.capacity;
  if (capacity && capacity.totals.facilitiesWithoutCapacity > 0) {
    const ids = capacity.facilities.filter((f) => !f.capacityKnown).map((f) => f.id);
    warnings.push(`${ids.length} of ${capacity.facilities.length} facilities have no capacity recorded and were treated as unlimited: ${idList(ids)}`);
  }
  return warnings;
}

/** The JSON document: the foundation's fields (for the largest threshold) plus the engine's results. */
export function analyzeJson(
  result: AnalysisResult,
  context: { kinds: string[]; scenario: string | null; timings: Record<string, number>; warnings: string[]; serviceAreasOut: string | null },
) {
  const main = result.thresholds.reduce((a, b) => (b.limitM > a.limitM ? b : a));
  return {
    mode: result.mode,
    population: main.population,
    elderly: main.elderly,
    cells: main.cells,
    facilities: result.facilities,
    radiusM: main.radiusM,
    minutes: main.minutes,
    networkM: main.networkM ?? null,
    speedMps: result.speedMps,
    /** The settings used, every default filled in (shared/settings/siting_settings.ts). */
    parameters: result.parameters,
    kinds: context.kinds,
    scenario: context.scenario,
    thresholds: result.thresholds,
    unreachable: result.unreachable,
    travelTime: result.travelTime ?? null,
    network: result.network,
    capacity: result.capacity,
    gaps: result.gaps ? { uncoveredCells: result.gaps.uncoveredCells, uncoveredElderly: result.gaps.uncoveredElderly, areas: result.gaps.areas } : null,
    areas: result.areas,
    /** The study area the figures are limited to (cells whose centre lies inside); null = the whole project. */
    studyArea: result.studyArea ?? null,
    serviceAreas: result.serviceAreas && context.serviceAreasOut ? { out: context.serviceAreasOut, features: result.serviceAreas.features.length } : null,
    warnings: context.warnings,
    timings: context.timings,
  };
}

export function analyzeText(result: AnalysisResult, kinds: string[], serviceAreasOut: string | null): string {
  const lines = [`facilities counted: ${result.facilities} (${kinds.join(', ')}), mode ${result.mode}${result.speedMps ? `, ${result.speedMps} m/s` : ''}`];
  const area = result.studyArea;
  if (area) {
    lines.push(`study area ${area.names.join(', ')}: ${area.cellsInside} of ${area.cellsTotal} population cells (centre inside), ${area.elderly.toFixed(0)} older people; the figures below count these cells only`);
  }
  for (const t of result.thresholds) {
    const time = t.meanMinutes?.elderly != null ? `; those covered walk ${t.meanMinutes.elderly.toFixed(1)} min on average, p90 ${t.p90Minutes?.elderly?.toFixed(1)} min` : '';
    lines.push(`${t.label.padEnd(8)} older people (60+) covered ${t.elderly.covered.toFixed(0)} of ${t.elderly.total.toFixed(0)} (${pct(t.elderly.ratio)}); cells ${t.cells.covered}/${t.cells.total}${time}`);
  }
  if (result.travelTime) {
    const horizon = `${minutes(result.travelTime.horizonMinutes)} min`;
    lines.push(`walking time of all older people to the nearest facility (searched up to ${horizon}): ${travelText(result.travelTime.elderly, horizon)}`);
  }
  const u = result.unreachable;
  if (u) {
    const main = result.thresholds.reduce((a, b) => (b.limitM > a.limitM ? b : a));
    const part = (p: { cells: number; elderly: number }) => `${p.cells} cells, ${p.elderly.toFixed(0)} older people`;
    lines.push(`not covered at ${main.label}: ${part(u)} — off the network ${part(u.offNetwork)}; no path to a facility ${part(u.noPath)}; slower than ${main.label} ${part(u.beyondLimit)}`);
  }
  if (result.capacity) {
    const c = result.capacity.totals;
    const unknown = c.facilitiesWithoutCapacity > 0 ? `; ${c.facilitiesWithoutCapacity} facilities without a capacity counted as unlimited` : '';
    lines.push(`capacity (${result.capacity.threshold}, uptake ${result.capacity.uptakeRate}): demand ${c.demand.toFixed(0)}, served ${c.served.toFixed(0)}, unserved within reach ${c.unservedWithinReach.toFixed(0)}, out of reach ${c.outOfReach.toFixed(0)}${unknown}`);
    const short = [...result.capacity.facilities].filter((f) => f.unservedWithinReach > 0.05).sort((a, b) => b.unservedWithinReach - a.unservedWithinReach);
    for (const f of short.slice(0, 5)) lines.push(`  ${f.id}: ${f.unservedWithinReach.toFixed(1)} unserved nearest to it (serves ${f.served.toFixed(1)} of ${f.capacity ?? 'unlimited'} places)`);
  }
  if (result.gaps) {
    lines.push(`gaps: ${result.gaps.areas.length} listed, ${result.gaps.uncoveredElderly.toFixed(0)} uncovered older people`);
    for (const g of result.gaps.areas.slice(0, 5)) lines.push(`  #${g.rank} ${g.elderly.toFixed(0)} older people, ${(g.areaM2 / 1e6).toFixed(2)} km², centre ${g.centroid[0].toFixed(5)}, ${g.centroid[1].toFixed(5)}`);
  }
  if (result.areas) {
    for (const a of result.areas.areas.slice(0, 20)) {
      lines.push(`  ${a.name} (${a.level}${a.urban === null ? '' : a.urban ? ', urban' : ', rural'}): ${a.thresholds.map((t) => `${t.label} ${pct(t.elderlyShare)}`).join(', ')}`);
    }
  }
  if (result.serviceAreas && serviceAreasOut) lines.push(`service areas: ${result.serviceAreas.features.length} polygons written to ${serviceAreasOut}`);
  return lines.join('\n');
}

function travelText(t: TravelTimeOf, horizon: string): string {
  if (t.withinHorizonShare === null) return 'n/a (no people)';
  const p90 = t.p90Minutes !== null ? `90 % walk at most ${t.p90Minutes.toFixed(1)} min` : `the 90th percentile is more than ${horizon}`;
  const mean = t.meanMinutesWithinHorizon !== null ? `; the ${pct(t.withinHorizonShare)} reached within ${horizon} walk ${t.meanMinutesWithinHorizon.toFixed(1)} min on average` : '';
  return p90 + mean;
}

function pct(r: number | null): string {
  return r === null ? 'n/a' : `${(r * 100).toFixed(1)} %`;
}

function minutes(m: number): string {
  return Number.isInteger(m) ? String(m) : m.toFixed(1);
}

function idList(ids: readonly string[]): string {
  return ids.slice(0, LISTED_IDS).join(', ') + (ids.length > LISTED_IDS ? `, … (${ids.length - LISTED_IDS} more)` : '');
}
