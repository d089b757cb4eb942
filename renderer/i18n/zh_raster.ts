/** GeoTIFF 人口导入“各项人口数的文件与波段”步骤及人口图层说明的中文文字；键与 en_raster.ts 一致。 */
import type { enRaster, enRasterErrors } from './en_raster';

export const zhRaster: typeof enRaster = {
  rasterFields: {
    heading: '各项人口数的文件与波段',
    intro: '勾选逐格相加计入各项人口数的文件（或波段）。所有文件须位于同一格网；未勾选任何文件的人口数不导入。',
    suggested: '已按文件名（WorldPop 年龄性别分组、“60plus”等）预先勾选，可按需修改。',
    waiting: '读取文件后列出各文件的波段。',
    source: '文件',
    band: '波段 {{band}}',
    ticked: '已勾选 {{count, number}} 项',
    notImported: '不导入',
    suggest: '重新建议',
  },
  populationNote: {
    heading: '人口网格',
    imported: '{{date}}：自 {{files}} 导入 {{cells, number}} 个网格（{{format}}，{{crs}}）',
    appended: '{{date}}：自 {{files}} 追加 {{cells, number}} 个网格（{{format}}，{{crs}}）',
    field: '{{total, number}} 人，{{cells, number}} 个网格 ← {{sources}}',
    notImported: '未导入',
    manySources: '{{first}} … {{last}}（共 {{count, number}} 个）',
    labelSeparator: '：',
    listSeparator: '、',
  },
};

export const zhRasterErrors: typeof enRasterErrors = {
  raster_grid_mismatch:
    '{{file}} 的格网与 {{other}} 不同（行列数、原点、像元大小或坐标系），无法逐格相加，未导入任何数据。请先将栅格重采样到同一格网，或分别导入。',
  raster_count_unknown: '无法从这 {{count, number}} 个栅格的文件名判断其合计属于哪项人口数。请在“各项人口数的文件与波段”中为每个文件勾选一项人口数。',
  raster_band_missing: '{{file}} 只有 {{bands, number}} 个波段，请在其中选择。',
  raster_file_unknown: '某项人口数引用了 {{file}}，但它不在所选文件中。请重新选择文件。',
  raster_file_unused: '{{file}} 未计入任何人口数。请为它勾选一项人口数，或重新选择文件时不选它。',
};
