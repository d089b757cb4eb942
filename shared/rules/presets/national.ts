/**
 * National standards: GB 50437 (beds) and GB 50180-2018 (life circles). There is no national
 * per-100-household floor area: the per-household numbers are provincial, so this preset has none.
 */
import type { Preset } from '../rule';
import { DOCUMENTS } from '../sources';

export const NATIONAL: Preset = {
  id: 'national',
  version: 1,
  zh: '国家标准（GB 50437、GB 50180）',
  en: 'National standards (GB 50437, GB 50180)',
  rules: [
    {
      id: 'beds_per_1000_older',
      kind: 'district',
      check: 'beds_per_1000_older',
      zh: '老年人设施床位按每千名老年人不少于40床配置（以规划常住人口为基础）',
      en: 'At least 40 beds per 1,000 older people, based on the planned resident population',
      binding: true,
      minBedsPer1000: 40,
      registeredOnly: false,
      condition: { level: 'district' },
      source: { document: DOCUMENTS.gb50437, clause: '3.2.1', confidence: 'verified' },
    },
    {
      id: 'life_circle_15_minutes',
      kind: 'district',
      check: 'service_circle',
      zh: '15分钟生活圈居住区：步行距离800～1000米',
      en: '15-minute life circle: 800–1,000 m walk',
      binding: true,
      minutes: 15,
      walkMinM: 800,
      walkMaxM: 1000,
      condition: { level: 'district' },
      source: { document: DOCUMENTS.gb50180, clause: '3.0.4', confidence: 'verified' },
    },
    {
      id: 'life_circle_10_minutes',
      kind: 'district',
      check: 'service_circle',
      zh: '10分钟生活圈居住区：步行距离约500米',
      en: '10-minute life circle: about 500 m walk',
      binding: true,
      minutes: 10,
      walkMinM: 500,
      walkMaxM: 500,
      condition: { level: 'district' },
      source: { document: DOCUMENTS.gb50180, clause: '3.0.4', confidence: 'verified' },
    },
    {
      id: 'life_circle_5_minutes',
      kind: 'district',
      check: 'service_circle',
      zh: '5分钟生活圈居住区：步行距离约300米',
      en: '5-minute life circle: about 300 m walk',
      binding: true,
      minutes: 5,
      walkMinM: 300,
      walkMaxM: 300,
      condition: { level: 'district' },
      source: { document: DOCUMENTS.gb50180, clause: '3.0.4', confidence: 'unverified', note: '300 m is recalled, not seen in the standard text; check before quoting.' },
    },
  ],
};
