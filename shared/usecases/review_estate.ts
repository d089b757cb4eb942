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

/**
 * What a check lacks, as a code the app says in its language (`room`: the care room's number, from 1):
 * the estate's type, area (urban/rural), households, average unit size, care rooms, a room's floor
 * area, floor levels, basement flag or location, the distance to a health station, the estate's
 * outline, the co-location or synchronous-provision evidence.
 */
export const ESTATE_MISSING_INPUTS = [
  'type',
  'area',
  'households',
  'average_unit',
  'care_rooms',
  'room_floor_area',
  'room_floor_levels',
  'room_basement',
  'room_location',
  'health_station',
  'outline',
  'co_location',
  'synchronous_provision',
] as const;
export type EstateMissingInput = (typeof ESTATE_MISSING_INPUTS)[number];
export interface EstateMissing {
  input: EstateMissingInput;
  params: Record<string, string>;
}

/**
 * Why a check fails or does not apply, as a code: the rule is for other estate types (`type`) or
 * another area (`area`), the preset has no rate for this estate type, a care room is underground or in
 * a basement (`room`), the estate's evidence of co-location or synchronous provision says no (`input`);
 * and, on a floor-area check, that the households were estimated from floor area ÷ average unit size.
 */
export const ESTATE_CAUSES = ['estate_type', 'estate_area', 'no_rate', 'room_underground', 'flag_false', 'households_estimated'] as const;
export type EstateCauseCode = (typeof ESTATE_CAUSES)[number];
export interface EstateCause {
  code: EstateCauseCode;
  params: Record<string, string>;
}

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
  /** not_checkable: the missing input; not_applicable: why; else null (English words, as `siting review` prints them). */
  reason: string | null;
  /** The missing input as a code with its params (not_checkable, and advisory lacking an input), for the app to say in its language. */
  missing?: EstateMissing;
  /** Why it fails or does not apply, as a code, when the figures do not say it (underground room, evidence says no, other estate type). */
  because?: EstateCause;
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
    if (estate.type === null) return missing(lacking('type'), unitOf(rule));
    if (!types.includes(estate.type)) return notApplicable(`estate type ${estate.type}`, { code: 'estate_type', params: { type: estate.type } }, unitOf(rule));
  }
  if (rule.condition.area) {
    if (!estate.area) return rule.binding ? missing(lacking('area'), unitOf(rule)) : advisory(null, null, unitOf(rule), lacking('area'));
    if (estate.area !== rule.condition.area) return notApplicable(`${estate.area} estate`, { code: 'estate_area', params: { area: estate.area } }, unitOf(rule));
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
      return flag(rule, estate.coLocatedWithHealthStation, 'co_location');
    case 'synchronous_provision':
      return flag(rule, estate.synchronousProvision, 'synchronous_provision');
  }
}

function unitOf(rule: EstateRule): EstateCheck['unit'] {
  if (rule.check === 'care_room_floor_level') return 'floor';
  if (rule.check === 'near_health_station' || rule.check === 'service_radius') return 'm';
  if (rule.check === 'care_floor_area_per_100_households' || rule.check === 'min_site_floor_area') return 'm2';
  return null;
}

const lacking = (input: EstateMissingInput, room?: number): EstateMissing => ({ input, params: room === undefined ? {} : { room: String(room + 1) } });

/** The English words of a missing input (the estate's field, as `siting review` has always printed it). */
const MISSING_WORDS: Record<EstateMissingInput, (room: string) => string> = {
  type: () => 'type',
  area: () => 'area',
  households: () => 'households',
  average_unit: () => 'averageUnitM2',
  care_rooms: () => 'careRooms',
  room_floor_area: (room) => `careRooms.${room}.floorAreaM2`,
  room_floor_levels: (room) => `careRooms.${room}.floorLevels`,
  room_basement: (room) => `careRooms.${room}.basement`,
  room_location: (room) => `careRooms.${room}.lon/lat`,
  health_station: () => 'healthStation',
  outline: () => 'outline',
  co_location: () => 'coLocatedWithHealthStation',
  synchronous_provision: () => 'synchronousProvision',
};

/** The English words of a missing input; `params.room` counts from 1, the field's index from 0. */
export function missingWords(missing: EstateMissing): string {
  const room = missing.params.room === undefined ? '' : String(Number(missing.params.room) - 1);
  return MISSING_WORDS[missing.input](room);
}

function missing(input: EstateMissing, unit: EstateCheck['unit']): Outcome {
  return { verdict: 'not_checkable', required: null, provided: null, shortfall: null, unit, reason: missingWords(input), missing: input };
}

function notApplicable(why: string, because: EstateCause, unit: EstateCheck['unit']): Outcome {
  return { verdict: 'not_applicable', required: null, provided: null, shortfall: null, unit, reason: why, because };
}

function advisory(required: number | null, provided: number | null, unit: EstateCheck['unit'], missingInput: EstateMissing | null = null): Outcome {
  return { verdict: 'advisory', required, provided, shortfall: null, unit, reason: missingInput ? missingWords(missingInput) : null, ...(missingInput ? { missing: missingInput } : {}) };
}

/** pass when provided ≥ required (at least), else fail with the shortfall. */
function atLeast(required: number, provided: number, unit: EstateCheck['unit']): Outcome {
  const pass = provided + EPSILON >= required;
  return { verdict: pass ? 'pass' : 'fail', required, provided, shortfall: pass ? null : required - provided, unit, reason: null };
}

function households(estate: Estate): { value: number; estimated: boolean } | EstateMissing {
  if (estate.households !== null) return { value: estate.households, estimated: false };
  if (estate.residentialFloorAreaM2 == null) return lacking('households');
  if (estate.averageUnitM2 == null) return lacking('average_unit');
  return { value: estate.residentialFloorAreaM2 / estate.averageUnitM2, estimated: true };
}

function floorAreaPerHouseholds(rule: Extract<EstateRule, { check: 'care_floor_area_per_100_households' }>, estate: Estate): Outcome {
  if (estate.type === null) return missing(lacking('type'), 'm2');
  const rate = rule.m2Per100Households[estate.type];
  if (rate === null) return notApplicable(`no rate for estate type ${estate.type}`, { code: 'no_rate', params: { type: estate.type } }, 'm2');
  const count = households(estate);
  if ('input' in count) return missing(count, 'm2');
  const unknownArea = estate.careRooms.findIndex((room) => room.floorAreaM2 === null);
  if (unknownArea >= 0) return missing(lacking('room_floor_area', unknownArea), 'm2');
  const provided = estate.careRooms.reduce((sum, room) => sum + (room.floorAreaM2 ?? 0), 0);
  const required = (count.value / 100) * rate;
  const result = rule.binding ? atLeast(required, provided, 'm2') : advisory(required, provided, 'm2');
  return count.estimated ? { ...result, estimated: true, because: { code: 'households_estimated', params: {} } } : result;
}

function minSiteArea(rule: Extract<EstateRule, { check: 'min_site_floor_area' }>, estate: Estate): Outcome {
  const unknownArea = estate.careRooms.findIndex((room) => room.floorAreaM2 === null);
  if (unknownArea >= 0) return rule.binding ? missing(lacking('room_floor_area', unknownArea), 'm2') : advisory(rule.minFloorAreaM2, null, 'm2', lacking('room_floor_area', unknownArea));
  // No care room at all: the smallest site provides nothing.
  const smallest = estate.careRooms.length === 0 ? 0 : Math.min(...estate.careRooms.map((room) => room.floorAreaM2 ?? 0));
  return rule.binding ? atLeast(rule.minFloorAreaM2, smallest, 'm2') : advisory(rule.minFloorAreaM2, smallest, 'm2');
}

function floorLevel(rule: Extract<EstateRule, { check: 'care_room_floor_level' }>, estate: Estate): Outcome {
  if (estate.careRooms.length === 0) return rule.binding ? missing(lacking('care_rooms'), 'floor') : advisory(rule.maxFloorLevel, null, 'floor', lacking('care_rooms'));
  const unknownLevels = estate.careRooms.findIndex((room) => room.floorLevels === null);
  if (unknownLevels >= 0) return rule.binding ? missing(lacking('room_floor_levels', unknownLevels), 'floor') : advisory(rule.maxFloorLevel, null, 'floor', lacking('room_floor_levels', unknownLevels));
  const highest = Math.max(...estate.careRooms.flatMap((room) => room.floorLevels ?? []));
  if (!rule.binding) return advisory(rule.maxFloorLevel, highest, 'floor');
  const underground = estate.careRooms.findIndex((room) => room.basement === true || (room.floorLevels ?? []).some((level) => level <= 0));
  if (!rule.basementAllowed && underground >= 0) return { verdict: 'fail', required: rule.maxFloorLevel, provided: highest, shortfall: null, unit: 'floor', reason: `careRooms.${underground} is underground or in a basement`, because: { code: 'room_underground', params: { room: String(underground + 1) } } };
  if (rule.maxFloorLevel !== null && highest > rule.maxFloorLevel) return { verdict: 'fail', required: rule.maxFloorLevel, provided: highest, shortfall: highest - rule.maxFloorLevel, unit: 'floor', reason: null };
  const unknownBasement = estate.careRooms.findIndex((room) => room.basement === null);
  if (!rule.basementAllowed && unknownBasement >= 0) return missing(lacking('room_basement', unknownBasement), 'floor');
  return { verdict: 'pass', required: rule.maxFloorLevel, provided: highest, shortfall: null, unit: 'floor', reason: null };
}

function nearHealthStation(rule: Extract<EstateRule, { check: 'near_health_station' }>, estate: Estate): Outcome {
  const station = estate.healthStation;
  if (!station) return rule.binding && rule.maxDistanceM !== null ? missing(lacking('health_station'), 'm') : advisory(rule.maxDistanceM, null, 'm', lacking('health_station'));
  if (!rule.binding || rule.maxDistanceM === null) return { ...advisory(rule.maxDistanceM, station.distanceM, 'm'), method: station.method };
  const pass = station.distanceM <= rule.maxDistanceM + EPSILON;
  return { verdict: pass ? 'pass' : 'fail', required: rule.maxDistanceM, provided: station.distanceM, shortfall: pass ? null : station.distanceM - rule.maxDistanceM, unit: 'm', reason: null, method: station.method };
}

/** The farthest point of the estate (outline vertices, or its point) from its nearest care room, straight line. */
function serviceRadius(rule: Extract<EstateRule, { check: 'service_radius' }>, estate: Estate): Outcome {
  const points = estate.outline ?? (estate.point ? [estate.point] : null);
  if (!points) return rule.binding ? missing(lacking('outline'), 'm') : advisory(rule.radiusM, null, 'm', lacking('outline'));
  if (estate.careRooms.length === 0) return rule.binding ? missing(lacking('care_rooms'), 'm') : advisory(rule.radiusM, null, 'm', lacking('care_rooms'));
  const unplaced = estate.careRooms.findIndex((room) => room.lon === null || room.lat === null);
  if (unplaced >= 0) return rule.binding ? missing(lacking('room_location', unplaced), 'm') : advisory(rule.radiusM, null, 'm', lacking('room_location', unplaced));
  const farthest = Math.max(...points.map(([x, y]) => Math.min(...estate.careRooms.map((room) => haversineM(x, y, room.lon ?? 0, room.lat ?? 0)))));
  if (!rule.binding) return { ...advisory(rule.radiusM, farthest, 'm'), method: 'straight_line' };
  const pass = rule.inclusive ? farthest <= rule.radiusM + EPSILON : farthest < rule.radiusM;
  return { verdict: pass ? 'pass' : 'fail', required: rule.radiusM, provided: farthest, shortfall: pass ? null : farthest - rule.radiusM, unit: 'm', reason: null, method: 'straight_line' };
}

function flag(rule: EstateRule, value: boolean | null | undefined, input: 'co_location' | 'synchronous_provision'): Outcome {
  if (value === null || value === undefined) return rule.binding ? missing(lacking(input), null) : advisory(null, null, null, lacking(input));
  if (!rule.binding) return advisory(null, value ? 1 : 0, null);
  if (value) return { verdict: 'pass', required: null, provided: null, shortfall: null, unit: null, reason: null };
  return { verdict: 'fail', required: null, provided: null, shortfall: null, unit: null, reason: `${missingWords(lacking(input))} is false`, because: { code: 'flag_false', params: { input } } };
}
