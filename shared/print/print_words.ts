/**
 * The sheet's words in Chinese and English. The sheet is drawn in shared/ (for the CLI, the hosts and the
 * app's preview alike), so its text lives here rather than in the renderer's i18next tables; the kind
 * and status names are the app's (shared/schemas/facility_words.ts, also read by renderer/i18n).
 */
import type { FacilityKind, FacilityStatus } from '../schemas/entities';
import { FACILITY_KIND_WORDS, FACILITY_STATUS_WORDS } from '../schemas/facility_words';

export const PRINT_LANGUAGES = ['zh', 'en'] as const;
export type PrintLanguage = (typeof PRINT_LANGUAGES)[number];

/** The stamp of an internal working map (the words are fixed; the English sheet adds a translation). */
export const INTERNAL_STAMP_ZH = '仅供规划工作使用，不作公开出版';

export interface PrintWords {
  defaultTitle: (project: string) => string;
  legend: string;
  elderlyPerCell: string;
  populationPerCell: string;
  quantileClasses: string;
  noData: string;
  facilities: string;
  /** After a facility list's source: the date the list last changed in the project. */
  listDate: (date: string) => string;
  kinds: Record<FacilityKind, string>;
  statuses: Record<FacilityStatus, string>;
  illustrative: string;
  boundaries: string;
  roads: string;
  /** The notes line of a sheet drawn over a tile basemap (its tiles in GCJ-02 or WGS84). */
  basemapNote: (gcj02: boolean) => string;
  /** The attribution of a basemap when none was given: its host. */
  basemapSource: (host: string) => string;
  scale: (denominator: string) => string;
  north: string;
  crsGaussKruger: (centralMeridianDeg: number, code: number) => string;
  crsWebMercator: string;
  sources: string;
  mapDate: string;
  author: string;
  internalStamp: string;
  reviewNumber: string;
  listSeparator: string;
}

const ZH: PrintWords = {
  defaultTitle: (project) => `${project}养老服务设施布局图`,
  legend: '图例',
  elderlyPerCell: '每格老年人口（60 岁以上）',
  populationPerCell: '每格人口',
  quantileClasses: '分位数分级',
  noData: '无数据',
  facilities: '养老设施',
  listDate: (date) => `（项目中更新于 ${date}）`,
  kinds: FACILITY_KIND_WORDS.zh,
  statuses: FACILITY_STATUS_WORDS.zh,
  illustrative: '空心：示意数据（非真实设施）',
  boundaries: '行政边界',
  roads: '道路',
  basemapNote: (gcj02) =>
    gcj02
      ? '底图为 GCJ-02 坐标（火星坐标系）的 Web 墨卡托瓦片，已按 GCJ-02 偏移重投影与数据对齐；底图上的位置不作测量依据'
      : '底图为 Web 墨卡托瓦片，已重投影至本图坐标系',
  basemapSource: (host) => `底图 ${host}`,
  scale: (denominator) => `比例尺 1:${denominator}`,
  north: '北',
  crsGaussKruger: (cm, code) => `坐标系：2000国家大地坐标系 CGCS2000，高斯-克吕格投影 3° 带，中央经线 ${cm}°E（EPSG:${code}）`,
  crsWebMercator: '坐标系：WGS 84 / 伪墨卡托投影（EPSG:3857），比例尺在图幅中心纬度处成立',
  sources: '数据来源：',
  mapDate: '制图日期：',
  author: '编制单位：',
  internalStamp: INTERNAL_STAMP_ZH,
  reviewNumber: '审图号：',
  listSeparator: '；',
};

const EN: PrintWords = {
  defaultTitle: (project) => `Elderly-care facilities: ${project}`,
  legend: 'Legend',
  elderlyPerCell: 'Older people (60+) per cell',
  populationPerCell: 'People per cell',
  quantileClasses: 'quantile classes',
  noData: 'no data',
  facilities: 'Facilities',
  listDate: (date) => ` (in the project as of ${date})`,
  kinds: FACILITY_KIND_WORDS.en,
  statuses: FACILITY_STATUS_WORDS.en,
  illustrative: 'Hollow: illustrative data (not real facilities)',
  boundaries: 'Boundaries',
  roads: 'Roads',
  basemapNote: (gcj02) =>
    gcj02
      ? 'Basemap: Web Mercator tiles in GCJ-02 (shifted) coordinates, reprojected with the GCJ-02 offset to align with the data; do not measure positions on the basemap'
      : 'Basemap: Web Mercator tiles reprojected into the map\'s coordinate system',
  basemapSource: (host) => `basemap ${host}`,
  scale: (denominator) => `Scale 1:${denominator}`,
  north: 'N',
  crsGaussKruger: (cm, code) => `Coordinate system: CGCS2000 / 3-degree Gauss–Krüger, central meridian ${cm}°E (EPSG:${code})`,
  crsWebMercator: 'Coordinate system: WGS 84 / Pseudo-Mercator (EPSG:3857); the scale holds at the centre latitude',
  sources: 'Sources: ',
  mapDate: 'Map date: ',
  author: 'Prepared by: ',
  internalStamp: `For planning work only, not for publication (${INTERNAL_STAMP_ZH})`,
  reviewNumber: 'Map review no. (审图号): ',
  listSeparator: '; ',
};

export function printWords(language: PrintLanguage): PrintWords {
  return language === 'zh' ? ZH : EN;
}

/**
 * A count or scale denominator with thousands grouped: "50,000" in both languages.
 * @example groupThousands(50000) // "50,000"
 */
export function groupThousands(value: number): string {
  return Math.round(value).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
