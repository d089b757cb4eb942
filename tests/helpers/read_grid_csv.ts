/**
 * A deliberately plain reader of the Wuhan grid CSV for tests (split on commas, no library), so test
 * expectations do not depend on the app's importer.
 */
import { readFileSync } from 'node:fs';

export interface PlainCell {
  lon: number;
  lat: number;
  pop20plus: number;
  pop60plus: number;
  pop65plus: number;
  pop80plus: number;
}

export function readGridCsv(path: string): PlainCell[] {
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  const columns = header.split(',');
  const at = (name: string) => columns.indexOf(name);
  const [lon, lat, p20, p60, p65, p80] = ['lon', 'lat', 'pop20plus', 'pop60plus', 'pop65plus', 'pop80plus'].map(at);
  return lines.map((line) => {
    const v = line.split(',');
    return { lon: +v[lon], lat: +v[lat], pop20plus: +v[p20], pop60plus: +v[p60], pop65plus: +v[p65], pop80plus: +v[p80] };
  });
}
