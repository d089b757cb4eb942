/**
 * Facility kinds and statuses in words, zh and en: one home for the app's texts (renderer/i18n
 * zh.ts / en.ts `kinds`, `statuses`) and the printed maps and sheets (shared/print/print_words.ts).
 */
import type { FacilityKind, FacilityStatus } from './entities';

export const FACILITY_KIND_WORDS = {
  zh: {
    day_care: '日间照料中心',
    community_station: '社区养老服务站',
    care_home: '养老院',
    health_station: '社区卫生服务站',
    hospital: '医院',
    canteen: '长者食堂',
    other: '其他',
  },
  en: {
    day_care: 'Day-care centre',
    community_station: 'Community care station',
    care_home: 'Care home',
    health_station: 'Community health station',
    hospital: 'Hospital',
    canteen: 'Elderly canteen',
    other: 'Other',
  },
} as const satisfies Record<'zh' | 'en', Record<FacilityKind, string>>;

export const FACILITY_STATUS_WORDS = {
  zh: { existing: '现状', planned: '规划', proposed: '拟建' },
  en: { existing: 'existing', planned: 'planned', proposed: 'proposed' },
} as const satisfies Record<'zh' | 'en', Record<FacilityStatus, string>>;
