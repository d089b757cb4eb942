/**
 * Geometry validity by GEOS, through GDAL's ogrinfo (Debian gdal-bin): an independent OGC check of
 * the polygons the engine writes. Tests using it are skipped, with the reason in their name, when
 * ogrinfo is not installed.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

function onPath(binary: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).concat(['/usr/bin', '/usr/local/bin'])) {
    const candidate = path.join(dir, binary);
    if (dir && fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

export const OGRINFO = onPath('ogrinfo');
export const OGR_SKIP = '(skipped: gdal-bin is not installed)';

/** ST_IsValidReason of every feature of a FeatureCollection, in order. */
export function ogrValidity(collection: { type: 'FeatureCollection'; features: unknown[] }): string[] {
  if (!OGRINFO) throw new Error('ogrinfo is not installed');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ogr-valid-'));
  const file = path.join(dir, 'layer.geojson');
  try {
    fs.writeFileSync(file, JSON.stringify(collection));
    const out = execFileSync(OGRINFO, ['-q', '-dialect', 'sqlite', '-sql', 'select ST_IsValidReason(geometry) AS reason from layer', file], {
      encoding: 'utf8',
    });
    return [...out.matchAll(/reason \(String\) = (.*)/g)].map((m) => m[1].trim());
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
