/**
 * Provision rules as data. A rule is one checkable requirement of a local plan or a standard: what it
 * measures (`check`, which fixes the names and units of its numbers), the numbers, when it applies,
 * where it comes from and how sure we are of that, and whether it is binding or advisory ("尽量靠近":
 * the review measures and reports the value but gives no verdict). Presets (./presets) bundle rules;
 * a planner's edited copy is checked with the same schemas (./parse_preset.ts).
 *
 * Numbers carry their unit in their name (`minFloorAreaM2`, `radiusM`, `minShare` as a fraction 0–1).
 * A number the source does not give is `null`, never guessed: e.g. Doumen asks for a "low floor"
 * without saying which, so its `maxFloorLevel` is null and the rule is advisory.
 */
import * as z from 'zod';
import { FacilityKind } from '../schemas/entities';

export const ESTATE_TYPES = ['new', 'old', 'renewal'] as const;
/** new: 新建住宅小区; old: 旧城区和已建住宅区 (老旧小区); renewal: 城市更新项目. */
export type EstateType = (typeof ESTATE_TYPES)[number];

/** How the source was seen (see the research notes): quoted from a seed plan, seen in a public copy, partly seen, or not seen. */
export const CONFIDENCES = ['seed', 'verified', 'partly', 'unverified'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

export const RuleSource = z
  .object({
    /** The document's own title, e.g. "南海区养老服务体系建设提升三年行动计划（2021—2023年）（征求公众意见稿）". */
    document: z.string().min(1),
    /** Clause or section within it, e.g. "三、（六）1"; for standards the clause number. */
    clause: z.string().min(1),
    confidence: z.enum(CONFIDENCES),
    /** What is uncertain or where the number really comes from. */
    note: z.string().min(1).optional(),
    /** In an edited copy: the values the planner changed, each from what it was in the preset copied (./edit_preset.ts). */
    edits: z.array(z.object({ field: z.string().min(1), from: z.union([z.number(), z.boolean(), z.null()]), to: z.union([z.number(), z.boolean(), z.null()]) }).strict()).optional(),
  })
  .strict();
export type RuleSource = z.infer<typeof RuleSource>;

export const RuleCondition = z
  .object({
    /** Estate types the rule applies to (estate rules); absent = every type. */
    estateTypes: z.array(z.enum(ESTATE_TYPES)).min(1).optional(),
    /** Urban or rural units only; absent = both. */
    area: z.enum(['urban', 'rural']).optional(),
    /** The unit the rule is counted over. */
    level: z.enum(['estate', 'facility', 'community', 'village', 'town_street', 'county', 'district', 'city']).optional(),
    /** The target year, when the plan states one. */
    year: z.number().int().optional(),
  })
  .strict();
export type RuleCondition = z.infer<typeof RuleCondition>;

const nonNegative = z.number().nonnegative();
const share = z.number().min(0).max(1);
const positive = z.number().positive();

const base = {
  /** Stable snake_case id; the review's output names rules by it. */
  id: z.string().regex(/^[a-z][a-z0-9_]*$/, { message: 'must be a snake_case id' }),
  zh: z.string().min(1),
  en: z.string().min(1),
  /** false: advisory (measure, report, no verdict). */
  binding: z.boolean(),
  condition: RuleCondition,
  source: RuleSource,
};

const estate = { ...base, kind: z.literal('estate') };
const facility = { ...base, kind: z.literal('facility') };
const district = { ...base, kind: z.literal('district') };

/** Per estate type; null = the source has no number for that type (the check is not applicable). */
const RatePerType = z.object({ new: nonNegative.nullable(), old: nonNegative.nullable(), renewal: nonNegative.nullable() }).strict();

/** Coverage targets by the kind of unit counted (Fuzhou: urban communities, towns, villages). */
const CoverageTarget = z.object({ unit: z.enum(['urban_community', 'rural_community', 'community', 'town', 'village', 'street', 'town_street']), minShare: share }).strict();

export const Rule = z.discriminatedUnion('check', [
  // Estate rules (shared/usecases/review_estate.ts).
  z.object({ ...estate, check: z.literal('care_floor_area_per_100_households'), m2Per100Households: RatePerType }).strict(),
  z.object({ ...estate, check: z.literal('min_site_floor_area'), minFloorAreaM2: positive }).strict(),
  z.object({ ...estate, check: z.literal('care_room_floor_level'), maxFloorLevel: z.number().int().positive().nullable(), basementAllowed: z.boolean() }).strict(),
  z.object({ ...estate, check: z.literal('near_health_station'), maxDistanceM: positive.nullable() }).strict(),
  z.object({ ...estate, check: z.literal('service_radius'), radiusM: positive, inclusive: z.boolean() }).strict(),
  z.object({ ...estate, check: z.literal('co_location_health') }).strict(),
  z.object({ ...estate, check: z.literal('synchronous_provision') }).strict(),
  // Facility rules (the district check, next step).
  z.object({ ...facility, check: z.literal('health_station_pairing'), healthStationsPerInstitution: positive }).strict(),
  // District rules (the district check, next step).
  z.object({ ...district, check: z.literal('beds_per_1000_older'), minBedsPer1000: positive, registeredOnly: z.boolean() }).strict(),
  z.object({ ...district, check: z.literal('nursing_bed_share'), minShare: share }).strict(),
  z.object({ ...district, check: z.literal('community_facility_coverage'), targets: z.array(CoverageTarget).min(1) }).strict(),
  z.object({ ...district, check: z.literal('institution_per_unit'), minCount: positive, minBeds: positive.nullable() }).strict(),
  z.object({ ...district, check: z.literal('new_estates_compliant_share'), minShare: share }).strict(),
  z.object({ ...district, check: z.literal('service_circle'), minutes: positive, walkMinM: positive.nullable(), walkMaxM: positive.nullable() }).strict(),
  z.object({ ...district, check: z.literal('land_per_resident'), minM2PerResident: nonNegative, maxM2PerResident: nonNegative.nullable() }).strict(),
]);
export type Rule = z.infer<typeof Rule>;
export type RuleCheck = Rule['check'];
export type EstateRule = Extract<Rule, { kind: 'estate' }>;

/**
 * Which facility kinds a preset's checks count (the facilities layer's `kind`): a community "has" a
 * care facility when one of `care` lies in it (居家/社区养老服务设施 and institutions), an institution
 * (养老机构) is one of `institution`, and a care room is measured to the nearest of `healthStation`
 * (社区卫生服务站/中心). A preset without `kinds` counts DEFAULT_PRESET_KINDS.
 */
export const PresetKinds = z
  .object({
    care: z.array(FacilityKind).min(1),
    institution: z.array(FacilityKind).min(1),
    healthStation: z.array(FacilityKind).min(1),
  })
  .strict();
export type PresetKinds = z.infer<typeof PresetKinds>;

/** The kinds the national standards' terms map to (GB 50437: 日间照料中心, 社区养老服务站, 养老院; 社区卫生服务站). */
export const DEFAULT_PRESET_KINDS: PresetKinds = {
  care: ['day_care', 'community_station', 'care_home'],
  institution: ['care_home'],
  healthStation: ['health_station'],
};

export const PRESET_IDS = ['nanhai', 'doumen', 'fuzhou', 'futian', 'chishui', 'national'] as const;

export const Preset = z
  .object({
    /** A bundled preset's id, or the planner's own for an edited copy. */
    id: z.string().regex(/^[a-z][a-z0-9_-]*$/, { message: 'must be a lowercase id' }),
    /** Raised whenever a number or a rule changes, so a stored review names the exact rule set. */
    version: z.number().int().positive(),
    zh: z.string().min(1),
    en: z.string().min(1),
    /** The preset this copy was made from, if any. */
    basedOn: z.object({ id: z.string().min(1), version: z.number().int().positive() }).strict().optional(),
    /** The facility kinds its checks count; absent: DEFAULT_PRESET_KINDS (presetKinds). */
    kinds: PresetKinds.optional(),
    rules: z.array(Rule).min(1),
  })
  .strict()
  .superRefine((preset, context) => {
    const seen = new Set<string>();
    preset.rules.forEach((rule, index) => {
      if (seen.has(rule.id)) context.addIssue({ code: 'custom', path: ['rules', index, 'id'], message: `repeats the rule id ${rule.id}` });
      seen.add(rule.id);
    });
  });
export type Preset = z.infer<typeof Preset>;

/** The facility kinds a preset's checks count: its own, else the national default. */
export function presetKinds(preset: Pick<Preset, 'kinds'>): PresetKinds {
  return preset.kinds ?? DEFAULT_PRESET_KINDS;
}
