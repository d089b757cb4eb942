/**
 * The estate form's values: the text of each field → an Estate checked with the entity's zod schema
 * (entities.Estate, entities.CareRoom), with one problem per field that the form says in the UI
 * language. Unknown stays empty (null): the review then names what is missing.
 */
import { Estate, ESTATE_AREA_TYPES, type CareRoom } from '../../../shared/schemas/entities';

/** Where an estate is: a point placed on the map, or the outline it was imported with. */
export type EstateGeometry = Estate['geometry'];

/** yes / no / unknown of a boolean field (urban: yes = urban, no = rural). */
export type Tri = 'yes' | 'no' | 'unknown';

export interface RoomValues {
  floorAreaM2: string;
  /** Floor levels as typed: "1,2" (negative or 0 = underground). */
  floorLevels: string;
  basement: Tri;
  lon: string;
  lat: string;
}

export interface EstateValues {
  name: string;
  areaType: (typeof ESTATE_AREA_TYPES)[number];
  households: string;
  residentialFloorAreaM2: string;
  averageUnitM2: string;
  careFloorAreaM2: string;
  urban: Tri;
  coLocatedHealthStation: Tri;
  synchronousProvision: Tri;
  rooms: RoomValues[];
}

/** A field of the form: a top-level one, or `careRooms.<n>.<field>` of a care room; `geometry` is the location. */
export type EstateField = string;

export interface EstateProblem {
  field: EstateField;
  /** An i18n key under estateEdit.problems. */
  key: 'number' | 'whole' | 'min' | 'positive' | 'range' | 'levels' | 'pair' | 'location' | 'name' | 'tooLong' | 'other';
  values?: Record<string, number | string>;
}

export type EstateFormResult = { ok: true; estate: Estate } | { ok: false; problems: EstateProblem[] };

export const NAME_MAX = 500;

const triOf = (value: boolean | null | undefined): Tri => (value === true ? 'yes' : value === false ? 'no' : 'unknown');
const boolOf = (value: Tri): boolean | null => (value === 'yes' ? true : value === 'no' ? false : null);
const text = (value: number | null | undefined) => (value === null || value === undefined ? '' : String(value));

export function emptyRoom(): RoomValues {
  return { floorAreaM2: '', floorLevels: '', basement: 'unknown', lon: '', lat: '' };
}

/** The form's values of a stored estate (or of a new one: empty). */
export function toEstateValues(estate: Estate | null): EstateValues {
  return {
    name: estate?.name ?? '',
    areaType: estate?.areaType ?? 'new',
    households: text(estate?.households),
    residentialFloorAreaM2: text(estate?.residentialFloorAreaM2),
    averageUnitM2: text(estate?.averageUnitM2),
    careFloorAreaM2: text(estate?.careFloorAreaM2),
    urban: triOf(estate?.urban),
    coLocatedHealthStation: triOf(estate?.coLocatedHealthStation),
    synchronousProvision: triOf(estate?.synchronousProvision),
    rooms: (estate?.careRooms ?? []).map((room) => ({
      floorAreaM2: text(room.floorAreaM2),
      floorLevels: room.floorLevels ? room.floorLevels.join(',') : '',
      basement: triOf(room.basement),
      lon: text(room.lon),
      lat: text(room.lat),
    })),
  };
}

/** "1,200" and "1 200" are 1200; empty is null; anything else not a number is NaN. */
export function parseNumber(value: string): number | null {
  const cleaned = value.trim().replace(/[,\s\u00a0\u202f]/g, '');
  if (cleaned === '') return null;
  return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(cleaned) ? Number(cleaned) : Number.NaN;
}

/** "1,2" / "1，2" / "-1 1" → [1, 2] …; empty → null; anything else → NaN entries. */
export function parseLevels(value: string): number[] | null {
  const parts = value.split(/[,，;；\s]+/).filter((part) => part !== '');
  if (parts.length === 0) return null;
  return parts.map((part) => (/^[-+]?\d+(\.\d+)?$/.test(part) ? Number(part) : Number.NaN));
}

/** A free id for a new estate: `estate-<n>`, the first n whose id is not taken. */
export function freeEstateId(taken: Iterable<string>): string {
  const ids = new Set(taken);
  let n = 1;
  while (ids.has(`estate-${n}`)) n++;
  return `estate-${n}`;
}

/**
 * The form → an Estate with `id`, `geometry` (null: a new estate not yet placed) and `source` of the
 * estate edited, or the problems per field.
 * @example parseEstateForm({ ...toEstateValues(null), name: 'A', households: '1,200' }, 'estate-1', point, null) // ok, households 1200
 */
export function parseEstateForm(values: EstateValues, id: string, geometry: EstateGeometry | null, source: string | null): EstateFormResult {
  const problems: EstateProblem[] = [];
  const number = (field: string, value: string): number | null => {
    const parsed = parseNumber(value);
    if (parsed !== null && Number.isNaN(parsed)) {
      problems.push({ field, key: 'number' });
      return null;
    }
    return parsed;
  };
  const name = values.name.trim();
  if (name === '') problems.push({ field: 'name', key: 'name' });
  else if (name.length > NAME_MAX) problems.push({ field: 'name', key: 'tooLong', values: { max: NAME_MAX } });
  if (!geometry) problems.push({ field: 'geometry', key: 'location' });

  const careRooms: CareRoom[] = values.rooms.map((room, index) => {
    const at = (field: string) => `careRooms.${index}.${field}`;
    const levels = parseLevels(room.floorLevels);
    if (levels?.some((level) => !Number.isInteger(level))) problems.push({ field: at('floorLevels'), key: 'levels' });
    const lon = number(at('lon'), room.lon);
    const lat = number(at('lat'), room.lat);
    if ((lon === null) !== (lat === null) && !problems.some((p) => p.field === at('lon') || p.field === at('lat'))) {
      problems.push({ field: at(lon === null ? 'lon' : 'lat'), key: 'pair' });
    }
    return {
      floorAreaM2: number(at('floorAreaM2'), room.floorAreaM2),
      floorLevels: levels && levels.every(Number.isInteger) ? levels : null,
      basement: boolOf(room.basement),
      lon,
      lat,
    };
  });

  const candidate = {
    id,
    name,
    areaType: values.areaType,
    households: number('households', values.households),
    careFloorAreaM2: number('careFloorAreaM2', values.careFloorAreaM2),
    geometry: geometry ?? { type: 'Point', coordinates: [0, 0] },
    source,
    residentialFloorAreaM2: number('residentialFloorAreaM2', values.residentialFloorAreaM2),
    averageUnitM2: number('averageUnitM2', values.averageUnitM2),
    urban: boolOf(values.urban),
    coLocatedHealthStation: boolOf(values.coLocatedHealthStation),
    synchronousProvision: boolOf(values.synchronousProvision),
    careRooms,
  };
  const parsed = Estate.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      // A care room's field is named down to the room (careRooms.0.floorAreaM2), not to a level's index.
      const path = issue.path.map(String);
      const field = path[0] === 'careRooms' ? path.slice(0, 3).join('.') : path[0] === 'geometry' ? 'geometry' : path[0];
      if (problems.some((p) => p.field === field)) continue;
      problems.push(problemOf(field, issue as unknown as ZodIssueLike));
    }
  }
  if (problems.length > 0 || !parsed.success) return { ok: false, problems: problems.length > 0 ? problems : [{ field: 'name', key: 'other' }] };
  return { ok: true, estate: parsed.data };
}

interface ZodIssueLike {
  code: string;
  expected?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
}

function problemOf(field: string, issue: ZodIssueLike): EstateProblem {
  switch (issue.code) {
    case 'too_small':
      return issue.inclusive === false ? { field, key: 'positive' } : { field, key: 'min', values: { min: Number(issue.minimum) } };
    case 'too_big':
      return { field, key: 'range', values: { max: Number(issue.maximum) } };
    case 'invalid_type':
      return { field, key: issue.expected === 'int' ? 'whole' : 'number' };
    default:
      return { field, key: 'other' };
  }
}
