/** Futian District, Shenzhen: "1+3" implementation opinions, 2020–2025 (draft). */
import type { Preset } from '../rule';
import { DOCUMENTS } from '../sources';

const document = DOCUMENTS.futian;

export const FUTIAN: Preset = {
  id: 'futian',
  version: 1,
  zh: '深圳市福田区（2020—2025年实施意见）',
  en: 'Futian District, Shenzhen (2020–2025)',
  rules: [
    {
      id: 'renewal_day_care_min_floor_area',
      kind: 'estate',
      check: 'min_site_floor_area',
      zh: '更新项目中配建的社区老年人日间照料中心（老年人托养中心）面积不少于1000平方米',
      en: 'The day-care centre built in an urban-renewal project has at least 1,000 m²',
      binding: true,
      minFloorAreaM2: 1000,
      condition: { level: 'estate', estateTypes: ['renewal'] },
      source: { document, clause: '二、（三）6', confidence: 'seed' },
    },
    {
      id: 'health_station_pairing',
      kind: 'facility',
      check: 'health_station_pairing',
      zh: '每一家养老服务机构均有1家社康机构“点对点”服务',
      en: 'Every care institution is served "point to point" by one community health centre',
      binding: true,
      healthStationsPerInstitution: 1,
      condition: { level: 'facility', year: 2025 },
      source: { document, clause: '二、（四）7', confidence: 'seed', note: 'A contract between the two, not a distance; the distance can be shown.' },
    },
    {
      id: 'service_centre_per_community',
      kind: 'district',
      check: 'community_facility_coverage',
      zh: '长者服务中心社区全覆盖',
      en: 'An elder service centre in every community',
      binding: true,
      targets: [{ unit: 'community', minShare: 1 }],
      condition: { level: 'community', year: 2025 },
      source: { document, clause: '一、（二）', confidence: 'seed' },
    },
  ],
};
