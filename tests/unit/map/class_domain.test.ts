/**
 * Class domains on the shipped Wuhan sample grid: breaks over the cells of a view equal the breaks
 * computed independently (plain loop, own quantile and Jenks code) over the filtered values; the
 * inner-core view gets classes of its own, which the whole-city classes flatten.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classBreaks, equalIntervalBreaks, naturalBreaks, quantileBreaks } from '../../../shared/map_style/class_breaks';
import { domainClassBreaks, studyAreaDomain, valuesInDomain, type Bbox } from '../../../shared/map_style/class_domain';
import { SAMPLE_DIR } from '../../helpers/paths';

function loadGrid(): { lon: Float64Array; lat: Float64Array; elderly: Float64Array } {
  const [header, ...rows] = readFileSync(join(SAMPLE_DIR, 'wuhan_core_grid_100m.csv'), 'utf8').trim().split('\n');
  const columns = header.split(',');
  const at = (name: string) => columns.indexOf(name);
  const lon: number[] = [];
  const lat: number[] = [];
  const elderly: number[] = [];
  for (const row of rows) {
    const cells = row.split(',');
    lon.push(Number(cells[at('lon')]));
    lat.push(Number(cells[at('lat')]));
    elderly.push(cells[at('pop60plus')] === '' ? Number.NaN : Number(cells[at('pop60plus')]));
  }
  return { lon: Float64Array.from(lon), lat: Float64Array.from(lat), elderly: Float64Array.from(elderly) };
}

/** Quantile bounds the textbook way: the value at rank floor(i·n/k) of the sorted finite values, rounded. */
function independentQuantiles(values: number[], k: number): number[] {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  const round = (v: number) => (v >= 10 ? Math.round(v) : Math.round(v * 10) / 10);
  const out: number[] = [];
  for (let i = 1; i < k; i++) {
    const value = round(sorted[Math.floor((i * sorted.length) / k)]);
    if (value > (out.at(-1) ?? sorted[0]) && value <= sorted[sorted.length - 1]) out.push(value);
  }
  return out;
}

const grid = loadGrid();
// Jianghan / Jiang'an inner core (a zoomed-in view of the sample).
const CORE: Bbox = [114.26, 30.57, 114.3, 30.61];

describe('class domains on the Wuhan sample grid', () => {
  it('takes exactly the cells whose centre is in the view', () => {
    const inView: number[] = [];
    for (let i = 0; i < grid.lon.length; i++) {
      if (grid.lon[i] >= CORE[0] && grid.lon[i] <= CORE[2] && grid.lat[i] >= CORE[1] && grid.lat[i] <= CORE[3]) inView.push(grid.elderly[i]);
    }
    expect(inView.length).toBeGreaterThan(500);
    expect(inView.length).toBeLessThan(grid.lon.length / 2);
    expect([...valuesInDomain(grid.elderly, grid, { kind: 'view', bbox: CORE })]).toEqual(inView);
  });

  it('computes the view breaks as an independent computation over the filtered values does', () => {
    const filtered = [...grid.elderly].filter((_, i) => grid.lon[i] >= CORE[0] && grid.lon[i] <= CORE[2] && grid.lat[i] >= CORE[1] && grid.lat[i] <= CORE[3]);
    const view = domainClassBreaks(grid.elderly, grid, { kind: 'view', bbox: CORE }, 5, 'quantile');
    expect(view?.breaks).toEqual(independentQuantiles(filtered, 5));
    expect(view?.count).toBe(filtered.filter(Number.isFinite).length);
    for (const method of ['quantile', 'natural', 'equal'] as const) {
      expect(domainClassBreaks(grid.elderly, grid, { kind: 'view', bbox: CORE }, 5, method)).toEqual(classBreaks(Float64Array.from(filtered), 5, method));
    }
    // The whole-city classes put the core into fewer classes than the view's own classes do.
    const city = quantileBreaks(grid.elderly, 5);
    const classOf = (breaks: number[], value: number) => breaks.filter((bound) => value >= bound).length;
    const used = (breaks: number[]) => new Set(filtered.filter(Number.isFinite).map((value) => classOf(breaks, value)));
    expect(city && view).toBeTruthy();
    expect(view?.min).toBeGreaterThanOrEqual(city?.min ?? 0);
    expect(used(view?.breaks ?? []).size).toBe(5);
    // Each view class holds roughly a fifth of the view's cells (equal counts), unlike the city's.
    const perClass = new Array(5).fill(0);
    for (const value of filtered) if (Number.isFinite(value)) perClass[classOf(view?.breaks ?? [], value)] += 1;
    for (const count of perClass) expect(count / (view?.count ?? 1)).toBeGreaterThan(0.1);
  });

  it('takes a study area by cell ids and keeps the whole project as is', () => {
    const ids = [0, 5, 17, 300, 4000];
    expect([...valuesInDomain(grid.elderly, grid, studyAreaDomain(ids))]).toEqual(ids.map((i) => grid.elderly[i]));
    expect(valuesInDomain(grid.elderly, grid, { kind: 'project' })).toBe(grid.elderly);
    expect(domainClassBreaks(grid.elderly, grid, { kind: 'view', bbox: [0, 0, 1, 1] }, 5, 'quantile')).toBeNull();
  });
});

describe('class methods', () => {
  it('equal intervals split min..max into equal widths', () => {
    expect(equalIntervalBreaks(Float64Array.of(0, 10, 20, 40), 4)?.breaks).toEqual([10, 20, 30]);
  });

  it('natural breaks minimise the within-class squared deviations (checked by enumeration)', () => {
    const values = Float64Array.of(1, 2, 2.5, 3, 9, 10, 11, 30, 31, 33, 34, 60);
    const sorted = [...values];
    const ssd = (part: number[]) => {
      const mean = part.reduce((a, b) => a + b, 0) / part.length;
      return part.reduce((a, b) => a + (b - mean) ** 2, 0);
    };
    let best = { cost: Infinity, starts: [] as number[] };
    for (let a = 1; a < sorted.length; a++) {
      for (let b = a + 1; b < sorted.length; b++) {
        const cost = ssd(sorted.slice(0, a)) + ssd(sorted.slice(a, b)) + ssd(sorted.slice(b));
        if (cost < best.cost) best = { cost, starts: [sorted[a], sorted[b]] };
      }
    }
    expect(naturalBreaks(values, 3)?.breaks).toEqual(best.starts);
  });
});
