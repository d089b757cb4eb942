/**
 * The plain reference for `siting analyze` at city scale (issue 14, goal 2), as a whole process: parse
 * a population CSV (lon,lat,population,elderly) and a facility CSV (lon,lat), build a kd-tree
 * (kdbush) over the cell centres, and test every candidate cell of every facility with the haversine
 * distance; prints the covered totals as JSON. What a short script written without the app would do.
 *
 * Usage: node tests/bench/kd_reference.mjs cells.csv facilities.csv radiusM
 */
import { readFileSync } from 'node:fs';
import KDBush from 'kdbush';

const [cellsPath, facilitiesPath, radiusArg] = process.argv.slice(2);
const radiusM = Number(radiusArg);
const R = 6371008.8;
const rad = (d) => ((d % 360) * Math.PI) / 180;
function haversine(lon1, lat1, lon2, lat2) {
  const a = Math.sin(rad(lat2 - lat1) / 2) ** 2 + Math.sin(rad(lon2 - lon1) / 2) ** 2 * Math.cos(rad(lat1)) * Math.cos(rad(lat2));
  return 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a)) * R;
}

function parse(path) {
  const lines = readFileSync(path, 'utf8').split('\n');
  const header = lines[0].split(',');
  const rows = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i] === '') continue;
    rows.push(lines[i].split(',').map(Number));
  }
  return { header, rows };
}

const cells = parse(cellsPath);
const col = (name) => cells.header.indexOf(name);
const [iLon, iLat, iPop, iOld] = [col('lon'), col('lat'), col('population'), col('elderly')];
const n = cells.rows.length;
const lon = new Float64Array(n), lat = new Float64Array(n), population = new Float64Array(n), elderly = new Float64Array(n);
for (let i = 0; i < n; i++) {
  const row = cells.rows[i];
  lon[i] = row[iLon];
  lat[i] = row[iLat];
  population[i] = row[iPop];
  elderly[i] = row[iOld];
}
const index = new KDBush(n, 64, Float64Array);
for (let i = 0; i < n; i++) index.add(lon[i], lat[i]);
index.finish();

const sites = parse(facilitiesPath);
const covered = new Uint8Array(n);
let coveredCells = 0, coveredPopulation = 0, coveredElderly = 0;
const dLat = (radiusM / R) * (180 / Math.PI) + 1e-9;
for (const [fx, fy] of sites.rows) {
  const dLon = (Math.asin(Math.sin(radiusM / R) / Math.cos((fy * Math.PI) / 180)) * 180) / Math.PI + 1e-9;
  for (const i of index.range(fx - dLon, fy - dLat, fx + dLon, fy + dLat)) {
    if (!covered[i] && haversine(fx, fy, lon[i], lat[i]) <= radiusM) {
      covered[i] = 1;
      coveredCells++;
      coveredPopulation += population[i];
      coveredElderly += elderly[i];
    }
  }
}
let totalPopulation = 0, totalElderly = 0;
for (let i = 0; i < n; i++) {
  totalPopulation += population[i];
  totalElderly += elderly[i];
}
console.log(JSON.stringify({ cells: n, facilities: sites.rows.length, coveredCells, coveredPopulation, totalPopulation, coveredElderly, totalElderly }));
