/** 研究范围、地下室规则、建议点名称与优化器说明的中文文本（与 en_plan.ts 键相同）。 */
import type { enPlan, enPlanErrors } from './en_plan';

export const zhPlan: typeof enPlan = {
  plan: {
    studyArea: {
      heading: '研究范围',
      label: '分析与规划范围',
      whole: '整个项目',
      several: '{{count, number}} 个区域：{{names}}',
      chooseSeveral: '选择多个区域…',
      apply: '使用勾选的区域',
      hint: '覆盖率、覆盖缺口、分区统计和智能选址只计入中心点位于研究范围内的人口网格。范围外的设施仍为范围内的老年人服务。',
      noBoundaries: '导入行政边界图层（区、街道或镇）后，可将分析和选址限定在其中的区域。',
      missing: '研究范围中的区域（{{ids}}）已不在边界图层中，请重新选择研究范围。',
      saving: '正在保存研究范围…',
      within: '{{names}}范围内：{{total}} 个人口网格中的 {{cells}} 个（中心点在范围内），老年人口 {{elderly}} 人。',
      candidatesOutside: '也可选择研究范围以外的候选地块',
    },
    basement: {
      label: '排除地下室（1 层以下）',
      hint: '日间照料中心应设在地上低楼层。楼层未知的地块保留。',
    },
    exclusions: {
      heading: '被排除的候选地块',
      reasons: {
        'outside-study-area': '在研究范围以外',
        'floor-area': '建筑面积不足',
        'floor-area-unknown': '建筑面积未知',
        'floor-level': '高于最高楼层',
        'floor-level-unknown': '楼层未知',
        'floor-level-low': '地下室（低于最低楼层）',
        'exclusion-zone': '位于排除区内',
        'near-existing': '距现状设施过近',
      },
      row: '{{reason}}：{{sites}} 个',
    },
    notes: {
      heading: '优化计算说明',
    },
  },
};

export const zhPlanErrors: typeof enPlanErrors = {
  study_area_unknown: '边界图层中没有名为“{{name}}”的区域，请重新选择研究范围。',
  study_area_ambiguous: '边界图层中有 {{count, number}} 个名为“{{name}}”的区域，请从列表中选择。',
  floor_levels_crossed: '最低楼层（{{min}}）高于最高楼层（{{max}}），请修改其中一项。',
  optimizer_model_too_large: "模型过大，精确求解器 HiGHS 无法求解（{{columns, number}} 列，{{nonzeros, number}} 个非零元）：上界取自拉格朗日松弛。",
  optimizer_lp_time_limit: "线性松弛（{{columns, number}} 列，{{nonzeros, number}} 个非零元）在时限 {{seconds}} 秒内未得到上界；上界取自较快的方法。",
  optimizer_mip_time_limit: "精确求解器在时限（{{seconds}} 秒）处停止；显示目前找到的最佳选址。",
  optimizer_lp_bound_skipped: "已跳过线性松弛上界：差距已很小，且精确模型过大。",
  optimizer_branch_stopped: "分支定界在 {{nodes, number}} 个节点后停止；精确求解器从其最佳选址继续求解。",
  optimizer_proven_optimal: "分支定界已证明最优（{{nodes, number}} 个节点）。",
  optimizer_branch_limit: "分支定界在 {{nodes, number}} 个节点后达到上限停止：结果未必最优（见差距）。",
  optimizer_sites_add_nothing: "只有 {{count, number}} 处新设施能增加覆盖；更多设施不再增加覆盖。",
  optimizer_walk_limit: "未计算超过 {{minutes}} 分钟的步行时间：凡可服务的老年人，都安排在某处设施 {{minutes}} 分钟步行范围内。",
  optimizer_demand_left_out: "{{cells, number}} 个网格（老年人口 {{elderly, number}} 人）在 {{minutes}} 分钟步行范围内无任何设施或候选地块可达，未计入模型。",
  optimizer_sites_off_network: "{{count, number}} 个候选地块距最近的步行道路超过 {{metres, number}} 米，无法服务任何人。",
  optimizer_capacity_stated: "{{count, number}} 个候选地块有自身容量；其余按所填的单点容量计。",
  optimizer_capacity_unlimited: "{{count, number}} 处现状设施未注明容量，按不限容量计。",
  optimizer_capacitated_demand: "日间照料需求 = 老年人口 × 需求比例 {{uptake}}；覆盖按实际使用的托位数计。",
  optimizer_straight_line_costs: "距离按直线计算，每位老年人只与比现状更近的候选地块配对。",
  optimizer_far_demand: "{{count, number}} 个需求点（权重 {{weight, number}}）距所有设施都超过 {{metres, number}} 米；下界按该距离计，目标值按实际直线距离计。",
  optimizer_second_bound: "已按网格汇总需求计算第二个下界。",
  optimizer_set_cover_reduced: "模型已按支配关系化简：删去 {{rows, number}} 个需求行和 {{columns, number}} 个地块列。",
  optimizer_greedy_short: "在最小间距限制下，初步（贪心）求解未能达到覆盖目标。",
  optimizer_demand_split: "一个网格的需求可由多处设施分担；分配以服务需求最多为目标，而非就近优先。",
  optimizer_note_other: "另有一条技术说明（英文，见命令行输出）。",
  optimizer_exact_too_large: "已选择精确求解，但模型将有 {{columns, number}} 列、{{nonzeros, number}} 个非零元，超出可求解规模。请改用“启发式”求解器，或减少候选地块、缩小半径。",
  grid_candidates_too_many: "间距 {{metres, number}} 米的候选网格将有 {{cells, number}} 个点（上限 {{limit, number}}）。请加大间距或选择研究范围。",
  optimizer_center_unreachable: "{{k, number}} 处新设施在任何距离内都无法覆盖全部老年人。请增加设施数或候选地块。",
  optimizer_center_not_found: "未找到能覆盖全部老年人的 {{k, number}} 处新设施组合，可能受最小间距限制。请减小间距或增加设施数。",
};
