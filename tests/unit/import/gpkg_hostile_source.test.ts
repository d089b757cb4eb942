/**
 * GeoPackages read as import sources may carry views (QGIS and GDAL write view layers): they are read,
 * but in a child process with a time limit, so that an endless view ends in a bad-input error naming
 * the file and the view instead of hanging the host; cancelling the import stops it at once.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CancelledError, InputError } from '../../../shared/errors';
import { ImportProgress } from '../../../electron/services/import/import_progress';
import { parseLayerFile } from '../../../electron/services/import/parse_layer_file';
import { readGpkgSource } from '../../../electron/services/import/read_gpkg_source';
import { editedCopy, threeFacilityProject } from '../../helpers/hostile_files';
import { tempDir } from '../../helpers/paths';
import { rejection } from './import_test_paths';

const ENDLESS = 'WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r)';

/** Registers view `name` as a point feature layer, as GDAL does for a view layer. */
function registerView(db: import('better-sqlite3').Database, name: string, select: string): void {
  db.exec(`CREATE VIEW "${name}" AS ${select}`);
  db.prepare("INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES (?, 'features', ?, 4326)").run(name, name);
  db.prepare("INSERT INTO gpkg_geometry_columns (table_name, column_name, geometry_type_name, srs_id, z, m) VALUES (?, 'geom', 'POINT', 4326, 0, 0)").run(name);
}

describe('GeoPackage import sources with views', () => {
  let dir: string;
  let base: string;
  beforeAll(() => {
    dir = tempDir();
    base = threeFacilityProject(dir, 'source.gpkg');
  });

  it('reads a view layer (through the time-limited reader) as it reads a table', async () => {
    const path = editedCopy(base, dir, 'views.gpkg', (db) => registerView(db, 'day_care_only', "SELECT * FROM facilities WHERE kind = 'day_care'"));
    const parsed = await parseLayerFile('facilities', 'views.gpkg', readFileSync(path), { sourceLayer: 'day_care_only' });
    expect(parsed.records.map((f) => [f.id, f.kind, f.lon, f.lat])).toEqual([
      ['dc-1', 'day_care', 114.21, 30.51],
      ['dc-2', 'day_care', 114.23, 30.53],
    ]);
    expect(parsed.detected.sourceLayers).toContain('day_care_only');
  });

  it('stops an endless view layer after the time limit with an error naming the file and the view', async () => {
    const path = editedCopy(base, dir, 'endless.gpkg', (db) =>
      registerView(db, 'endless', `${ENDLESS} SELECT x AS fid, (SELECT geom FROM facilities LIMIT 1) AS geom, 'f' || x AS id FROM r`),
    );
    const error = await rejection(
      readGpkgSource({ name: 'endless.gpkg', bytes: readFileSync(path) }, { sourceLayer: 'endless' }, new ImportProgress(undefined, undefined), { queryTimeoutMs: 1500 }),
    );
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(
      'endless.gpkg/endless: reading the view "endless" did not finish within 1.5 s and was stopped (a view runs its own query, which may never end); ' +
        'save the layer as a table (e.g. with QGIS or ogr2ogr) and import that (expected a table, or a view that ends)',
    );
  });

  it('stops an endless view in place of gpkg_contents, naming it', async () => {
    const path = editedCopy(base, dir, 'contents.gpkg', (db) =>
      db.exec(`ALTER TABLE gpkg_contents RENAME TO old_contents; CREATE VIEW gpkg_contents AS ${ENDLESS} SELECT * FROM old_contents, r`),
    );
    const error = await rejection(
      readGpkgSource({ name: 'contents.gpkg', bytes: readFileSync(path) }, {}, new ImportProgress(undefined, undefined), { queryTimeoutMs: 1500 }),
    );
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(/^contents\.gpkg: reading the view "gpkg_contents" did not finish within 1\.5 s and was stopped/);
  });

  it('cancelling the import stops the reader at once', async () => {
    const path = editedCopy(base, dir, 'cancel.gpkg', (db) =>
      registerView(db, 'endless', `${ENDLESS} SELECT x AS fid, NULL AS geom, 'f' || x AS id FROM r`),
    );
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    // The default limit (30 s) is far beyond the test's time-out: only the abort can end the read in time.
    const error = await rejection(parseLayerFile('facilities', 'cancel.gpkg', readFileSync(path), { sourceLayer: 'endless' }, undefined, controller.signal));
    expect(error).toBeInstanceOf(CancelledError);
  }, 10_000);
});
