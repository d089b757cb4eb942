/**
 * GeoPackage import (QGIS, ogr2ogr, another Siting Planner project): the file is opened read-only
 * with better-sqlite3 from its bytes; its feature tables (gpkg_contents) are the source layers.
 * options.sourceLayer picks one; a single table is taken as it is; several without a choice are an
 * InputError listing them. Geometry blobs are decoded with the project store's decodeGpkgGeometry;
 * the CRS comes from gpkg_spatial_ref_sys (an EPSG code the app knows, else the WKT definition), and
 * options.crs wins. Other columns become properties; the primary key (fid) is the fallback id.
 *
 * A source file may come from anyone. Its triggers are inert here (a read-only connection fires none,
 * and nothing is written), so gpkg_* triggers such as the R-tree ones are accepted as they are. Its
 * views may be real layers (QGIS and GDAL write view layers), but a view runs its own query, which may
 * never end: every query that reads a view runs in a child process that is killed after
 * VIEW_QUERY_TIMEOUT_MS (bounded_sqlite_reader.ts), and the timeout is an InputError naming the view.
 * Queries that read only tables run here; a table scan ends.
 */
import Database from 'better-sqlite3';
import { InputError, isInputError } from '../../../shared/errors';
import { crsFromWkt, parseCrs, type CrsSpec } from '../../../shared/geodesy/crs';
import type { ImportOptions } from '../../../shared/ipc/contract';
import { decodeGpkgGeometry } from '../store/gpkg_geometry';
import { withRollbackHeader } from '../store/sqlite_header';
import { BoundedSqliteReader, QueryTimeoutError } from './bounded_sqlite_reader';
import { resolveImportCrs } from './import_crs';
import type { ImportProgress } from './import_progress';
import type { SourceRead } from './layer_source';
import type { ImportFile } from './parsed_layer';
import type { RawFeature } from './parse_feature_layer';

const SQLITE_MAGIC = 'SQLite format 3\u0000';

/** Time limit of one query that reads a view of a source file. */
export const VIEW_QUERY_TIMEOUT_MS = 30_000;

export interface GpkgReadLimits {
  /** Time limit of one query that reads a view (default VIEW_QUERY_TIMEOUT_MS). */
  queryTimeoutMs?: number;
}

export function isSqliteMagic(bytes: Uint8Array): boolean {
  if (bytes.length < 16) return false;
  for (let i = 0; i < 16; i++) if (bytes[i] !== SQLITE_MAGIC.charCodeAt(i)) return false;
  return true;
}

interface FeatureTable {
  table: string;
  geometryColumn: string;
  srsId: number;
}

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

function openDatabase(input: ImportFile): Database.Database {
  if (!isSqliteMagic(input.bytes)) throw new InputError('not a GeoPackage (not an SQLite database file)', { file: input.name, expected: 'a .gpkg file' });
  const bytes = Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength);
  try {
    // A WAL-mode file (a Siting Planner project, for one) is marked as a rollback-journal one for the
    // moment better-sqlite3 copies the bytes (sqlite_header.ts).
    const db = withRollbackHeader(bytes, (image) => new Database(image, { readonly: true }));
    db.pragma('trusted_schema = OFF');
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db;
  } catch (error) {
    throw new InputError(`cannot open the GeoPackage: ${(error as Error).message}`, { file: input.name, expected: 'a complete, undamaged .gpkg file' });
  }
}

/**
 * The source's queries: here on the read-only connection when they read only tables, in the
 * time-limited child process when they read a view (each names the tables and views it reads).
 */
class SourceQueries {
  private bounded: BoundedSqliteReader | null = null;
  private readonly views: Set<string>;

  constructor(
    private readonly db: Database.Database,
    private readonly input: ImportFile,
    private readonly timeoutMs: number,
    private readonly signal: AbortSignal | undefined,
  ) {
    const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'view'").pluck().all() as string[];
    this.views = new Set(names.map((name) => name.toLowerCase()));
  }

  async all<T>(sql: string, params: unknown[], reads: string[], file: string): Promise<T[]> {
    return [...(await this.rows<T>(sql, params, reads, file))];
  }

  /** Rows of `sql`, streamed from tables, all at once from views. */
  async rows<T>(sql: string, params: unknown[], reads: string[], file: string): Promise<Iterable<T>> {
    const view = reads.find((name) => this.views.has(name.toLowerCase()));
    if (view === undefined) return this.db.prepare(sql).iterate(...params) as Iterable<T>;
    try {
      this.bounded ??= await BoundedSqliteReader.open(this.input.bytes, { timeoutMs: this.timeoutMs, signal: this.signal });
      return await this.bounded.all<T>(sql, params, this.timeoutMs);
    } catch (error) {
      if (!(error instanceof QueryTimeoutError)) throw error;
      this.bounded = null;
      throw new InputError(
        `reading the view "${view}" did not finish within ${this.timeoutMs / 1000} s and was stopped (a view runs its own query, which may never end); ` +
          'save the layer as a table (e.g. with QGIS or ogr2ogr) and import that',
        { file, expected: 'a table, or a view that ends' },
      );
    }
  }

  close(): void {
    this.bounded?.close();
  }
}

async function featureTables(queries: SourceQueries, file: string): Promise<FeatureTable[]> {
  try {
    return await queries.all<FeatureTable>(
      `SELECT c.table_name AS "table", g.column_name AS geometryColumn, g.srs_id AS srsId
         FROM gpkg_contents c JOIN gpkg_geometry_columns g ON g.table_name = c.table_name
        WHERE c.data_type = 'features' ORDER BY c.table_name`,
      [],
      ['gpkg_contents', 'gpkg_geometry_columns'],
      file,
    );
  } catch (error) {
    if (isInputError(error) || (error as { code?: unknown }).code === 'cancelled') throw error;
    throw new InputError(`not a GeoPackage: ${(error as Error).message}`, { file, expected: 'a GeoPackage with gpkg_contents and gpkg_geometry_columns' });
  }
}

function chooseTable(tables: FeatureTable[], options: ImportOptions, file: string): FeatureTable {
  const names = tables.map((t) => t.table);
  if (tables.length === 0) throw new InputError('the GeoPackage has no feature tables', { file, expected: 'a GeoPackage with vector layers' });
  if (options.sourceLayer !== undefined && options.sourceLayer !== '') {
    const chosen = tables.find((t) => t.table === options.sourceLayer) ?? tables.find((t) => t.table.toLowerCase() === options.sourceLayer!.toLowerCase());
    if (!chosen) throw new InputError(`there is no feature table "${options.sourceLayer}"; tables: ${names.join(', ')}`, { file, field: 'sourceLayer', expected: names.join(', ') });
    return chosen;
  }
  if (tables.length > 1) {
    throw new InputError(`the GeoPackage has ${tables.length} feature tables; choose one with --source-layer: ${names.join(', ')}`, {
      file,
      field: 'sourceLayer',
      expected: names.join(', '),
    });
  }
  return tables[0];
}

/** The table's CRS, or null for the "undefined" systems (srs_id 0 and -1). */
async function tableCrs(queries: SourceQueries, srsId: number, file: string): Promise<CrsSpec | null> {
  const [srs] = await queries.all<{ organization: string; code: number; definition: string }>(
    'SELECT organization, organization_coordsys_id AS code, definition FROM gpkg_spatial_ref_sys WHERE srs_id = ?',
    [srsId],
    ['gpkg_spatial_ref_sys'],
    file,
  );
  if (!srs) throw new InputError(`srs_id ${srsId} is missing from gpkg_spatial_ref_sys`, { file, field: 'crs', expected: 'a valid GeoPackage' });
  if (srsId === 0 || srsId === -1 || srs.definition === 'undefined') return null;
  if (String(srs.organization).toUpperCase() === 'EPSG') {
    try {
      return parseCrs(`EPSG:${srs.code}`);
    } catch {
      // not a code the app lists: fall back to the WKT definition
    }
  }
  try {
    return crsFromWkt(srs.definition);
  } catch (error) {
    if (isInputError(error)) {
      throw new InputError(`${error.message}; choose the coordinate system with --crs if you know it`, { file, field: 'crs' });
    }
    throw error;
  }
}

/** Decoded geometry, or null for a NULL column or an empty geometry (flags bit 4). */
function readGeometry(blob: unknown, file: string, feature: number): unknown {
  if (blob === null || blob === undefined) return null;
  if (!(blob instanceof Uint8Array)) throw new InputError('the geometry column does not hold a GeoPackage geometry blob', { file, feature, field: 'geometry' });
  if (blob.length >= 4 && blob[0] === 0x47 && blob[1] === 0x50 && (blob[3] & 0x10) !== 0) return null;
  try {
    return decodeGpkgGeometry(Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength));
  } catch (error) {
    throw new InputError(`cannot decode the geometry: ${(error as Error).message}`, { file, feature, field: 'geometry', expected: 'a GeoPackage geometry blob' });
  }
}

export async function readGpkgSource(input: ImportFile, options: ImportOptions, progress: ImportProgress, limits: GpkgReadLimits = {}): Promise<SourceRead> {
  const db = openDatabase(input);
  const queries = new SourceQueries(db, input, limits.queryTimeoutMs ?? VIEW_QUERY_TIMEOUT_MS, progress.signal);
  try {
    const tables = await featureTables(queries, input.name);
    const chosen = chooseTable(tables, options, input.name);
    const file = `${input.name}/${chosen.table}`;
    const reads = [chosen.table];
    const declared = await tableCrs(queries, chosen.srsId, file);
    const warnings: string[] = [];
    const crs = resolveImportCrs(options.crs, declared, file, warnings);
    const info = await queries.all<{ name: string; pk: number }>(`PRAGMA table_info(${quote(chosen.table)})`, [], reads, file);
    const key = info.find((c) => c.pk === 1)?.name ?? null;
    const columns = info.map((c) => c.name).filter((name) => name !== chosen.geometryColumn && name !== key);
    const [{ n: total }] = await queries.all<{ n: number }>(`SELECT count(*) AS n FROM ${quote(chosen.table)}`, [], reads, file);
    const features: RawFeature[] = [];
    const order = key ? ` ORDER BY ${quote(key)}` : '';
    for (const row of await queries.rows<Record<string, unknown>>(`SELECT * FROM ${quote(chosen.table)}${order}`, [], reads, file)) {
      const index = features.length;
      if (progress.due(index, total, 0.05, 0.3)) await progress.step(index, total, 0.05, 0.3);
      const properties: Record<string, unknown> = {};
      for (const column of columns) {
        const value = row[column];
        properties[column] = value instanceof Uint8Array || typeof value === 'bigint' ? (typeof value === 'bigint' ? Number(value) : null) : value;
      }
      features.push({ id: key ? row[key] : index + 1, properties, geometry: readGeometry(row[chosen.geometryColumn], file, index) });
    }
    if (declared === null && !options.crs) warnings.push(`${file}: the table has an undefined coordinate system (srs_id ${chosen.srsId}); WGS84 was assumed`);
    return {
      file,
      source: {
        kind: 'features',
        format: 'gpkg',
        features,
        crs,
        crsChosen: declared !== null || (options.crs !== undefined && options.crs.trim() !== ''),
        encoding: 'utf-8',
        columns,
        sourceLayers: tables.map((t) => t.table),
        warnings,
        progressFrom: 0.3,
        noun: 'features',
      },
    };
  } finally {
    queries.close();
    db.close();
  }
}
