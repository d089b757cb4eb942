/**
 * Writes wuhan_core_autonavi_poi.csv: an AutoNavi (高德) POI export as offices hand it over — columns
 * 名称,类型,地址,location,typecode,adcode with location "lng,lat" in GCJ-02 — made from the sample's
 * points (data/samples/wuhan-core: the 5 illustrative facilities and the 8 illustrative estates'
 * care rooms), shifted to GCJ-02 with the app's own wgs84ToGcj02 and labelled with the kinds offices
 * write. ILLUSTRATIVE: the positions come from the sample's illustrative records, the kinds and names
 * are made up. Run: npx tsx tests/data/autonavi_poi/make_autonavi_poi.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { wgs84ToGcj02 } from '../../../shared/geodesy/gcj02';

const here = dirname(fileURLToPath(import.meta.url));
const sample = join(here, '..', '..', '..', 'data', 'samples', 'wuhan-core');

function rows(file: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(join(sample, file), 'utf8').trim().split('\n');
  const names = header.split(',');
  // the sample files quote only their last text columns; positions are plain numbers
  return lines.map((line) => {
    const cells = line.match(/("[^"]*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, '').replace(/^"|"$/g, ''));
    return Object.fromEntries(names.map((n, i) => [n, cells[i]]));
  });
}

const points: { id: string; lon: number; lat: number }[] = [
  ...rows('illustrative_facilities.csv').map((r) => ({ id: r.id, lon: Number(r.lon), lat: Number(r.lat) })),
  // the care room's position, else the estate's
  ...rows('illustrative_estates.csv').map((r) => ({ id: r.id, lon: Number(r.care_lon || r.lon), lat: Number(r.care_lat || r.lat) })),
];
// kinds as AutoNavi exports and office lists write them (one value no synonym knows: 老年活动室)
const kinds = ['社区养老服务中心', '养老服务中心', '老年公寓', '助餐点', '长者饭堂', '养老机构', '日间照料站', '敬老院', '福利院', '护理院', '社区卫生服务中心', '助餐点', '老年活动室'];
const typecodes = ['090000', '090000', '090000', '050000', '050000', '090000', '090000', '090000', '090000', '090000', '090200', '050000', '090000'];
// rows follow the sample's order (facilities demo-1..5, then estates demo-E1..E8): the tests compare row i with point i
const lines = ['名称,类型,地址,location,typecode,adcode,来源'];
points.forEach((p, i) => {
  const [lng, lat] = wgs84ToGcj02(p.lon, p.lat);
  lines.push(`示意${kinds[i]} ${i + 1}号 (illustrative),${kinds[i]},武汉市示意地址 ${i + 1} 号,"${lng.toFixed(6)},${lat.toFixed(6)}",${typecodes[i]},420100,高德地图 POI 导出（示意）`);
});
writeFileSync(join(here, 'wuhan_core_autonavi_poi.csv'), `${lines.join('\n')}\n`);
