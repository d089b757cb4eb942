/**
 * Use case "the estate review sheet" (新建住宅小区养老服务设施配建审查意见表, A4): the content of the
 * sheet of one reviewed estate, as keys and values — no words of any language but the data's own
 * (names, the preset's rule texts in zh and en, its source documents). The app's printable page
 * (renderer/components/review/ReviewSheet.tsx) and, later, the headless print pipeline draw the same
 * content; their words are in ./review_sheet_text.ts and the map's page geometry in ./review_sheet_map.ts.
 *
 * Sections: header (project, estate, type, review date, preset id + version), inputs (households —
 * or estimated from residential floor area ÷ average unit size —, care rooms with area, floors,
 * basement and place, the nearest community health station), the rule table (each estate rule of the
 * preset with its source, required, provided, shortfall, unit and verdict), the conclusion (符合 /
 * 不符合 / 需补充材料 with the failing and missing items), the signature lines and the location map
 * (estate geometry, care rooms, the nearest health station, the service-radius circle when the preset
 * has one).
 */
import * as z from 'zod';
import { ESTATE_TYPES, type EstateRule, type Preset } from '../rules/rule';
import type { Estate } from '../schemas/entities';
import type { EstateReview, EstateReviewInput } from './review_estate';
import type { NearestHealthStation } from './review_estates';

const LonLat = z.tuple([z.number(), z.number()]);
const CHECK_VERDICTS = ['pass', 'fail', 'not_checkable', 'advisory', 'not_applicable'] as const;
const ESTATE_VERDICTS = ['compliant', 'non_compliant', 'incomplete'] as const;
const METHODS = ['network', 'straight_line'] as const;

/** The signature lines, in order: 审查人 (reviewer), 审核人 (approver), 日期 (date). */
export const SIGNATURE_LINES = ['reviewer', 'approver', 'date'] as const;

const Station = z.object({ id: z.string(), name: z.string().nullable(), lon: z.number(), lat: z.number(), distanceM: z.number(), method: z.enum(METHODS), room: z.number().int() });

export const ReviewSheet = z.object({
  header: z.object({
    project: z.string(),
    estate: z.object({ id: z.string(), name: z.string().nullable() }),
    type: z.enum(ESTATE_TYPES).nullable(),
    area: z.enum(['urban', 'rural']).nullable(),
    /** ISO time of the review the sheet shows. */
    reviewedAt: z.string(),
    /** The project holds this review (same preset version, same verdicts); false: reviewed for the sheet. */
    stored: z.boolean(),
    preset: z.object({ id: z.string(), version: z.number().int(), zh: z.string(), en: z.string() }),
  }),
  inputs: z.object({
    /** Stated, or estimated (then `householdsEstimated`); null when neither can be had. */
    households: z.number().nullable(),
    householdsEstimated: z.boolean(),
    residentialFloorAreaM2: z.number().nullable(),
    averageUnitM2: z.number().nullable(),
    careRooms: z.array(
      z.object({
        /** 1-based, as the sheet numbers them. */
        number: z.number().int(),
        floorAreaM2: z.number().nullable(),
        floorLevels: z.array(z.number().int()).nullable(),
        basement: z.boolean().nullable(),
        lon: z.number().nullable(),
        lat: z.number().nullable(),
      }),
    ),
    /** The rooms' floor areas summed; null when a room's is unknown. */
    careFloorAreaM2: z.number().nullable(),
    coLocatedWithHealthStation: z.boolean().nullable(),
    synchronousProvision: z.boolean().nullable(),
    healthStation: Station.nullable(),
  }),
  rules: z.array(
    z.object({
      id: z.string(),
      check: z.string(),
      zh: z.string(),
      en: z.string(),
      binding: z.boolean(),
      source: z.object({ document: z.string(), clause: z.string(), confidence: z.string(), note: z.string().optional() }),
      verdict: z.enum(CHECK_VERDICTS),
      required: z.number().nullable(),
      provided: z.number().nullable(),
      shortfall: z.number().nullable(),
      unit: z.enum(['m2', 'floor', 'm']).nullable(),
      reason: z.string().nullable(),
      method: z.enum(METHODS).optional(),
      estimated: z.boolean().optional(),
      /** A yes/no rule (三站合一, 同步配建): the estate's stated answer, null when not stated. */
      providedFlag: z.boolean().nullable().optional(),
    }),
  ),
  conclusion: z.object({
    verdict: z.enum(ESTATE_VERDICTS),
    /** Rule ids that fail. */
    failing: z.array(z.string()),
    /** Rules that cannot be checked and the input each lacks (the review's reason). */
    missing: z.array(
      z.object({
        rule: z.string(),
        input: z.string(),
        /** The input by name (`households`, `floorAreaM2` …) and the 1-based care room it belongs to, when the reason names one. */
        field: z.string(),
        room: z.number().int().nullable(),
      }),
    ),
  }),
  signatures: z.array(z.enum(SIGNATURE_LINES)),
  map: z.object({
    /** Outer rings of the estate's polygons ([lon, lat]); empty for a point estate. */
    polygons: z.array(z.array(LonLat)),
    point: LonLat.nullable(),
    careRooms: z.array(z.object({ number: z.number().int(), lon: z.number(), lat: z.number() })),
    station: Station.nullable(),
    /** The preset's service radius around each placed care room, when it has one that applies. */
    radius: z.object({ rule: z.string(), radiusM: z.number(), centres: z.array(LonLat) }).nullable(),
  }),
});
export type ReviewSheet = z.infer<typeof ReviewSheet>;
export type ReviewSheetRule = ReviewSheet['rules'][number];

export interface ReviewSheetRequest {
  /** The project's name. */
  project: string;
  /** The estate's record (its geometry is drawn as it is, a multipolygon as its parts). */
  estate: Pick<Estate, 'geometry'>;
  /** The review's input and result (shared/usecases/review_estates.ts). */
  input: EstateReviewInput;
  review: EstateReview;
  station: NearestHealthStation | null;
  /** The preset the review used (its id and version must be the review's). */
  preset: Preset;
  reviewedAt: string;
  stored: boolean;
}

/**
 * @example reviewSheet({ project: 'Wuhan', estate, input, review, station, preset: PRESETS.chishui, reviewedAt, stored: true }).conclusion
 *   // { verdict: 'non_compliant', failing: ['care_floor_area_per_100_households', 'min_site_floor_area'], missing: [] }
 */
export function reviewSheet(request: ReviewSheetRequest): ReviewSheet {
  const { input, review, preset, station } = request;
  if (review.preset.id !== preset.id || review.preset.version !== preset.version) {
    throw new Error(`the review used preset ${review.preset.id} v${review.preset.version}, not ${preset.id} v${preset.version}`);
  }
  const estateRules = preset.rules.filter((rule): rule is EstateRule => rule.kind === 'estate');
  const rules = review.checks.map((check): ReviewSheetRule => {
    const rule = estateRules.find((r) => r.id === check.rule);
    if (!rule) throw new Error(`the review's rule ${check.rule} is not in preset ${preset.id} v${preset.version}`);
    return {
      id: rule.id,
      check: rule.check,
      zh: rule.zh,
      en: rule.en,
      binding: rule.binding,
      source: { ...rule.source },
      verdict: check.verdict,
      required: check.required,
      provided: check.provided,
      shortfall: check.shortfall,
      unit: check.unit,
      reason: check.reason,
      ...(check.method ? { method: check.method } : {}),
      ...(check.estimated ? { estimated: true } : {}),
      ...(rule.check === 'co_location_health' ? { providedFlag: input.coLocatedWithHealthStation ?? null } : {}),
      ...(rule.check === 'synchronous_provision' ? { providedFlag: input.synchronousProvision ?? null } : {}),
    };
  });
  const rooms = input.careRooms.map((room, index) => ({ number: index + 1, ...room, floorLevels: room.floorLevels ? [...room.floorLevels] : null }));
  return {
    header: {
      project: request.project,
      estate: { id: review.id, name: review.name },
      type: review.type,
      area: input.area ?? null,
      reviewedAt: request.reviewedAt,
      stored: request.stored,
      preset: { id: preset.id, version: preset.version, zh: preset.zh, en: preset.en },
    },
    inputs: {
      ...households(input),
      residentialFloorAreaM2: input.residentialFloorAreaM2 ?? null,
      averageUnitM2: input.averageUnitM2 ?? null,
      careRooms: rooms,
      careFloorAreaM2: rooms.some((room) => room.floorAreaM2 === null) ? null : rooms.reduce((sum, room) => sum + (room.floorAreaM2 ?? 0), 0),
      coLocatedWithHealthStation: input.coLocatedWithHealthStation ?? null,
      synchronousProvision: input.synchronousProvision ?? null,
      healthStation: station && { ...station },
    },
    rules,
    conclusion: {
      verdict: review.verdict,
      failing: rules.filter((rule) => rule.verdict === 'fail').map((rule) => rule.id),
      missing: rules.filter((rule) => rule.verdict === 'not_checkable').map((rule) => ({ rule: rule.id, input: rule.reason ?? '', ...missingField(rule.reason ?? '') })),
    },
    signatures: [...SIGNATURE_LINES],
    map: sheetMap(request, rooms, estateRules, rules),
  };
}

/** `careRooms.2.floorLevels` → the field floorLevels of care room 3; any other reason is the field itself. */
function missingField(input: string): { field: string; room: number | null } {
  const match = /^careRooms\.(\d+)\.(.+)$/.exec(input);
  return match ? { field: match[2], room: Number(match[1]) + 1 } : { field: input, room: null };
}

/** The households the floor-area check counts: stated, else residential floor area ÷ average unit size. */
function households(input: EstateReviewInput): { households: number | null; householdsEstimated: boolean } {
  if (input.households !== null) return { households: input.households, householdsEstimated: false };
  if (input.residentialFloorAreaM2 != null && input.averageUnitM2 != null) return { households: input.residentialFloorAreaM2 / input.averageUnitM2, householdsEstimated: true };
  return { households: null, householdsEstimated: false };
}

function sheetMap(request: ReviewSheetRequest, rooms: ReviewSheet['inputs']['careRooms'], estateRules: readonly EstateRule[], rules: readonly ReviewSheetRule[]): ReviewSheet['map'] {
  const geometry = request.estate.geometry;
  const ring = (coordinates: readonly (readonly number[])[]) => coordinates.map(([lon, lat]) => [lon, lat] as [number, number]);
  const polygons = geometry.type === 'Polygon' ? [ring(geometry.coordinates[0])] : geometry.type === 'MultiPolygon' ? geometry.coordinates.map((polygon) => ring(polygon[0])) : [];
  const point = geometry.type === 'Point' ? ([geometry.coordinates[0], geometry.coordinates[1]] as [number, number]) : null;
  const placed = rooms.flatMap((room) => (room.lon !== null && room.lat !== null ? [{ number: room.number, lon: room.lon, lat: room.lat }] : []));
  // The circle of a service-radius rule the review applied (not for another estate type or area).
  const radiusRule = estateRules.find((rule) => rule.check === 'service_radius' && rules.find((r) => r.id === rule.id)?.verdict !== 'not_applicable');
  const radius =
    radiusRule && radiusRule.check === 'service_radius' && placed.length > 0
      ? { rule: radiusRule.id, radiusM: radiusRule.radiusM, centres: placed.map((room) => [room.lon, room.lat] as [number, number]) }
      : null;
  const station = request.station && { ...request.station };
  return { polygons, point, careRooms: placed, station, radius };
}
