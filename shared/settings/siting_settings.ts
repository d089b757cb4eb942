/**
 * The parameters of the accessibility analysis and of "suggest sites", in one place: each one's
 * default and its limits. The CLI's flags, both panels of the app and the use cases read them from
 * here, and every result echoes the values it used (`SuggestSitesParameters` below, the analysis
 * summary's speed and snap distance), so a figure can always be traced to its settings.
 */
import * as z from 'zod';
import { DEFAULT_UPTAKE_RATE } from '../engine/capacity/allocate_capacity';
import { DEFAULT_MAX_SNAP_M } from '../engine/network/snap_points';
import { DEFAULT_SPEED_MPS } from '../engine/network/thresholds';
import { DEFAULT_STATISTICS_HORIZON_FACTOR } from '../engine/network/travel_time_statistics';
import { DEFAULT_WALK_PROFILE } from '../engine/network/walk_profile';
import { DEFAULT_PAIR_BUDGET } from '../optimize/project/cost_cutoff';
import { InputError } from '../errors';
import { FacilityKind } from '../schemas/entities';

/** A numeric parameter's allowed range, and how a message says it. */
export interface Limit {
  min: number;
  max: number;
  /** min itself is not allowed (e.g. a radius must be > 0). */
  minExclusive?: boolean;
  integer?: boolean;
  /** Plain words for messages: "metres in (0, 100000]". */
  expected: string;
}

export const LIMITS = {
  /** Circle radius, metres. */
  radiusM: { min: 0, minExclusive: true, max: 100_000, expected: 'metres in (0, 100000]' },
  /** Walking time threshold, minutes. */
  minutes: { min: 0, minExclusive: true, max: 240, expected: 'minutes in (0, 240]' },
  /** Network distance threshold, metres. */
  networkM: { min: 0, minExclusive: true, max: 100_000, expected: 'metres in (0, 100000]' },
  /** Walking speed, m/s. */
  speedMps: { min: 0, minExclusive: true, max: 10, expected: 'a walking speed in m/s in (0, 10]' },
  /** Largest distance from a cell, facility or site to a walkable way, metres. */
  maxSnapM: { min: 0, minExclusive: true, max: 10_000, expected: 'metres in (0, 10000]' },
  /** Walking time per metre of steps relative to level ground. */
  stepsFactor: { min: 1, max: 10, expected: 'a multiplier in [1, 10] (walking time per metre of steps, relative to level ground)' },
  /** How far the travel-time statistics search, as a multiple of the largest threshold. */
  statisticsHorizonFactor: { min: 1, max: 10, expected: 'a multiple of the largest threshold in [1, 10]' },
  /** Share of older people who use day care (capacity-aware coverage, capacitated siting). */
  uptakeRate: { min: 0, minExclusive: true, max: 1, expected: 'a share in (0, 1], e.g. 0.03' },
  /** New sites to choose. */
  sites: { min: 1, max: 100_000, integer: true, expected: 'a whole number of new sites ≥ 1' },
  /** min-facilities: share of the older population to cover. */
  targetShare: { min: 0, minExclusive: true, max: 1, expected: 'a share in (0, 1], e.g. 0.9' },
  /** Spacing of grid candidates, metres. */
  gridM: { min: 10, max: 10_000, expected: 'metres in [10, 10000]' },
  minFloorAreaM2: { min: 0, max: 1e6, expected: 'square metres ≥ 0' },
  maxFloorLevel: { min: -10, max: 200, integer: true, expected: 'an integer floor level, e.g. 2' },
  /** Lowest floor level a new site may be on (1 = ground floor: no basements). */
  minFloorLevel: { min: -10, max: 200, integer: true, expected: 'an integer floor level, e.g. 1 (no basements)' },
  /** Minimum distance between two new sites, metres (0 = none). */
  minSpacingM: { min: 0, max: 100_000, expected: 'metres in [0, 100000]' },
  /** Day places of a new site whose candidate states none. */
  siteCapacity: { min: 0, minExclusive: true, max: Number.MAX_SAFE_INTEGER, integer: true, expected: 'a whole number of day places > 0' },
} as const satisfies Record<string, Limit>;

export type LimitName = keyof typeof LIMITS;

export const DEFAULTS = {
  /** Circle radius, metres. */
  radiusM: 1000,
  /** Walking time, minutes (the 15-minute elderly-care service circle). */
  minutes: 15,
  speedMps: DEFAULT_SPEED_MPS,
  maxSnapM: DEFAULT_MAX_SNAP_M,
  stepsFactor: DEFAULT_WALK_PROFILE.stepsFactor,
  statisticsHorizonFactor: DEFAULT_STATISTICS_HORIZON_FACTOR,
  uptakeRate: DEFAULT_UPTAKE_RATE,
  /** The facility kinds that serve older people's day care by default. */
  kinds: ['day_care', 'community_station'] as readonly FacilityKind[],
  gridM: 250,
  /**
   * Layer candidates: the lowest floor a new site may be on. 1 leaves out basements (floor < 1): a
   * day-care centre belongs on a low floor above ground (建标143-2010, DOMAIN.md); null in a request allows them.
   */
  minFloorLevel: 1,
  minSpacingM: 0,
  pairBudget: DEFAULT_PAIR_BUDGET,
} as const;

/** Whether `value` lies within the named parameter's limits. */
export function withinLimit(name: LimitName, value: number): boolean {
  const limit: Limit = LIMITS[name];
  if (!Number.isFinite(value)) return false;
  if (limit.integer && !Number.isInteger(value)) return false;
  if (limit.minExclusive ? !(value > limit.min) : !(value >= limit.min)) return false;
  return value <= limit.max;
}

/** A zod number checked against the named limit, with the limit's words as the message. */
export function limitedNumber(name: LimitName) {
  return z.number().refine((value) => withinLimit(name, value), { message: `must be ${LIMITS[name].expected}` });
}

/**
 * An accessibility-analysis request (the engine's AnalysisOptions), each number within its limits;
 * the engine fills the defaults above and echoes them in its result's `parameters`.
 */
export const AnalysisSettings = z
  .object({
    mode: z.enum(['circle', 'network']),
    radiiM: z.array(limitedNumber('radiusM')).optional(),
    minutes: z.array(limitedNumber('minutes')).optional(),
    networkM: z.array(limitedNumber('networkM')).optional(),
    speedMps: limitedNumber('speedMps').optional(),
    stepsFactor: limitedNumber('stepsFactor').optional(),
    maxSnapM: limitedNumber('maxSnapM').optional(),
    statisticsHorizonFactor: limitedNumber('statisticsHorizonFactor').optional(),
    capacity: z.boolean().optional(),
    uptakeRate: limitedNumber('uptakeRate').optional(),
    gaps: z.boolean().optional(),
    byArea: z.boolean().optional(),
    maxGaps: z.number().int().positive().optional(),
    serviceAreas: z.object({ perFacility: z.boolean().optional(), pixelM: z.number().positive().optional() }).strict().optional(),
  })
  .strict();
export type AnalysisSettings = z.output<typeof AnalysisSettings>;

/** Most areas one study area may name (a district's streets, a city's districts). */
export const MAX_STUDY_AREAS = 500;

/** A study area as requests and the project's settings name it: ids (or unique names) of boundary areas; [] = the whole project. */
export const StudyAreaRefs = z.array(z.string().min(1).max(200)).max(MAX_STUDY_AREAS);

export const SITING_PROBLEMS = ['max-coverage', 'min-facilities', 'p-median', 'p-center'] as const;
export type SitingProblemKind = (typeof SITING_PROBLEMS)[number];

export const CandidateOptions = z
  .object({
    /** Default: 'layer' when the candidates layer has sites, else 'grid'. */
    source: z.enum(['layer', 'grid']).optional(),
    /** Grid candidates: spacing, metres (default DEFAULTS.gridM). */
    gridM: limitedNumber('gridM').optional(),
    /** Layer candidates: smallest floor area, m². */
    minFloorAreaM2: limitedNumber('minFloorAreaM2').optional(),
    /** Layer candidates: highest floor level. */
    maxFloorLevel: limitedNumber('maxFloorLevel').optional(),
    /** Layer candidates: lowest floor level (absent: DEFAULTS.minFloorLevel, no basements; null: any floor). */
    minFloorLevel: limitedNumber('minFloorLevel').nullable().optional(),
    /** With a study area: candidate sites outside it may be chosen too (default: inside only). */
    outsideStudyArea: z.boolean().optional(),
    /** Polygons no new site may lie in. */
    exclusionZones: z
      .array(
        z.union([
          z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(z.array(z.number()))) }),
          z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(z.array(z.number())))) }),
        ]),
      )
      .optional(),
    /** Boundaries of the project (by id, or by name when unique) whose area no new site may take. */
    excludeBoundaries: z.array(z.string()).optional(),
  })
  .strict();
export type CandidateOptions = z.infer<typeof CandidateOptions>;

/** A "suggest sites" request: the problem, how distance is measured, the candidates and limits. */
export const SuggestSitesSettings = z
  .object({
    problem: z.enum(SITING_PROBLEMS),
    /** New sites (every problem but min-facilities). */
    k: limitedNumber('sites').optional(),
    /** min-facilities: share of the older population to cover. */
    targetShare: limitedNumber('targetShare').optional(),
    mode: z.enum(['circle', 'network']),
    /** Circle mode: coverage radius, metres (cost problems: optional; demand within it counts as covered). */
    radiusM: limitedNumber('radiusM').optional(),
    /** Network mode: the walking time (coverage threshold and longest walk considered), minutes. */
    minutes: limitedNumber('minutes').default(DEFAULTS.minutes),
    speedMps: limitedNumber('speedMps').default(DEFAULTS.speedMps),
    maxSnapM: limitedNumber('maxSnapM').default(DEFAULTS.maxSnapM),
    /** Existing facilities of these kinds are kept open and counted. */
    kinds: z.array(FacilityKind).default([...DEFAULTS.kinds]),
    candidates: CandidateOptions.default({}),
    minSpacingM: limitedNumber('minSpacingM').default(DEFAULTS.minSpacingM),
    /** Capacitated maximum coverage (problem max-coverage only). */
    capacitated: z
      .object({
        /** Day places of each new site whose candidate states none (absent: every candidate must state one). */
        siteCapacity: limitedNumber('siteCapacity').optional(),
        uptakeRate: limitedNumber('uptakeRate').default(DEFAULTS.uptakeRate),
      })
      .strict()
      .nullable()
      .default(null),
    /** Circle p-median / p-center: most cost pairs kept. */
    pairBudget: z.number().int().positive().optional(),
    /**
     * The study area: boundary areas (ids, or names when unique); demand is the older people of the
     * cells whose centre lies inside, and candidate sites lie inside too unless
     * candidates.outsideStudyArea. Absent or empty: the whole project.
     */
    studyArea: StudyAreaRefs.optional(),
  })
  .strict();
/** As given (defaults optional). */
export type SuggestSitesRequest = z.input<typeof SuggestSitesSettings>;
/** With every default filled in. */
export type SuggestSitesSettings = z.output<typeof SuggestSitesSettings>;

/**
 * Parses a request with one of the schemas above; the first problem becomes an InputError naming the
 * setting (`field`: its path, e.g. "capacitated.uptakeRate") and what it must be.
 * @example parseSettings(SuggestSitesSettings, { problem: 'max-coverage', k: 3, mode: 'circle' }).maxSnapM // 300
 */
export function parseSettings<S extends z.ZodType>(schema: S, request: unknown): z.output<S> {
  const parsed = schema.safeParse(request);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue.path.map(String).join('.');
  let value: unknown = request;
  for (const key of issue.path) value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  const got = value === undefined ? '' : `, got ${JSON.stringify(value)}`;
  throw new InputError(`${field || 'settings'} ${issue.message}${got}`, field ? { field } : {});
}
