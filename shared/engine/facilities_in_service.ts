/**
 * Which facilities count for coverage — the one rule behind the store's selection (CLI, hosts, the
 * worker's inputs), the live figures and the map's service areas: facilities of the facilities layer
 * whose status is "existing" (planned and proposed ones are not built), plus the scenario's proposals,
 * both only of the analysis kinds. Without a scenario no proposal counts.
 */
import type { FacilityKind } from '../schemas/entities';

/** A facility of the facilities layer as far as the rule reads it (a layer's status may be missing or anything). */
export interface FacilityStatusAndKind {
  kind: string;
  status: unknown;
}

/**
 * A facility of the layer is in service when it exists (whatever its kind: beds count for all kinds).
 * @example isInService({ kind: 'care_home', status: 'planned' }) // false
 */
export function isInService(facility: { status: unknown }): boolean {
  return facility.status === 'existing';
}

/**
 * A facility or proposal counts for coverage only when of the analysis kinds.
 * @example isOfKinds({ kind: 'hospital' }, ['day_care']) // false
 */
export function isOfKinds(item: { kind: string }, kinds: readonly FacilityKind[]): boolean {
  return (kinds as readonly string[]).includes(item.kind);
}

/**
 * The facilities that count: the layer's facilities in service of the kinds, in their order, then the
 * scenario's proposals of the kinds, in theirs. `proposals` are those of the scenario (the store reads
 * them by scenario id; the workspace holds the current scenario's); pass none without a scenario.
 * @example
 *   facilitiesInService(layer, plan.proposals, ['day_care', 'community_station'])
 *   // existing day-care centres and stations, then the plan's proposed ones
 */
export function facilitiesInService<F extends FacilityStatusAndKind, P extends { kind: string }>(
  facilities: readonly F[],
  proposals: readonly P[],
  kinds: readonly FacilityKind[],
): { facilities: F[]; proposals: P[] } {
  return {
    facilities: facilities.filter((f) => isInService(f) && isOfKinds(f, kinds)),
    proposals: proposals.filter((p) => isOfKinds(p, kinds)),
  };
}
