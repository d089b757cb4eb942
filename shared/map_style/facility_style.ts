/**
 * Colours of facility kinds on the map and in the legend. Chosen to stay distinct from the
 * yellow-orange-red population ramp and from each other (ColorBrewer Paired/Dark2 hues).
 */
import { FACILITY_KINDS, type FacilityKind } from '../schemas/entities';

export const FACILITY_KIND_COLORS: Record<FacilityKind, string> = {
  day_care: '#1f78b4',
  community_station: '#1b9e77',
  care_home: '#7570b3',
  health_station: '#e7298a',
  hospital: '#a6761d',
  canteen: '#66a61e',
  other: '#525252',
};

/** `match` expression colouring facilities by their `kind` property. */
export function facilityColorExpression(): unknown[] {
  const match: unknown[] = ['match', ['get', 'kind']];
  for (const kind of FACILITY_KINDS) match.push(kind, FACILITY_KIND_COLORS[kind]);
  match.push(FACILITY_KIND_COLORS.other);
  return match;
}

/** True when a facility's `illustrative` column marks it as a made-up example (stored as 0/1). */
export function isIllustrative(value: unknown): boolean {
  return value === 1 || value === true || value === '1' || value === 'true';
}

/**
 * Facilities by status (same kind colours): existing ones are solid dots; planned and proposed ones
 * (not built yet) get a dark outer ring, and proposed ones are drawn faded. Independent of the
 * hollow style of illustrative records, so both can be read at once.
 */
export const STATUS_RING = '#212121';
export const STATUS_RING_WIDTH = 2;
/** Gap in px between a dot's edge (its stroke) and its status ring. */
export const STATUS_RING_GAP = 2.5;
/** Stroke widths of the facility dots (px): illustrative records are hollow with a thick edge. */
export const FACILITY_STROKE = { real: 2, illustrative: 3.5 } as const;
export const PROPOSED_OPACITY = 0.45;
export const UNBUILT_STATUSES = ['planned', 'proposed'] as const;

/** Service-circle and uncovered-cell colours (kept here so map and legend agree). */
export const CIRCLE_FILL = '#1f78b4';
export const CIRCLE_LINE = '#08519c';
export const UNCOVERED_HATCH = '#263238';
export const UNCOVERED_LINE = '#6a1b9a';
export const BOUNDARY_LINE = '#37474f';
