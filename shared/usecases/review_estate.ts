/**
 * Use case "review an estate" (新建住宅小区养老服务设施配建审查): one estate's planned care rooms
 * against the estate rules of a preset (shared/rules). Pure: the caller gives the estate's inputs and,
 * when it has one, the distance to the nearest community health station with the method it used
 * (network when the project has roads, else straight line). Every estate rule gives one check:
 *
 * - `pass` / `fail` (with required, provided and the shortfall, in the rule's unit),
 * - `not_checkable` (the reason names the missing input, e.g. `households`),
 * - `advisory` (the rule is advisory, "尽量靠近": the measured value, no verdict),
 * - `not_applicable` (the rule is for another estate type or area).
 *
 * Overall: `non_compliant` if any check fails, else `incomplete` if any is not checkable, else
 * `compliant` (不符合 / 需补充材料 / 符合). District and facility rules are not estate checks.
 */
import * as z from 'zod';
import { InputError } from '../errors';
import { haversineM } from '../geodesy/haversine';
import { CareRoom } from '../schemas/entities';
import { ESTATE_TYPES, type EstateRule, type EstateType, type Preset, type RuleCheck } from '../rules/rule';

const count = z.number().finite().nonnegative();
const lon = z.number().min(-180).max(180);
const lat = z.number().min(-90).max(90);

/** A planned care room as the estates layer stores it (shared/schemas/entities.ts). */
export const CareRoomInput = CareRoom;
export type CareRoomInput = z.infer<typeof CareRoomInput>;

export const EstateReviewInput = z
  .object({
    id: z.string().min(1),
    name: z.string().nullable().optional(),
    type: z.enum(ESTATE_TYPES).nullable(),
    households: count.nullable(),
    /** Fallback when households is null: residential floor area ÷ average unit size (flagged estimated). */
    residentialFloorAreaM2: count.nullable().optional(),
    averageUnitM2: z.number().finite().positive().nullable().optional(),
    area: z.enum(['urban', 'rural']).nullable().optional(),
    /** The estate's outline (outer ring, [lon, lat]) or, lacking one, a point. */
    outline: z.array(z.tuple([lon, lat])).min(3).nullable().optional(),
    point: z.tuple([lon, lat]).nullable().optional(),
    careRooms: z.array(CareRoomInput),
    /** Distance from the care room to the nearest community health station, measured by the caller. */
    healthStation: z.object({ distanceM: count, method: z.enum(['network', 'straight_line']) }).strict().nullable().optional(),
    /** The care room is built together with the community health station (三站合一). */
    coLocatedWithHealthStation: z.boolean().nullable().optional(),
    /** Evidence of 四同步 / 同步配建 (planning conditions, acceptance, handover). */
    synchronousProvision: z.boolean().nullable().optional(),
  })
  .strict();
export type EstateReviewInput = z.input<typeof EstateReviewInput>;

export type CheckVerdict = 'pass' | 'fail' | 'not_checkable' | 'advisory' | 'not_applicable';
export type EstateVerdict = 'compliant' | 'non_compliant' | 'incomplete';

export interface EstateCheck {
  rule: string;
  check: RuleCheck;
  verdict: CheckVerdict;
  required: number | null;
  provided: number | null;
  /** required − provided when the check fails, else null. */
  shortfall: number | null;
  unit: 'm2' | 'floor' | 'm' | null;
  /** not_checkable: the missing input; not_applicable: why; else null. */
  reason: string | null;
  /** The households were estimated from floor area ÷ average unit size. */
  estimated?: boolean;
  /** How a distance was measured. */
  method?: 'network' | 'straight_line';
}

export interface EstateReview {
  id: string;
  name: string | null;
  type: EstateType | null;
  preset: { id: string; version: number };
  verdict: EstateVerdict;
  checks: EstateCheck[];
}

/** Areas and distances compare with this slack, so 1,234 households × 20 / 100 = 246.8 m² passes with 246.8 m². */
const EPSILON = 1e-6;

/**
 * @example reviewEstate({ id: 'E1', type: 'new', households: 1200, careRooms: [{ floorAreaM2: 200, floorLevels: [1], basement: false, lon: null, lat: null }] }, PRESETS.nanhai)
 *   // checks[0]: { rule: 'care_floor_area_per_100_households', verdict: 'fail', required: 240, provided: 200, shortfall: 40, unit: 'm2', … }
 */
export function reviewEstate(input: EstateReviewInput, preset: Preset): EstateReview {
  const estate = parseEstate(input);
  const rules = preset.rules.filter((rule): rule is EstateRule => rule.kind === 'estate');
  const checks = rules.map((rule) => checkRule(rule, estate));
  return { id: estate.id, name: estate.name ?? null, type: estate.type, preset: { id: preset.id, version: preset.version }, verdict: overallVerdict(checks), checks };
}

/** non_compliant if any check fails, else incomplete if any is not checkable, else compliant. */
export function overallVerdict(checks: readonly Pick<EstateCheck, 'verdict'>[]): EstateVerdict {
  if (checks.some((check) => check.verdict === 'fail')) return 'non_compliant';
  if (checks.some((check) => check.verdict === 'not_checkable')) return 'incomplete';
  return 'compliant';
}

export interface EstateReviewSummary {
  estates: number;
  compliant: number;
  nonCompliant: number;
  incomplete: number;
  newEstates: number;
  newCompliant: number;
  /** Compliant new estates ÷ new estates (Nanhai's "100 % of new estates"); null without new estates. */
  newCompliantShare: number | null;
}

/** Reviews every estate against one preset, with the counts of each overall verdict. */
export function reviewEstates(inputs: readonly EstateReviewInput[], preset: Preset): { preset: { id: string; version: number }; estates: EstateReview[]; summary: EstateReviewSummary } {
  const estates = inputs.map((input) => reviewEstate(input, preset));
  return { preset: { id: preset.id, version: preset.version }, estates, summary: summarizeReviews(estates) };
}

export function summarizeReviews(reviews: readonly EstateReview[]): EstateReviewSummary {
  const countOf = (list: readonly EstateReview[], verdict: EstateVerdict) => list.filter((review) => review.verdict === verdict).length;
  const newOnes = reviews.filter((review) => review.type === 'new');
  const newCompliant = countOf(newOnes, 'compliant');
  return {
    estates: reviews.length,
    compliant: countOf(reviews, 'compliant'),
    nonCompliant: countOf(reviews, 'non_compliant'),
    incomplete: countOf(reviews, 'incomplete'),
    newEstates: newOnes.length,
    newCompliant,
    newCompliantShare: newOnes.length === 0 ? null : newCompliant / newOnes.length,
  };
}

type Estate = z.output<typeof EstateReviewInput>;

function parseEstate(input: unknown): Estate {
  const parsed = EstateReviewInput.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue.path.map(String).join('.') || 'estate';
  const raw = input as { id?: unknown } | null;
  const estate = typeof raw?.id === 'string' && raw.id !== '' ? raw.id : '?';
  let got: unknown = input;
  for (const key of issue.path) got = got !== null && typeof got === 'object' ? (got as Record<PropertyKey, unknown>)[key] : undefined;
  throw new InputError(`estate ${estate}, field ${field}: ${issue.message}, got ${got === undefined ? 'nothing' : JSON.stringify(got)}`, {}, { reason: 'estate_input_invalid', params: { estate, field } });
}

type Outcome = Omit<EstateCheck, 'rule' | 'check'>;

function checkRule(rule: EstateRule, estate: Estate): EstateCheck {
  return { rule: rule.id, check: rule.check, ...outcome(rule, estate) };
}

function outcome(rule: EstateRule, estate: Estate): Outcome {
  const types = rule.condition.estateTypes;
  if (types) {
    if (estate.type === null) return missing('type', unitOf(rule));
    if (!types.includes(estate.type)) return notApplicable(`estate type ${estate.type}`, unitOf(rule));
  }
  if (rule.condition.area) {
    if (!estate.area) return rule.binding ? missing('area', unitOf(rule)) : advisory(null, null, unitOf(rule), 'area');
    if (estate.area !== rule.condition.area) return notApplicable(`${estate.area} estate`, unitOf(rule));
  }
  switch (rule.check) {
    case 'care_floor_area_per_100_households':
      return floorAreaPerHouseholds(rule, estate);
    case 'min_site_floor_area':
      return minSiteArea(rule, estate);
    case 'care_room_floor_level':
      return floorLevel(rule, estate);
    case 'near_health_station':
      return nearHealthStation(rule, estate);
    case 'service_radius':
      return serviceRadius(rule, estate);
    case 'co_location_health':
      return flag(rule, estate.coLocatedWithHealthStation, 'coLocatedWithHealthStation');
    case 'synchronous_provision':
      return flag(rule, estate.synchronousProvision, 'synchronousProvision');
  }
}

function unitOf(rule: EstateRule): EstateCheck['unit'] {
  if (rule.check === 'care_room_floor_level') return 'floor';
  if (rule.check === 'near_health_station' || rule.check === 'service_radius') return 'm';
  if (rule.check === 'care_floor_area_per_100_households' || rule.check === 'min_site_floor_area') return 'm2';
  return null;
}

function missing(input: string, unit: EstateCheck['unit']): Outcome {
  return { verdict: 'not_checkable', required: null, provided: null, shortfall: null, unit, reason: input };
}

function notApplicable(why: string, unit: EstateCheck['unit']): Outcome {
  return { verdict: 'not_applicable', required: null, provided: null, shortfall: null, unit, reason: why };
}

function advisory(required: number | null, provided: number | null, unit: EstateCheck['unit'], missingInput: string | null = null): Outcome {
  return { verdict: 'advisory', required, provided, shortfall: null, unit, reason: missingInput };
}

/** pass when provided ≥ required (at least), else fail with the shortfall. */
function atLeast(required: number, provided: number, unit: EstateCheck['unit']): Outcome {
  const pass = provided + EPSILON >= required;
  return { verdict: pass ? 'pass' : 'fail', required, provided, shortfall: pass ? null : required - provided, unit, reason: null };
}

function households(estate: Estate): { value: number; estimated: boolean } | string {
  if (estate.households !== null) return { value: estate.households, estimated: false };
  if (estate.residentialFloorAreaM2 == null) return 'households';
  if (estate.averageUnitM2 == null) return 'averageUnitM2';
  return { value: estate.residentialFloorAreaM2 / estate.averageUnitM2, estimated: true };
}

function floorAreaPerHouseholds(rule: Extract<EstateRule, { check: 'care_floor_area_per_100_households' }>, estate: Estate): Outcome {
  if (estate.type === null) return missing('type', 'm2');
  const rate = rule.m2Per100Households[estate.type];
  if (rate === null) return notApplicable(`no rate for estate type ${estate.type}`, 'm2');
  const count = households(estate);
  if (typeof count === 'string') return missing(count, 'm2');
  const lacking = estate.careRooms.findIndex((room) => room.floorAreaM2 === null);
  if (lacking >= 0) return missing(`careRooms.${lacking}.floorAreaM2`, 'm2');
  const provided = estate.careRooms.reduce((sum, room) => sum + (room.floorAreaM2 ?? 0), 0);
  const required = (count.value / 100) * rate;
  const result = rule.binding ? atLeast(required, provided, 'm2') : advisory(required, provided, 'm2');
  return count.estimated ? { ...result, estimated: true } : result;
}

function minSiteArea(rule: Extract<EstateRule, { check: 'min_site_floor_area' }>, estate: Estate): Outcome {
  const lacking = estate.careRooms.findIndex((room) => room.floorAreaM2 === null);
  if (lacking >= 0) return rule.binding ? missing(`careRooms.${lacking}.floorAreaM2`, 'm2') : advisory(rule.minFloorAreaM2, null, 'm2', `careRooms.${lacking}.floorAreaM2`);
  // No care room at all: the smallest site provides nothing.
  const smallest = estate.careRooms.length === 0 ? 0 : Math.min(...estate.careRooms.map((room) => room.floorAreaM2 ?? 0));
  return rule.binding ? atLeast(rule.minFloorAreaM2, smallest, 'm2') : advisory(rule.minFloorAreaM2, smallest, 'm2');
}

function floorLevel(rule: Extract<EstateRule, { check: 'care_room_floor_level' }>, estate: Estate): Outcome {
  if (estate.careRooms.length === 0) return rule.binding ? missing('careRooms', 'floor') : advisory(rule.maxFloorLevel, null, 'floor', 'careRooms');
  const lacking = estate.careRooms.findIndex((room) => room.floorLevels === null);
  if (lacking >= 0) return rule.binding ? missing(`careRooms.${lacking}.floorLevels`, 'floor') : advisory(rule.maxFloorLevel, null, 'floor', `careRooms.${lacking}.floorLevels`);
  const highest = Math.max(...estate.careRooms.flatMap((room) => room.floorLevels ?? []));
  if (!rule.binding) return advisory(rule.maxFloorLevel, highest, 'floor');
  const underground = estate.careRooms.findIndex((room) => room.basement === true || (room.floorLevels ?? []).some((level) => level <= 0));
  if (!rule.basementAllowed && underground >= 0) return { verdict: 'fail', required: rule.maxFloorLevel, provided: highest, shortfall: null, unit: 'floor', reason: `careRooms.${underground} is underground or in a basement` };
  if (rule.maxFloorLevel !== null && highest > rule.maxFloorLevel) return { verdict: 'fail', required: rule.maxFloorLevel, provided: highest, shortfall: highest - rule.maxFloorLevel, unit: 'floor', reason: null };
  const unknownBasement = estate.careRooms.findIndex((room) => room.basement === null);
  if (!rule.basementAllowed && unknownBasement >= 0) return missing(`careRooms.${unknownBasement}.basement`, 'floor');
  return { verdict: 'pass', required: rule.maxFloorLevel, provided: highest, shortfall: null, unit: 'floor', reason: null };
}

function nearHealthStation(rule: Extract<EstateRule, { check: 'near_health_station' }>, estate: Estate): Outcome {
  const station = estate.healthStation;
  if (!station) return rule.binding && rule.maxDistanceM !== null ? missing('healthStation', 'm') : advisory(rule.maxDistanceM, null, 'm', 'healthStation');
  if (!rule.binding || rule.maxDistanceM === null) return { ...advisory(rule.maxDistanceM, station.distanceM, 'm'), method: station.method };
  const pass = station.distanceM <= rule.maxDistanceM + EPSILON;
  return { verdict: pass ? 'pass' : 'fail', required: rule.maxDistanceM, provided: station.distanceM, shortfall: pass ? null : station.distanceM - rule.maxDistanceM, unit: 'm', reason: null, method: station.method };
}

/** The farthest point of the estate (outline vertices, or its point) from its nearest care room, straight line. */
function serviceRadius(rule: Extract<EstateRule, { check: 'service_radius' }>, estate: Estate): Outcome {
  const points = estate.outline ?? (estate.point ? [estate.point] : null);
  if (!points) return rule.binding ? missing('outline', 'm') : advisory(rule.radiusM, null, 'm', 'outline');
  if (estate.careRooms.length === 0) return rule.binding ? missing('careRooms', 'm') : advisory(rule.radiusM, null, 'm', 'careRooms');
  const unplaced = estate.careRooms.findIndex((room) => room.lon === null || room.lat === null);
  if (unplaced >= 0) return rule.binding ? missing(`careRooms.${unplaced}.lon/lat`, 'm') : advisory(rule.radiusM, null, 'm', `careRooms.${unplaced}.lon/lat`);
  const farthest = Math.max(...points.map(([x, y]) => Math.min(...estate.careRooms.map((room) => haversineM(x, y, room.lon ?? 0, room.lat ?? 0)))));
  if (!rule.binding) return { ...advisory(rule.radiusM, farthest, 'm'), method: 'straight_line' };
  const pass = rule.inclusive ? farthest <= rule.radiusM + EPSILON : farthest < rule.radiusM;
  return { verdict: pass ? 'pass' : 'fail', required: rule.radiusM, provided: farthest, shortfall: pass ? null : farthest - rule.radiusM, unit: 'm', reason: null, method: 'straight_line' };
}

function flag(rule: EstateRule, value: boolean | null | undefined, input: string): Outcome {
  if (value === null || value === undefined) return rule.binding ? missing(input, null) : advisory(null, null, null, input);
  if (!rule.binding) return advisory(null, value ? 1 : 0, null);
  return { verdict: value ? 'pass' : 'fail', required: null, provided: null, shortfall: null, unit: null, reason: value ? null : `${input} is false` };
}
