/** Fuzhou, Jiangxi: three-year action plan of the elderly-care reform pilot, 2016–2018. */
import type { Preset } from '../rule';
import { DOCUMENTS } from '../sources';

const document = DOCUMENTS.fuzhou;

export const FUZHOU: Preset = {
  id: 'fuzhou',
  version: 1,
  zh: '江西省抚州市（2016—2018年三年行动计划）',
  en: 'Fuzhou, Jiangxi (2016–2018 action plan)',
  rules: [
    {
      id: 'synchronous_provision',
      kind: 'estate',
      check: 'synchronous_provision',
      zh: '新建城区和新建居住（小）区要同步配建养老设施',
      en: 'New urban areas and new estates build elderly-care facilities together with the homes',
      binding: true,
      condition: { level: 'estate', estateTypes: ['new'] },
      source: { document, clause: '二、（二）4', confidence: 'seed', note: 'No floor area is given; evidence from the planning conditions.' },
    },
    {
      id: 'beds_per_1000_older',
      kind: 'district',
      check: 'beds_per_1000_older',
      zh: '全市每千名老人拥有养老床位数45张以上',
      en: 'At least 45 care beds per 1,000 older people',
      binding: true,
      minBedsPer1000: 45,
      registeredOnly: false,
      condition: { level: 'city', year: 2018 },
      source: { document, clause: '一、（二）二是', confidence: 'seed' },
    },
    {
      id: 'community_facility_coverage',
      kind: 'district',
      check: 'community_facility_coverage',
      zh: '100%的城市社区、90%以上的乡镇、60%以上的行政村建立居家养老服务设施',
      en: 'Home-care facilities in every urban community, at least 90 % of towns and at least 60 % of administrative villages',
      binding: true,
      targets: [
        { unit: 'urban_community', minShare: 1 },
        { unit: 'town', minShare: 0.9 },
        { unit: 'village', minShare: 0.6 },
      ],
      condition: { level: 'community', year: 2018 },
      source: { document, clause: '一、（二）二是', confidence: 'seed' },
    },
    {
      id: 'large_institution_per_county',
      kind: 'district',
      check: 'institution_per_unit',
      zh: '各县（区）至少建成1所不少于300张床位的综合性养老机构',
      en: 'Every county has at least one comprehensive care institution with at least 300 beds',
      binding: true,
      minCount: 1,
      minBeds: 300,
      condition: { level: 'county', year: 2018 },
      source: { document, clause: '二、（二）5', confidence: 'seed' },
    },
  ],
};
