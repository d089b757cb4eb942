/**
 * The documents the presets cite, by their own titles (the five local plans of the research seeds and
 * the national standards). Clauses are given per rule.
 */
export const DOCUMENTS = {
  doumen: '斗门区关于发展养老事业相关工作的实施方案',
  fuzhou: '抚州市养老服务业综合改革试点工作三年行动计划(2016-2018)',
  futian: '福田区关于打造老有颐养民生幸福标杆的实施意见“1+3”（2020-2025年）（草案）',
  nanhai: '南海区养老服务体系建设提升三年行动计划（2021—2023年）（征求公众意见稿）',
  chishui: '赤水市居家和社区养老服务改革试点工作实施方案（赤府办函〔2020〕62号）',
  /** Seen only in secondary copies; its exact title and clause numbers were not recorded. */
  guizhou2022: '贵州省民政厅、住房和城乡建设厅、自然资源厅、发展和改革委员会2022年关于配建养老服务设施的通知（标题未核实）',
  gb50437: 'GB 50437-2007 城镇老年人设施规划规范（2018年版）',
  gb50180: 'GB 50180-2018 城市居住区规划设计标准',
} as const;
