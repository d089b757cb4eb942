/**
 * Independent cross-checks with the GDAL/PROJ command-line tools (Debian gdal-bin). Tests that use them
 * are skipped, with the reason in their name, when the tools are not installed.
 */

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

function onPath(binary: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).concat(['/usr/bin', '/usr/local/bin'])) {
    const candidate = path.join(dir, binary);
    if (dir && fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

export const GDALTRANSFORM = onPath('gdaltransform');
export const GDALSRSINFO = onPath('gdalsrsinfo');
export const GDAL_TRANSLATE = onPath('gdal_translate');
export const SKIP_REASON = '(skipped: gdal-bin is not installed)';

/** Transforms points with `gdaltransform -output_xy` (GDAL uses lon/lat, easting/northing order). */
export function gdalTransform(sourceSrs: string, targetSrs: string, points: readonly (readonly [number, number])[]): [number, number][] {
  if (!GDALTRANSFORM) throw new Error('gdaltransform is not installed');
  const input = points.map(([x, y]) => `${x.toPrecision(17)} ${y.toPrecision(17)}`).join('\n') + '\n';
  const output = execFileSync(GDALTRANSFORM, ['-s_srs', sourceSrs, '-t_srs', targetSrs, '-output_xy'], {
    input,
    encoding: 'utf8',
  });
  const lines = output.trim().split('\n');
  if (lines.length !== points.length) throw new Error(`gdaltransform returned ${lines.length} lines for ${points.length} points`);
  return lines.map((line) => {
    const [x, y] = line.trim().split(/\s+/).map(Number);
    return [x, y];
  });
}

/** `gdalsrsinfo -o <format> --single-line EPSG:<code>` (formats: wkt1, wkt_esri, wkt2, proj4). */
export function gdalSrsInfo(code: number, format: string): string {
  if (!GDALSRSINFO) throw new Error('gdalsrsinfo is not installed');
  return execFileSync(GDALSRSINFO, ['-o', format, '--single-line', `EPSG:${code}`], { encoding: 'utf8' }).trim();
}

/** Runs gdal_translate with the given arguments. */
export function gdalTranslate(args: readonly string[]): void {
  if (!GDAL_TRANSLATE) throw new Error('gdal_translate is not installed');
  execFileSync(GDAL_TRANSLATE, ['-q', ...args], { encoding: 'utf8' });
}
