/**
 * Chishui, Guizhou: 2020 pilot of home and community care, with the Guizhou provincial numbers for
 * estates. The Chishui plan itself has no floor areas, floor levels or radii: those come from the
 * Guizhou 2022 provincial notice, seen only in secondary copies (confidence "verified", clause not
 * recorded).
 */
import type { Preset } from '../rule';
import { DOCUMENTS } from '../sources';

const guizhou = { document: DOCUMENTS.guizhou2022, clause: '未记录 (not recorded)', confidence: 'verified' as const };
const note = 'Guizhou provincial number; not in the Chishui plan. Seen in a secondary copy of the notice; check against the official text.';

export const CHISHUI: Preset = {
  id: 'chishui',
  version: 1,
  zh: '贵州省赤水市（2020年试点，贵州省配建标准）',
  en: 'Chishui, Guizhou (2020 pilot, Guizhou provincial estate rules)',
  rules: [
    {
      id: 'care_floor_area_per_100_households',
      kind: 'estate',
      check: 'care_floor_area_per_100_households',
      zh: '新建城区和新建住宅小区按每百户不低于20平方米配建养老服务设施；老城区和已建成住宅小区按每百户不低于15平方米',
      en: 'New urban areas and new estates provide at least 20 m² of care floor area per 100 households; old areas and existing estates at least 15 m²',
      binding: true,
      m2Per100Households: { new: 20, old: 15, renewal: null },
      condition: { level: 'estate', estateTypes: ['new', 'old'] },
      source: { ...guizhou, note },
    },
    {
      id: 'care_site_min_floor_area',
      kind: 'estate',
      check: 'min_site_floor_area',
      zh: '新建住宅小区每处养老服务用房建筑面积不低于350平方米',
      en: 'Each care site of a new estate has at least 350 m² of floor area',
      binding: true,
      minFloorAreaM2: 350,
      condition: { level: 'facility', estateTypes: ['new'] },
      source: { ...guizhou, note: `${note} Old areas may share one site among several small estates.` },
    },
    {
      id: 'care_room_floor_level',
      kind: 'estate',
      check: 'care_room_floor_level',
      zh: '养老服务用房设置在三层及以下，不得设置在地下室、半地下室或夹层',
      en: 'Care rooms on the 3rd floor or lower, never in a basement, semi-basement or mezzanine',
      binding: true,
      maxFloorLevel: 3,
      basementAllowed: false,
      condition: { level: 'facility' },
      source: { ...guizhou, note },
    },
    {
      id: 'service_radius',
      kind: 'estate',
      check: 'service_radius',
      zh: '服务半径小于700米',
      en: 'Service radius under 700 m',
      binding: true,
      radiusM: 700,
      inclusive: false,
      condition: { level: 'estate' },
      source: { ...guizhou, note: `${note} Measured here as the straight-line distance from the farthest point of the estate to its nearest care room.` },
    },
    {
      id: 'co_location_health',
      kind: 'estate',
      check: 'co_location_health',
      zh: '城市社区推行“三站合一”：社区居家养老服务中心（站）、社区卫生服务中心、社区护理站联合建设',
      en: '"Three stations in one" in urban communities: the care centre or station is built together with the community health centre and nursing station',
      binding: true,
      condition: { level: 'facility', area: 'urban' },
      source: { document: DOCUMENTS.chishui, clause: '二、（七）', confidence: 'seed' },
    },
    {
      id: 'synchronous_provision',
      kind: 'estate',
      check: 'synchronous_provision',
      zh: '新建住宅小区与配套养老服务设施“四同步”（同步规划、同步建设、同步验收、同步交付）',
      en: 'New estates and their care facilities are planned, built, accepted and handed over together',
      binding: true,
      condition: { level: 'estate', estateTypes: ['new'] },
      source: { document: DOCUMENTS.chishui, clause: '二、（九）', confidence: 'seed' },
    },
  ],
};
