/** 地图图例与图层的中文文字（与 en_map.ts 同键）。 */
import type { enMap } from './en_map';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const zhMap: Shape<typeof enMap> = {
  mapLegend: {
    classesFor: '分级范围',
    domains: { project: '整个项目', view: '当前视图', studyArea: '研究范围' },
    domainCaption: '{{method}} · 分级范围：{{domain}}',
    domainEmpty: '当前视图内没有有值的网格：按整个项目分级。',
    method: '分级方法',
    methods: { quantile: '分位数分级', natural: '自然间断点（Jenks）', equal: '等间距分级' },
    uncoveredDisplay: '覆盖缺口显示为',
    uncoveredDisplays: { outline: '仅轮廓', hatch: '轮廓加斜线' },
    uncoveredOver: '叠加在各级颜色上：',
    labels: '名称（区域、小区、设施、拟建设施）',
    estates_one: '住宅小区（{{count, number}}）',
    estates_other: '住宅小区（{{count, number}}）',
    roads: '道路',
    studyArea_one: '研究范围（范围外调暗）',
    studyArea_other: '研究范围，{{count, number}} 个区域（范围外调暗）',
    candidates_one: '候选地块（{{count, number}}）',
    candidates_other: '候选地块（{{count, number}}）',
    proposals_one: '本方案拟建设施（{{count, number}}）',
    proposals_other: '本方案拟建设施（{{count, number}}）',
    proposalCircles: '拟建设施服务圈，{{radius}}',
    circleWithProposals: '{{count, number}} 处计入分析，其中拟建 {{proposals, number}} 处',
    groupLabels: '名称标注',
  },
};
