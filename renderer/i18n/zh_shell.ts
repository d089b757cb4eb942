/** 窗口框架的中文文字：侧栏任务标签、空项目的入门卡片、底图选择（设置）。键与 en_shell.ts 相同。 */
import type { enShell } from './en_shell';

export const zhShell: typeof enShell = {
  shell: {
    tabsLabel: '任务',
    tabs: { data: '数据', analyse: '分析', plan: '规划', review: '审查', map: '出图', project: '项目' },
    start: {
      heading: '下一步',
      intro: '分析需要人口格网和设施。每一步的数据导入项目后会自动勾选。',
      population: '导入人口格网（每个格网的老年人口：GeoTIFF、CSV 或 GeoJSON）',
      facilities: '导入现有设施（带坐标的 CSV、GeoJSON 或 Shapefile）',
      boundaries: '导入行政边界（区、街道），用于选择研究范围（可选）',
      analyse: '查看覆盖率和覆盖缺口',
      importAction: '导入…',
      analyseAction: '打开“分析”',
      done: '已完成',
      todo: '待完成',
      sampleHint: '想先看看效果，可在“项目”标签中用武汉中心城区示例新建项目。',
    },
    basemap: {
      label: '底图',
      presets: {
        none: '无（离线）',
        tianditu: '天地图（矢量底图与注记）',
        amap: '高德地图（GCJ-02）',
        osm: 'OpenStreetMap',
        custom: '自定义地址（XYZ、WMTS 瓦片或 MapLibre 样式）',
      },
      presetHints: {
        none: '不加载远程瓦片：项目图层绘制在纯色背景上；项目有道路图层时作为参考绘制。',
        tianditu: '国家地理信息公共服务平台（CGCS2000，按 WGS 84 绘制）。需要您自己的天地图密钥。',
        amap: '高德瓦片使用 GCJ-02：项目图层偏移绘制以与底图对齐；数据和导出仍为 WGS 84。',
        osm: 'OpenStreetMap 标准地图（WGS 84）。请合理使用：用于浏览，勿批量下载。',
        custom: '含 {z}/{x}/{y} 的 https 地址（XYZ 或 Web 墨卡托的 WMTS），或 MapLibre 样式地址。',
      },
      tiandituKey: '天地图密钥',
      tiandituKeyHint: '在天地图控制台申请的密钥（浏览器端）。保存在本机的用户设置中，对所有项目有效，不会写入项目文件。',
      tiandituKeyMissing: '天地图需要您的密钥：请在上方填写。',
      tiandituKeyInvalid: '天地图密钥只含字母和数字。',
      attribution: { tianditu: '© 天地图', amap: '© 高德地图', osm: '© OpenStreetMap 贡献者' },
      tilesFailing: '无法加载底图瓦片（离线，或服务器拒绝）：地图只显示项目图层。',
      tilesFailingRoads: '无法加载底图瓦片（离线，或服务器拒绝）：项目的道路图层作为参考绘制。',
    },
  },
};
