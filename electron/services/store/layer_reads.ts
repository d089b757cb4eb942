/**
 * Reads of a project's layers: the features, counts and extents, and the engine's inputs built from
 * them (the population grid as typed arrays, the facilities that count, the roads, the boundaries).
 * A damaged page or a stored value that is no longer what its column holds becomes an InputError
 * naming the project file and the layer (stored_values.ts).
 */
import type { SnapshotFacility } from '../../../shared/usecases/project_snapshot';
import type { DistrictFacility } from '../../../shared/usecases/check_district';
import type Database from 'better-sqlite3';
import { InputError } from '../../../shared/errors';
import { LAYER_NAMES, type FacilityKind, type Geometry, type LayerName, type Scenario } from '../../../shared/schemas/entities';
import type { DemandGrid } from '../../../shared/engine/demand_grid';
import { facilitiesInService } from '../../../shared/engine/facilities_in_service';
import type { AreaInput } from '../../../shared/engine/areas/area_coverage';
import type { RoadInput } from '../../../shared/engine/network/build_walk_graph';
import { LAYER_TABLES, fromSql } from './layer_tables';
import { readPopulationPack } from './population_pack';
import { damagedFileError, storedCount, storedGeometry, storedPoint, type StoredAt } from './stored_values';
import { gpkgPointAt } from './gpkg_geometry';

export interface StoredFeature {
  fid: number;
  geometry: Geometry;
  /** snake_case column values as stored (booleans as true/false, tags as objects) */
  properties: Record<string, unknown>;
}

type Row = Record<string, unknown> & { fid: number; geom: Buffer };

export class LayerReads {
  constructor(
    readonly path: string,
    private readonly db: Database.Database,
  ) {}

  counts(): Record<LayerName, number> {
    const counts = {} as Record<LayerName, number>;
    for (const layer of LAYER_NAMES) counts[layer] = this.read(layer, () => this.countOf(layer));
    return counts;
  }

  /** Union of the layers' extents from gpkg_contents, [west, south, east, north]. */
  bbox(): [number, number, number, number] | null {
    const row = this.db
      .prepare("SELECT min(min_x) AS w, min(min_y) AS s, max(max_x) AS e, max(max_y) AS n FROM gpkg_contents WHERE data_type = 'features'")
      .get() as { w: number | null; s: number | null; e: number | null; n: number | null };
    if (row.w === null || row.s === null || row.e === null || row.n === null) return null;
    return [row.w, row.s, row.e, row.n];
  }

  /** Features in one layer (counts() counts all; a 500,000-cell grid takes about 30 ms). */
  countOf(layer: LayerName): number {
    return (this.db.prepare(`SELECT count(*) AS n FROM "${layer}"`).get() as { n: number }).n;
  }

  /** When the layer last changed in the project (gpkg_contents.last_change, ISO 8601), null when unknown. */
  layerChangedAt(layer: LayerName): string | null {
    const row = this.db.prepare('SELECT last_change FROM gpkg_contents WHERE table_name = ?').get(layer) as { last_change: unknown } | undefined;
    return typeof row?.last_change === 'string' && /^\d{4}-\d{2}-\d{2}/.test(row.last_change) ? row.last_change : null;
  }

  /** All features of a layer (proposals optionally filtered by scenario id or name). */
  listFeatures(layer: LayerName, options: { scenario?: string } = {}): StoredFeature[] {
    const spec = LAYER_TABLES[layer];
    const scenarioId = layer === 'proposals' && options.scenario ? this.resolveScenarioId(options.scenario) : null;
    const rows = this.read(layer, () =>
      scenarioId !== null
        ? (this.db.prepare('SELECT * FROM proposals WHERE scenario_id = ? ORDER BY fid').all(scenarioId) as Row[])
        : (this.db.prepare(`SELECT * FROM "${layer}" ORDER BY fid`).all() as Row[]),
    );
    const at = this.at(layer);
    return rows.map((row) => {
      const properties: Record<string, unknown> = {};
      for (const c of spec.columns) properties[c.column] = fromSql(c.kind, row[c.column]);
      return { fid: row.fid, geometry: storedGeometry(at, row.fid, row.geom), properties };
    });
  }

  /**
   * The population layer as typed arrays for the engine (aligned with ascending fid): from its packed
   * copy when that is current and sound (population_pack.ts; 1,000,000 cells in about 0.1 s), else from
   * the rows, which stream straight into the arrays (no per-cell objects; about a second per 1,000,000
   * cells). Reading never writes: a grid without a copy (an older project, or one whose population
   * another program edited) is read from its rows until the next population import writes one.
   */
  loadDemandGrid(): DemandGrid {
    const packed = readPopulationPack(this.db);
    if (packed.grid) return packed.grid;
    return this.read('population', () => this.readDemandGrid());
  }

  /** Whether a layer has any feature (without counting them). */
  hasFeatures(layer: LayerName): boolean {
    return this.read(layer, () => this.db.prepare(`SELECT EXISTS (SELECT 1 FROM "${layer}") AS yes`).pluck().get() === 1);
  }

  private readDemandGrid(): DemandGrid {
    return this.readDemandGridInBulk() ?? this.readDemandGridByRow();
  }

  /**
   * The rows read in two statements of one read transaction: their fids, counts and geometry lengths
   * (numbers only), and their point blobs concatenated in fid order by SQLite (group_concat keeps a
   * blob's bytes), so that no Buffer is made per row: about 1.5 times as fast as
   * readDemandGridByRow. Null at the first thing it does not expect (a geometry that is not a point
   * blob, a count that is not a number >= 0, a damaged page, a grid over SQLite's 1 GB value limit):
   * the rows are then read one by one, which names the fid and the field.
   */
  private readDemandGridInBulk(): DemandGrid | null {
    const own = !this.db.inTransaction;
    try {
      if (own) this.db.exec('BEGIN');
      const all = this.db.prepare("SELECT count(*) AS n, CAST(group_concat(geom, '' ORDER BY fid) AS BLOB) AS geoms FROM population").get() as {
        n: number;
        geoms: Buffer | null;
      };
      const count = all.n;
      const geoms = all.geoms ?? Buffer.alloc(0);
      const lon = new Float64Array(count);
      const lat = new Float64Array(count);
      const population = new Float64Array(count);
      const elderly = new Float64Array(count);
      const fid = new Int32Array(count);
      let hasPopulation = false;
      let hasElderly = false;
      let i = 0;
      let offset = 0;
      const rows = this.db
        .prepare("SELECT fid, population, elderly, CASE WHEN typeof(geom) = 'blob' THEN length(geom) ELSE -1 END FROM population ORDER BY fid")
        .raw()
        .iterate() as IterableIterator<[number, unknown, unknown, number]>;
      for (const [id, storedPopulation, storedElderly, length] of rows) {
        if (i >= count || length < 0) return null;
        const point = gpkgPointAt(geoms, offset, length);
        if (point === null || !isCount(storedPopulation) || !isCount(storedElderly)) return null;
        offset += length;
        lon[i] = point[0];
        lat[i] = point[1];
        fid[i] = id;
        if (storedPopulation !== null) {
          population[i] = storedPopulation;
          hasPopulation = true;
        }
        if (storedElderly !== null) {
          elderly[i] = storedElderly;
          hasElderly = true;
        }
        i++;
      }
      if (i !== count || offset !== geoms.length) return null;
      return { count, lon, lat, population, elderly, hasPopulation, hasElderly, fid };
    } catch {
      return null;
    } finally {
      if (own && this.db.inTransaction) this.db.exec('COMMIT');
    }
  }

  private readDemandGridByRow(): DemandGrid {
    const at = this.at('population');
    const count = this.countOf('population');
    const lon = new Float64Array(count);
    const lat = new Float64Array(count);
    const population = new Float64Array(count);
    const elderly = new Float64Array(count);
    const fid = new Int32Array(count);
    let hasPopulation = false;
    let hasElderly = false;
    let i = 0;
    const rows = this.db.prepare('SELECT fid, geom, population, elderly FROM population ORDER BY fid').raw().iterate() as IterableIterator<
      [number, unknown, unknown, unknown]
    >;
    for (const [id, geom, storedPopulation, storedElderly] of rows) {
      if (i >= count) break;
      const [x, y] = storedPoint(at, id, geom);
      lon[i] = x;
      lat[i] = y;
      fid[i] = id;
      const pop = storedCount(at, id, 'population', storedPopulation);
      if (pop !== null) {
        population[i] = pop;
        hasPopulation = true;
      }
      const old = storedCount(at, id, 'elderly', storedElderly);
      if (old !== null) {
        elderly[i] = old;
        hasElderly = true;
      }
      i++;
    }
    return { count: i, lon, lat, population, elderly, hasPopulation, hasElderly, fid };
  }

  /**
   * Facilities that count for coverage: existing facilities of the given kinds, plus the proposals of
   * the named scenario (if any) of those kinds.
   */
  selectedFacilities(kinds: readonly FacilityKind[], scenario?: string): SnapshotFacility[] {
    type Row = { fid: number; id: string; name: string; kind: FacilityKind; status: string | null; capacity: unknown; geom: unknown };
    const selected: SnapshotFacility[] = [];
    const add = (layer: 'facilities' | 'proposals', rows: Row[]) => {
      const at = this.at(layer);
      for (const f of rows) {
        const [lon, lat] = storedPoint(at, f.fid, f.geom);
        const capacity = storedCount(at, f.fid, 'capacity', f.capacity);
        selected.push({ id: f.id, name: f.name, kind: f.kind, capacity, lon, lat, origin: layer === 'facilities' ? 'facility' : 'proposal' });
      }
    };
    // The rows are read whole and the shared rule decides which count (facilities_in_service.ts).
    const facilities = this.read('facilities', () =>
      this.db.prepare('SELECT fid, id, name, kind, status, capacity, geom FROM facilities ORDER BY fid').all(),
    ) as Row[];
    const proposals = scenario
      ? (this.read('proposals', () =>
          this.db
            .prepare('SELECT fid, id, name, kind, NULL AS status, capacity, geom FROM proposals WHERE scenario_id = ? ORDER BY fid')
            .all(this.resolveScenarioId(scenario)),
        ) as Row[])
      : [];
    const counted = facilitiesInService(facilities, proposals, kinds);
    add('facilities', counted.facilities);
    add('proposals', counted.proposals);
    return selected;
  }

  /** Every facility of the facilities layer with its status and beds, in fid order (the district check reads these). */
  districtFacilities(): DistrictFacility[] {
    type Row = { fid: number; id: string; name: string; kind: FacilityKind; status: string | null; beds: unknown; nursing_beds: unknown; geom: unknown };
    const rows = this.read('facilities', () =>
      this.db.prepare('SELECT fid, id, name, kind, status, beds, nursing_beds, geom FROM facilities ORDER BY fid').all(),
    ) as Row[];
    const at = this.at('facilities');
    return rows.map((f) => {
      const [lon, lat] = storedPoint(at, f.fid, f.geom);
      return {
        id: f.id,
        name: f.name,
        kind: f.kind,
        status: f.status,
        lon,
        lat,
        beds: storedCount(at, f.fid, 'beds', f.beds),
        nursingBeds: storedCount(at, f.fid, 'nursing_beds', f.nursing_beds),
      };
    });
  }

  /** The roads layer in the form the walking-network builder reads. */
  roadsForNetwork(): RoadInput[] {
    const rows = this.read('roads', () => this.db.prepare('SELECT fid, id, highway, tags, geom FROM roads ORDER BY fid').all()) as {
      fid: number;
      id: string;
      highway: string | null;
      tags: string;
      geom: unknown;
    }[];
    const at = this.at('roads');
    return rows.map((r) => ({
      id: r.id,
      highway: r.highway,
      tags: JSON.parse(r.tags) as Record<string, string>,
      geometry: storedGeometry(at, r.fid, r.geom) as RoadInput['geometry'],
    }));
  }

  /** The boundaries layer as areas for per-area figures. */
  boundaryAreas(): AreaInput[] {
    const rows = this.read('boundaries', () => this.db.prepare('SELECT fid, id, name, level, urban, geom FROM boundaries ORDER BY fid').all()) as {
      fid: number;
      id: string;
      name: string;
      level: AreaInput['level'];
      urban: number | null;
      geom: unknown;
    }[];
    const at = this.at('boundaries');
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      level: r.level,
      urban: r.urban === null ? null : r.urban === 1,
      geometry: storedGeometry(at, r.fid, r.geom) as AreaInput['geometry'],
    }));
  }

  /** The population grid's cell size when every cell states the same one, else null. */
  populationCellSize(): { cellWidthDeg: number; cellHeightDeg: number } | null {
    const rows = this.db
      .prepare('SELECT DISTINCT cell_width_deg AS w, cell_height_deg AS h FROM population LIMIT 2')
      .all() as { w: number | null; h: number | null }[];
    if (rows.length !== 1 || rows[0].w === null || rows[0].h === null) return null;
    return { cellWidthDeg: rows[0].w, cellHeightDeg: rows[0].h };
  }

  scenarios(): Scenario[] {
    const rows = this.read(null, () => this.db.prepare('SELECT id, name, description, is_plan, created_at FROM scenarios ORDER BY fid').all()) as {
      id: string;
      name: string;
      description: string | null;
      is_plan: number;
      created_at: string;
    }[];
    return rows.map((r) => ({ id: r.id, name: r.name, description: r.description, isPlan: r.is_plan === 1, createdAt: r.created_at }));
  }

  /** Scenario id for an id or a name; InputError listing the scenarios when unknown. */
  resolveScenarioId(idOrName: string): string {
    const row = this.db.prepare('SELECT id FROM scenarios WHERE id = ? OR name = ?').get(idOrName, idOrName) as { id: string } | undefined;
    if (!row) {
      const names = this.scenarios().map((s) => s.name);
      throw new InputError(`unknown scenario "${idOrName}"; scenarios in this project: ${names.join(', ')}`, { field: 'scenario' }, {
        reason: 'unknown_scenario',
        params: { name: idOrName, names: names.join(', ') },
      });
    }
    return row.id;
  }

  /** Runs a read of `layer`; a damaged page becomes an InputError naming the project file and the layer. */
  read<T>(layer: LayerName | null, run: () => T): T {
    try {
      return run();
    } catch (error) {
      throw damagedFileError(error, this.path, layer);
    }
  }

  private at(layer: LayerName): StoredAt {
    return { file: this.path, layer };
  }
}

/** What storedCount accepts without an error: null, or a finite number >= 0. */
const isCount = (value: unknown): value is number | null => value === null || (typeof value === 'number' && Number.isFinite(value) && value >= 0);
