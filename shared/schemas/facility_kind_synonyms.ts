/**
 * The names offices, plans and map exports give facility kinds, in Chinese and English, and the
 * FacilityKind each one means: one home for the importer (CLI and app), the import preview's value
 * mapping and its tests. The terms follow DOMAIN.md (日间照料中心 day-care centre, 社区养老服务站
 * community care station, 养老院 care home, 社区卫生服务站 community health station, 长者食堂
 * elderly canteen) plus the names in use for the same facilities (助餐点, 长者饭堂, 老年公寓 …) and the
 * categories of AutoNavi POI types ("医疗保健服务;综合医院;综合医院").
 */
import { FACILITY_KINDS, type FacilityKind } from './entities';

/**
 * Chinese names; a source value matches one exactly or contains it ("XX街道社区卫生服务中心"), the
 * longest contained name winning (卫生服务站 over 服务站 inside 社区卫生服务站).
 */
export const FACILITY_KIND_SYNONYMS_ZH: ReadonlyArray<readonly [string, FacilityKind]> = [
  // day-care centre (日间照料中心)
  ['日间照料中心', 'day_care'],
  ['日间照料站', 'day_care'],
  ['日间照料', 'day_care'],
  ['日照中心', 'day_care'],
  ['托老所', 'day_care'],
  ['托老中心', 'day_care'],
  ['日托', 'day_care'],
  // community care station (社区养老服务站) and the community or street service centres
  ['社区养老服务站', 'community_station'],
  ['居家养老服务站', 'community_station'],
  ['养老服务站', 'community_station'],
  ['社区养老服务中心', 'community_station'],
  ['居家养老服务中心', 'community_station'],
  ['综合养老服务中心', 'community_station'],
  ['养老服务中心', 'community_station'],
  ['养老驿站', 'community_station'],
  ['服务站', 'community_station'],
  // care home (养老院): residential care
  ['养老院', 'care_home'],
  ['养老机构', 'care_home'],
  ['敬老院', 'care_home'],
  ['福利院', 'care_home'],
  ['护理院', 'care_home'],
  ['养护院', 'care_home'],
  ['颐养院', 'care_home'],
  ['光荣院', 'care_home'],
  ['老年公寓', 'care_home'],
  ['老人院', 'care_home'],
  ['护养院', 'care_home'],
  // community health station (社区卫生服务站)
  ['社区卫生服务站', 'health_station'],
  ['卫生服务站', 'health_station'],
  ['社区卫生服务中心', 'health_station'],
  ['卫生服务中心', 'health_station'],
  ['卫生室', 'health_station'],
  ['卫生院', 'health_station'],
  ['社康', 'health_station'],
  ['诊所', 'health_station'],
  ['门诊部', 'health_station'],
  // hospital (医院)
  ['医院', 'hospital'],
  // elderly canteen (长者食堂)
  ['长者食堂', 'canteen'],
  ['老年食堂', 'canteen'],
  ['长者饭堂', 'canteen'],
  ['老年饭堂', 'canteen'],
  ['助餐点', 'canteen'],
  ['助餐服务点', 'canteen'],
  ['老年助餐', 'canteen'],
  ['老年餐桌', 'canteen'],
  ['社区食堂', 'canteen'],
  ['幸福食堂', 'canteen'],
  // other
  ['其他', 'other'],
  ['其它', 'other'],
];

/** English words, matched after lower-casing with blanks and hyphens as "_" ("Day-care centre" → "day_care_centre"). */
export const FACILITY_KIND_SYNONYMS_EN: Readonly<Record<string, FacilityKind>> = {
  day_care: 'day_care',
  daycare: 'day_care',
  day_care_centre: 'day_care',
  day_care_center: 'day_care',
  adult_day_care: 'day_care',
  community_station: 'community_station',
  community_care_station: 'community_station',
  station: 'community_station',
  elderly_service_station: 'community_station',
  community_care_centre: 'community_station',
  community_care_center: 'community_station',
  care_home: 'care_home',
  carehome: 'care_home',
  nursing_home: 'care_home',
  elderly_home: 'care_home',
  retirement_home: 'care_home',
  senior_apartment: 'care_home',
  senior_apartments: 'care_home',
  health_station: 'health_station',
  community_health_station: 'health_station',
  clinic: 'health_station',
  health_centre: 'health_station',
  health_center: 'health_station',
  hospital: 'hospital',
  canteen: 'canteen',
  elderly_canteen: 'canteen',
  meal_point: 'canteen',
  other: 'other',
};

const EN = new Map(Object.entries(FACILITY_KIND_SYNONYMS_EN));
const ZH_BY_LENGTH = [...FACILITY_KIND_SYNONYMS_ZH].sort((a, b) => b[0].length - a[0].length);

/** A source value as the mapping keys it: NFKC (full-width letters and digits folded), trimmed. */
export function kindValueKey(raw: string): string {
  return raw.normalize('NFKC').trim();
}

function englishWord(raw: string): string {
  return raw.normalize('NFKC').trim().toLowerCase().replace(/[\s-]+/g, '_');
}

/**
 * The FacilityKind a source value names by the built-in synonyms, or null when none fits.
 * @example facilityKindOfSynonym('社区养老服务中心') // 'community_station'
 * @example facilityKindOfSynonym('Nursing home') // 'care_home'
 * @example facilityKindOfSynonym('医疗保健服务;综合医院;综合医院') // 'hospital'
 * @example facilityKindOfSynonym('老年活动室') // null
 */
export function facilityKindOfSynonym(raw: string): FacilityKind | null {
  const word = englishWord(raw);
  if (word === '') return null;
  if ((FACILITY_KINDS as readonly string[]).includes(word)) return word as FacilityKind;
  const english = EN.get(word);
  if (english) return english;
  const label = raw.normalize('NFKC').replace(/\s+/g, '');
  for (const [chinese, kind] of ZH_BY_LENGTH) if (label.includes(chinese)) return kind;
  return null;
}
