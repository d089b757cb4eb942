/**
 * Target fields of each importable layer (snake_case, the names used by `--map`) and the source
 * column names recognised for them without a mapping. Aliases are compared after
 * `normalizeColumnName`, so "Cell ID", "cell_id" and "CELLID" are the same; the first alias in a
 * list wins when several columns match.
 */
import type { ImportableLayer } from '../../../shared/schemas/entities';

const ID = ['id', 'fid', 'objectid', '编号', '序号'];
const NAME = ['name', '名称', '名字', '机构名称', '设施名称', '小区名称', '地块名称'];
const SOURCE = ['source', '来源', '数据来源'];
const FLOOR_AREA = ['floor_area_m2', 'floor_area', 'building_area', '建筑面积'];
const FLOOR_LEVEL = ['floor_level', 'floor', '楼层', '所在楼层'];

/** Coordinate/geometry columns of CSV files (GeoJSON takes them from the geometry). */
export const GEOMETRY_FIELD_ALIASES: Record<'lon' | 'lat' | 'wkt' | 'lonlat', string[]> = {
  // gcj_lng, 高德经度, bd09_lng …: the same columns with the web-map offset in the name (the CRS guess reads it)
  lon: ['lon', 'lng', 'long', 'longitude', 'x', '经度', 'gcj_lng', 'gcj02_lng', 'gcj_lon', 'gcj02_lon', 'bd09_lng', 'bd_lng', 'bd09_lon', 'wgs84_lng', 'wgs84_lon', '高德经度', '百度经度'],
  lat: ['lat', 'latitude', 'y', '纬度', 'gcj_lat', 'gcj02_lat', 'bd09_lat', 'bd_lat', 'wgs84_lat', '高德纬度', '百度纬度'],
  wkt: ['wkt', 'geometry', 'geom', 'the_geom', 'shape'],
  /** Both in one "lng,lat" cell (AutoNavi POI exports' location), used when there is no lon/lat pair. */
  lonlat: ['location', 'lnglat', 'lonlat', '经纬度', '坐标'],
};

export const LAYER_FIELD_ALIASES: Record<ImportableLayer, Record<string, string[]>> = {
  population: {
    cell_id: ['cell_id', ...ID],
    population: ['population', 'pop', 'total', 'pop20plus', '人口', '总人口', '常住人口'],
    elderly: ['elderly', 'pop60plus', 'pop60', '老年人口', '60岁以上', '60岁以上人口', '60岁及以上人口'],
    age65: ['age65', 'pop65plus', 'pop65', '65岁以上', '65岁以上人口', '65岁及以上人口'],
    age80: ['age80', 'pop80plus', 'pop80', '80岁以上', '80岁以上人口', '80岁及以上人口'],
  },
  facilities: {
    id: ID,
    name: NAME,
    kind: ['kind', 'type', '类型', '设施类型', '机构类型'],
    status: ['status', '状态', '建设状态'],
    capacity: ['capacity', 'places', '托位', '托位数'],
    beds: ['beds', '床位', '床位数'],
    nursing_beds: ['nursing_beds', '护理型床位', '护理型床位数', '护理床位'],
    floor_area_m2: FLOOR_AREA,
    floor_level: FLOOR_LEVEL,
    address: ['address', 'addr', '地址'],
    source: SOURCE,
    illustrative: ['illustrative', '示意'],
  },
  estates: {
    id: ID,
    name: NAME,
    area_type: ['area_type', 'estate_type', 'type', '类型', '小区类型', '项目类型'],
    households: ['households', '户数', '总户数'],
    care_floor_area_m2: ['care_floor_area_m2', 'care_floor_area', '养老配建面积', '配建面积', '养老用房面积'],
    source: SOURCE,
    residential_floor_area_m2: ['residential_floor_area_m2', 'residential_floor_area', '住宅建筑面积', '住宅面积'],
    average_unit_m2: ['average_unit_m2', 'average_unit', '户均面积', '平均户型面积'],
    urban: ['urban', '城乡', '城乡属性'],
    co_located_health_station: ['co_located_health_station', '三站合一', '与卫生服务站合设'],
    synchronous_provision: ['synchronous_provision', '同步配建', '四同步'],
    // One planned care room per row (its floor area is care_floor_area_m2); several rooms are entered in the app.
    care_floor_level: ['care_floor_level', '养老用房楼层', '楼层', '所在楼层'],
    care_basement: ['care_basement', '养老用房地下室', '地下室', '是否地下室'],
    care_lon: ['care_lon', '养老用房经度'],
    care_lat: ['care_lat', '养老用房纬度'],
  },
  boundaries: {
    id: [...ID, 'osm_id', 'code', '代码', '行政区划代码'],
    name: [...NAME, '行政区划名称'],
    level: ['level', 'admin_level', 'admin_leve', '级别', '层级'],
    urban: ['urban', '城乡', '城乡属性'],
    source: SOURCE,
  },
  roads: {
    id: [...ID, '@id', 'osm_id'],
    highway: ['highway', 'fclass', '道路等级'],
    name: NAME,
  },
  candidates: {
    id: ID,
    name: NAME,
    floor_area_m2: FLOOR_AREA,
    floor_level: FLOOR_LEVEL,
    land_area_m2: ['land_area_m2', 'land_area', '用地面积', '占地面积'],
    note: ['note', 'notes', 'remark', '备注'],
    capacity: ['capacity', 'places', '托位', '托位数'],
    source: SOURCE,
  },
};

/** Other names accepted as `--map` keys for a target field. */
export const MAP_KEY_SYNONYMS: Partial<Record<ImportableLayer, Record<string, string>>> = {
  population: { id: 'cell_id' },
};

/**
 * Canonical form of a column name for alias matching: Unicode NFKC (full-width → ASCII, ㎡ → m2),
 * lower case, bracketed unit suffixes dropped ("建筑面积(㎡)" → "建筑面积"), blanks, "_", "-" and "."
 * removed.
 */
export function normalizeColumnName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[([【][^)\]】]*[)\]】]/g, '')
    .replace(/[\s_\-.]/g, '');
}
