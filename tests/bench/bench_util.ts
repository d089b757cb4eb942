/** Helpers shared by the benchmarks: seeded PRNG, timing with medians, table printing. */

/** The seeded PRNG the heuristics use (mulberry32), re-exported for benches and tests. */
export { mulberry32 } from '../../shared/optimize/random';

/** Runs fn `runs` times (after one warm-up unless warmup=false) and returns the times in ms. */
export async function timeRuns(fn: () => unknown | Promise<unknown>, runs = 5, warmup = true): Promise<number[]> {
  if (warmup) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return times;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Prints rows as a Markdown table. */
export function printTable(rows: Record<string, string | number>[]): void {
  if (rows.length === 0) return;
  const headers = Object.keys(rows[0]);
  const cells = rows.map((row) => headers.map((h) => formatCell(row[h])));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (values: string[]) => `| ${values.map((v, i) => v.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(headers));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of cells) console.log(line(row));
}

function formatCell(value: string | number | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(3);
  return value;
}

export function heapUsedMb(): number {
  return process.memoryUsage().heapUsed / 1048576;
}
