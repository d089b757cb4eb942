/** Nanhai District, Foshan (Guangdong), 2021–2023 action plan (public-consultation draft). */
import type { Preset } from '../rule';
import { DOCUMENTS } from '../sources';

const document = DOCUMENTS.nanhai;

export const NANHAI: Preset = {
  id: 'nanhai',
  version: 1,
  zh: '佛山市南海区（2021—2023年行动计划）',
  en: 'Nanhai District, Foshan (2021–2023 action plan)',
  rules: [
    {
      id: 'care_floor_area_per_100_households',
      kind: 'estate',
      check: 'care_floor_area_per_100_households',
      zh: '新建住宅小区按每百户不低于20平方米配套建设养老服务设施；旧城区和已建住宅区按每百户不低于15平方米配置',
      en: 'New estates provide at least 20 m² of care floor area per 100 households; old areas and existing estates at least 15 m²',
      binding: true,
      m2Per100Households: { new: 20, old: 15, renewal: null },
      condition: { level: 'estate', estateTypes: ['new', 'old'] },
      source: { document, clause: '三、（六）1', confidence: 'seed', note: 'The plan gives no number for renewal projects.' },
    },
    {
      id: 'new_estates_compliant_share',
      kind: 'district',
      check: 'new_estates_compliant_share',
      zh: '全区新建住宅小区配建养老服务设施100%达标',
      en: 'Every new residential estate in the district provides the required care facilities (100 %)',
      binding: true,
      minShare: 1,
      condition: { level: 'district', estateTypes: ['new'], year: 2022 },
      source: { document, clause: '二、（二）', confidence: 'seed' },
    },
    {
      id: 'service_circle_15_minutes',
      kind: 'district',
      check: 'service_circle',
      zh: '建成社区15分钟养老服务圈',
      en: 'A 15-minute community elderly-care service circle',
      binding: true,
      minutes: 15,
      walkMinM: null,
      walkMaxM: null,
      condition: { level: 'district', year: 2022 },
      source: { document, clause: '二、（二）', confidence: 'seed', note: 'The plan states the minutes only, no walking distance.' },
    },
    {
      id: 'comprehensive_institution_per_town_street',
      kind: 'district',
      check: 'institution_per_unit',
      zh: '每个镇（街道）建有1家社区居家综合性养老服务机构',
      en: 'One comprehensive community home-care institution in every town or street',
      binding: true,
      minCount: 1,
      minBeds: null,
      condition: { level: 'town_street', year: 2022 },
      source: { document, clause: '二、（二）', confidence: 'seed' },
    },
    {
      id: 'nursing_bed_share',
      kind: 'district',
      check: 'nursing_bed_share',
      zh: '全区护理型床位占比不低于55%',
      en: 'Nursing-type beds at least 55 % of all beds',
      binding: true,
      minShare: 0.55,
      condition: { level: 'district', year: 2023 },
      source: { document, clause: '二、（三）', confidence: 'seed' },
    },
  ],
};
