/**
 * Writes to a project, each with its audit-log entry: layer writes (imports), scenario and proposal
 * edits. Every write is one immediate transaction, so an import or edit is either all there or not at
 * all, and a write waits its turn while another program writes to the file (write_lock.ts).
 */
import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { CancelledError, InputError, type ErrorCause } from '../../../shared/errors';
import { CareRoom, type ImportableLayer, type LayerName, type LayerRecordMap, type Proposal, type Scenario } from '../../../shared/schemas/entities';
import { encodeGpkgGeometry, geometryBounds } from './gpkg_geometry';
import { CSV_ROW_NOTE, type RecordLocation } from '../import/record_location';
import { LAYER_TABLES, recordGeometry, type ColumnKind } from './layer_tables';
import type { LayerReads } from './layer_reads';
import { ScenarioEdits } from './scenario_edits';
import { EstateEdits } from './estate_edits';
import { BoundaryEdits } from './boundary_edits';
import { populationPackWrite } from './population_pack';
import { BUSY_TIMEOUT_MS, ProjectBusyError, beginImmediate, immediateWrite, waitForWrite, type WaitOptions } from './write_lock';

export interface WriteLayerOptions {
  /** Delete the layer's features first (in the same transaction). */
  replace?: boolean;
  /**
   * Add to a population layer that already has cells (refused otherwise, and refused for cells whose
   * cell_id is already there). Other layers always add; their ids must be new.
   */
  append?: boolean;
  /** What the audit log calls this write, e.g. "import". */
  action?: string;
  /** Extra facts for the audit entry (source file, format, ...). */
  details?: Record<string, unknown>;
  /**
   * Where each record was read from, aligned with the records (ParsedLayer.origins): a record that
   * clashes with the project is named by its file and row/feature; without it, by its position in
   * the write.
   */
  origins?: readonly RecordLocation[];
  /**
   * Settings written with the features, in the same transaction (a population import's note): key →
   * value, computed from the values stored when the write lock is held (`stored(key)`).
   */
  settings?: (stored: (key: string) => unknown) => Record<string, unknown>;
}

/** Progress and cancellation of writeLayerInSteps. */
export interface WriteControl {
  /** Aborting it rolls the write back; writeLayerInSteps then throws CancelledError. */
  signal?: AbortSignal;
  /**
   * Fraction (0..1] of the records written so far, after each step; 0 once the write lock is taken
   * (until then the write waits for other writers, and nothing is open on the connection).
   */
  progress?: (fraction: number) => void;
}

/**
 * Told about this store's own writes, so that a host can tell them from other programs' commits
 * (project_session.ts). Both run inside the write's transaction (the outermost one) and must not
 * throw: an exception would roll the write back.
 */
export interface WriteObserver {
  /** The write lock was just taken (BEGIN IMMEDIATE), before anything is written. */
  locked(): void;
  /**
   * The write is done, before COMMIT: the features of `layers` may have changed. Called again, after
   * the rollback, if the COMMIT then fails.
   */
  written(layers: readonly LayerName[]): void;
}

/** Records per step of writeLayerInSteps (about 10-20 ms of inserts). */
const WRITE_STEP_ROWS = 10_000;
/** Rows per INSERT statement of a layer write (9–13 values each: at most 1,300 bound values). */
const INSERT_BATCH_ROWS = 100;
/** Byte offset of x in a point blob: 8-byte GeoPackage header (no envelope), WKB byte order and type. */
const POINT_X_OFFSET = 8 + 1 + 4;

export class AuditedWrites {
  private editsInstance: ScenarioEdits | null = null;
  private estateEditsInstance: EstateEdits | null = null;
  private boundaryEditsInstance: BoundaryEdits | null = null;
  /** True while writeLayerInSteps has its transaction open. */
  private writing = false;
  /** Layers written by the outermost write() under way and the writes nested in it. */
  private writtenLayers: Set<LayerName> | null = null;
  private observer: WriteObserver | null = null;
  /** The busy timeout of one write attempt (setBusyTimeout). */
  private busyTimeoutMs = BUSY_TIMEOUT_MS;
  /** Settles when the writes queued in waitForWrite so far have had their turn. */
  private writeQueue: Promise<void> = Promise.resolve();

  constructor(
    readonly path: string,
    private readonly db: Database.Database,
    private readonly reads: LayerReads,
  ) {}

  /**
   * Writes validated records to a layer in one transaction, with one audit entry.
   * @returns the number of features written
   */
  writeLayer<L extends ImportableLayer>(layer: L, records: readonly LayerRecordMap[L][], options: WriteLayerOptions = {}): number {
    this.write([layer], () => {
      const writer = this.layerWriter(layer, records, options);
      writer.insert(0, records.length);
      writer.finish();
    });
    return records.length;
  }

  /**
   * writeLayer in steps of WRITE_STEP_ROWS records inside one transaction, yielding to the event loop
   * between steps: progress is reported and an abort of `control.signal` rolls everything back
   * (CancelledError), the replaced features included. While another program writes to the file it
   * waits for it (waitForWrite) before it starts. While it runs the transaction is open on the
   * store's one connection, so the caller must keep reads of the store waiting until it ends (the
   * app's handlers do: import_jobs.ts writesFinished); every other write of the store — writeLayer,
   * setSetting, scenario edits — fails meanwhile with ProjectBusyError instead of nesting in this
   * transaction (and rolling back with it), so a waitForWrite around it waits for this one to end.
   * @returns the number of features written
   */
  async writeLayerInSteps<L extends ImportableLayer>(
    layer: L,
    records: readonly LayerRecordMap[L][],
    options: WriteLayerOptions = {},
    control: WriteControl = {},
  ): Promise<number> {
    if (control.signal?.aborted) throw new CancelledError('import cancelled');
    await this.waitForWrite(() => {
      this.refuseWhileWriting();
      beginImmediate(this.db, this.path);
    });
    this.writing = true;
    let reported = false;
    try {
      if (control.signal?.aborted) throw new CancelledError('import cancelled');
      this.observer?.locked();
      control.progress?.(0);
      const writer = this.layerWriter(layer, records, options);
      for (let from = 0; from < records.length; from += WRITE_STEP_ROWS) {
        const to = Math.min(records.length, from + WRITE_STEP_ROWS);
        writer.insert(from, to);
        control.progress?.(to / records.length);
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (control.signal?.aborted) throw new CancelledError('import cancelled');
      }
      writer.finish();
      this.observer?.written([layer]);
      reported = true;
      this.db.exec('COMMIT');
    } catch (error) {
      if (this.db.open && this.db.inTransaction) this.db.exec('ROLLBACK');
      if (reported && this.db.open) this.observer?.written([layer]);
      throw error;
    } finally {
      this.writing = false;
    }
    return records.length;
  }

  /** True while writeLayerInSteps has its transaction open. */
  get isWriting(): boolean {
    return this.writing;
  }

  /**
   * Runs `write` (store calls that write) and, while another program holds the file's write lock,
   * runs it again until it gets its turn or `options.totalMs` (default 60 s, SITING_WRITE_WAIT_SECONDS) has passed; then
   * ProjectBusyError (code 'busy'), naming the file. Each attempt waits in SQLite for up to the busy
   * timeout (setBusyTimeout); between attempts the event loop runs. Writers of this store wait in
   * turn, in the order they asked (one edit cannot overtake an earlier one, and only one at a time
   * spends attempts in SQLite's busy handler); so `write` must not itself wait for waitForWrite.
   */
  async waitForWrite<T>(write: () => T | Promise<T>, options: Omit<WaitOptions, 'setBusyTimeout' | 'attemptMs' | 'startedAt'> = {}): Promise<T> {
    const startedAt = performance.now();
    const turn = this.writeQueue.then(() =>
      waitForWrite(write, {
        ...options,
        startedAt,
        attemptMs: this.busyTimeoutMs,
        setBusyTimeout: (ms) => this.db.open && this.db.pragma(`busy_timeout = ${ms}`),
      }),
    );
    this.writeQueue = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  /**
   * How long one write attempt waits in SQLite's busy handler, which sleeps on this thread (default
   * BUSY_TIMEOUT_MS; the hosts set HOST_BUSY_TIMEOUT_MS, see write_lock.ts).
   */
  setBusyTimeout(ms: number): void {
    this.busyTimeoutMs = ms;
    this.db.pragma(`busy_timeout = ${ms}`);
  }

  /** Tells `observer` about every write of this store from now on (null: no one). */
  observeWrites(observer: WriteObserver | null): void {
    this.observer = observer;
  }

  /**
   * One immediate transaction of `fn`, which writes the features of `layers` (a savepoint inside a
   * write that is open, whose layers it adds to). The observer hears of the outermost one.
   */
  write<T>(layers: readonly LayerName[], fn: () => T): T {
    this.refuseWhileWriting();
    if (this.writtenLayers) {
      for (const layer of layers) this.writtenLayers.add(layer);
      return immediateWrite(this.db, this.path, fn);
    }
    const written = new Set(layers);
    let reported = false;
    try {
      return immediateWrite(this.db, this.path, () => {
        this.writtenLayers = written;
        try {
          this.observer?.locked();
          const result = fn();
          this.observer?.written([...written]);
          reported = true;
          return result;
        } finally {
          this.writtenLayers = null;
        }
      });
    } catch (error) {
      // The COMMIT failed after the observer was told: what it counted was rolled back.
      if (reported && this.db.open) this.observer?.written([...written]);
      throw error;
    }
  }

  /** While writeLayerInSteps has its transaction open, other writes wait (ProjectBusyError) rather than nest in it. */
  private refuseWhileWriting(): void {
    if (this.writing) throw new ProjectBusyError(this.path, 0);
  }

  /**
   * Checks and inserts of one layer write; the caller owns the transaction. Population is refused when
   * the layer already has cells and neither replace nor append was asked for (the same grid imported
   * twice would double every count), and with append when a cell id is already in the layer.
   */
  private layerWriter<L extends ImportableLayer>(layer: L, records: readonly LayerRecordMap[L][], options: WriteLayerOptions): { insert(from: number, to: number): void; finish(): void } {
    const spec = LAYER_TABLES[layer];
    const file = typeof options.details?.file === 'string' ? options.details.file : undefined;
    const before = this.reads.countOf(layer);
    if (layer === 'population' && before > 0 && !options.replace) {
      this.checkPopulationAppend(records as readonly LayerRecordMap['population'][], before, options.append === true, file, options.origins);
    }
    // The population layer's packed copy is written in this transaction too (population_pack.ts).
    const pack = layer === 'population' ? populationPackWrite(this.db, before, options.replace === true) : null;
    if (options.replace) {
      if (pack) pack.deleteLayer();
      else this.db.prepare(`DELETE FROM "${layer}"`).run();
    }
    const start = options.replace ? null : this.extentOf(layer);
    let [west, south, east, north] = start ?? [Infinity, Infinity, -Infinity, -Infinity];
    const columns = spec.columns.map((c) => `"${c.column}"`).join(', ');
    const rowPlaceholders = `(?, ${spec.columns.map(() => '?').join(', ')})`;
    const sql = (rows: number) => `INSERT INTO "${layer}" (geom, ${columns}) VALUES ${new Array(rows).fill(rowPlaceholders).join(', ')}`;
    const insert = this.db.prepare(sql(1));
    // Rows go in INSERT_BATCH_ROWS at a time, one statement each (what costs is the call into SQLite
    // per statement, not the row); rows are inserted in the records' order, so fids and content are
    // what a row-by-row insert gives. Point geometries are written into one buffer whose slices are
    // bound (SQLite copies bound values): 1,000,000 cells cost no allocation each.
    const width = spec.columns.length + 1;
    const insertBatch = this.db.prepare(sql(INSERT_BATCH_ROWS));
    const batchValues: unknown[] = new Array(width * INSERT_BATCH_ROWS);
    const pointBytes = encodeGpkgGeometry({ type: 'Point', coordinates: [0, 0] });
    const points = Buffer.alloc(pointBytes.length * INSERT_BATCH_ROWS);
    const pointSlices: Buffer[] = [];
    for (let k = 0; k < INSERT_BATCH_ROWS; k++) {
      pointBytes.copy(points, k * pointBytes.length);
      pointSlices.push(points.subarray(k * pointBytes.length, (k + 1) * pointBytes.length));
    }
    /** Binds record i as row k of `values`; checks what the database does not. */
    const bind = (i: number, values: unknown[], k: number) => {
      const record = records[i] as unknown as Record<string, unknown>;
      const { lon, lat } = record;
      const at = k * width;
      if (record.geometry === undefined && typeof lon === 'number' && typeof lat === 'number') {
        const point = pointSlices[k];
        point.writeDoubleLE(lon, POINT_X_OFFSET);
        point.writeDoubleLE(lat, POINT_X_OFFSET + 8);
        values[at] = point;
        if (lon < west) west = lon;
        if (lon > east) east = lon;
        if (lat < south) south = lat;
        if (lat > north) north = lat;
      } else {
        const geometry = recordGeometry(record);
        values[at] = encodeGpkgGeometry(geometry);
        const [minX, minY, maxX, maxY] = geometryBounds(geometry);
        west = Math.min(west, minX);
        south = Math.min(south, minY);
        east = Math.max(east, maxX);
        north = Math.max(north, maxY);
      }
      if (layer === 'estates') checkCareRooms(record.careRooms, options.origins, i, file);
      for (let c = 0; c < spec.columns.length; c++) values[at + c + 1] = toSqlValue(spec.columns[c].kind, record[spec.columns[c].field]);
    };
    const rowValues: unknown[] = new Array(width);
    const insertOne = (i: number) => {
      bind(i, rowValues, 0);
      try {
        insert.run(rowValues);
      } catch (error) {
        if (/UNIQUE constraint failed/.test((error as Error).message)) {
          const record = records[i] as unknown as Record<string, unknown>;
          throw clashError(`id "${String(record.id)}" already exists in layer ${layer}; use --replace to replace the layer, or give the record another id`, options.origins, i, file, 'id', {
            reason: 'feature_id_exists',
            params: { id: String(record.id), layer },
          });
        }
        throw error;
      }
    };
    return {
      insert: (from, to) => {
        let i = from;
        for (; i + INSERT_BATCH_ROWS <= to; i += INSERT_BATCH_ROWS) {
          let bound = false;
          try {
            for (let k = 0; k < INSERT_BATCH_ROWS; k++) bind(i + k, batchValues, k);
            bound = true;
            // spread: better-sqlite3 reads arguments faster than the elements of one array argument
            insertBatch.run(...batchValues);
          } catch (error) {
            // A record refused (a care room) or a clash (a UNIQUE id; the statement changed nothing,
            // SQLite undoes a statement that breaks a constraint and keeps the transaction): the
            // batch goes in row by row, which stops at the first bad record with the error a
            // row-by-row write gives. Any other error of SQLite (disk full, I/O) ends the write.
            if (bound && !/UNIQUE constraint failed/.test((error as Error).message)) throw error;
            for (let k = 0; k < INSERT_BATCH_ROWS; k++) insertOne(i + k);
          }
        }
        for (; i < to; i++) insertOne(i);
      },
      finish: () => {
        this.setExtent(layer, west <= east ? [west, south, east, north] : null);
        pack?.finish(records as readonly LayerRecordMap['population'][]);
        if (options.settings) this.writeSettings(options.settings);
        this.appendAudit(options.action ?? 'write', layer, null, options.replace ? { count: before } : null, {
          count: records.length,
          replace: options.replace ?? false,
          ...(options.append ? { append: true } : {}),
          ...options.details,
        });
      },
    };
  }

  private checkPopulationAppend(
    records: readonly LayerRecordMap['population'][],
    before: number,
    append: boolean,
    file: string | undefined,
    origins: readonly RecordLocation[] | undefined,
  ): void {
    if (!append) {
      throw new InputError(
        `the population layer already holds ${before.toLocaleString('en')} cells; importing population again would add a second count to every cell that is in both. ` +
          'Use --replace to replace the layer, or --append to add the cells of another area',
        { file, field: 'layer', expected: 'an empty population layer, --replace, or --append with new cell ids' },
        { reason: 'population_not_empty', params: { count: before } },
      );
    }
    const existing = new Set(this.db.prepare('SELECT cell_id FROM population').pluck().all() as string[]);
    for (let i = 0; i < records.length; i++) {
      if (existing.has(records[i].cellId)) {
        throw clashError(
          `cell_id "${records[i].cellId}" is already in the population layer; --append adds only cells with new cell ids ` +
            '(a cell_id column, else the row number or the raster row/column); use --replace to replace the layer',
          origins,
          i,
          file,
          'cell_id',
          { reason: 'population_cell_exists', params: { id: records[i].cellId } },
        );
      }
    }
  }

  /** Scenario and proposal edits (see scenario_edits.ts). */
  get edits(): ScenarioEdits {
    this.editsInstance ??= new ScenarioEdits(this.db, {
      audit: (action, layer, featureId, before, after) => this.appendAudit(action, layer, featureId, before, after),
      resolveScenarioId: (idOrName) => this.reads.resolveScenarioId(idOrName),
      write: (fn) => this.write(['proposals'], fn),
      extentOf: (layer) => this.extentOf(layer),
      setExtent: (layer, extent) => this.setExtent(layer, extent),
    });
    return this.editsInstance;
  }

  /** Edits of the estates layer made in the app (see estate_edits.ts). */
  get estateEdits(): EstateEdits {
    this.estateEditsInstance ??= new EstateEdits(this.db, {
      audit: (action, layer, featureId, before, after) => this.appendAudit(action, layer, featureId, before, after),
      write: (fn) => this.write(['estates'], fn),
      setExtent: (layer, extent) => this.setExtent(layer, extent),
    });
    return this.estateEditsInstance;
  }

  /** Edits of the boundaries layer made in the app: urban/rural flags (see boundary_edits.ts). */
  get boundaryEdits(): BoundaryEdits {
    this.boundaryEditsInstance ??= new BoundaryEdits(this.db, {
      audit: (action, layer, featureId, before, after) => this.appendAudit(action, layer, featureId, before, after),
      write: (fn) => this.write(['boundaries'], fn),
    });
    return this.boundaryEditsInstance;
  }

  createScenario(name: string, description: string | null = null): Scenario {
    return this.edits.createScenario(name, description);
  }

  addProposals(proposals: readonly Proposal[]): number {
    return this.edits.addProposals(proposals).length;
  }

  auditEntries(limit = 100): { seq: number; at: string; action: string; layer: string | null; featureId: string | null; before: unknown; after: unknown }[] {
    const rows = this.db.prepare('SELECT fid, at, action, layer, feature_id, before, after FROM audit_log ORDER BY fid DESC LIMIT ?').all(limit) as {
      fid: number;
      at: string;
      action: string;
      layer: string | null;
      feature_id: string | null;
      before: string | null;
      after: string | null;
    }[];
    return rows.map((r) => ({
      seq: r.fid,
      at: r.at,
      action: r.action,
      layer: r.layer,
      featureId: r.feature_id,
      before: r.before === null ? null : JSON.parse(r.before),
      after: r.after === null ? null : JSON.parse(r.after),
    }));
  }

  /**
   * A digest of every proposal row (what the undo history of proposal edits puts back): the same
   * digest means that history still applies. Proposals are few (hundreds), so this reads them all.
   */
  proposalsDigest(): string {
    const hash = createHash('sha1');
    const rows = this.db.prepare('SELECT * FROM proposals ORDER BY fid').raw().iterate() as IterableIterator<unknown[]>;
    for (const row of rows) {
      for (const value of row) hash.update(Buffer.isBuffer(value) ? value : `${typeof value}:${String(value)}`).update('\u0000');
      hash.update('\n');
    }
    return hash.digest('hex');
  }

  /** Upserts settings inside the caller's transaction, each with its audit entry. */
  private writeSettings(settings: NonNullable<WriteLayerOptions['settings']>): void {
    const stored = (key: string): unknown => {
      const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
      return row ? (JSON.parse(row.value) as unknown) : null;
    };
    const upsert = this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
    for (const [key, value] of Object.entries(settings(stored))) {
      const before = stored(key);
      upsert.run(key, JSON.stringify(value));
      this.appendAudit('setting', 'settings', key, before, value);
    }
  }

  appendAudit(action: string, layer: string | null, featureId: string | null, before: unknown, after: unknown): void {
    this.db
      .prepare('INSERT INTO audit_log (at, action, layer, feature_id, before, after) VALUES (?, ?, ?, ?, ?, ?)')
      .run(new Date().toISOString(), action, layer, featureId, before === null ? null : JSON.stringify(before), after === null ? null : JSON.stringify(after));
  }

  private extentOf(layer: LayerName): [number, number, number, number] | null {
    const row = this.db.prepare('SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE table_name = ?').get(layer) as {
      min_x: number | null;
      min_y: number | null;
      max_x: number | null;
      max_y: number | null;
    };
    if (row.min_x === null || row.min_y === null || row.max_x === null || row.max_y === null) return null;
    return [row.min_x, row.min_y, row.max_x, row.max_y];
  }

  private setExtent(layer: LayerName, extent: [number, number, number, number] | null): void {
    this.db
      .prepare("UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ?, last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE table_name = ?")
      .run(extent?.[0] ?? null, extent?.[1] ?? null, extent?.[2] ?? null, extent?.[3] ?? null, layer);
  }
}

/** A record's field as bound to SQLite (as layer_tables.ts recordValues converts it). */
function toSqlValue(kind: ColumnKind, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (kind === 'boolean') return value ? 1 : 0;
  if (kind === 'json') return JSON.stringify(value);
  return value;
}

/**
 * InputError for record i of a write that clashes with the project: at the file and row/feature the
 * record was read from (WriteLayerOptions.origins), else at its 1-based position in the write.
 */
function clashError(
  message: string,
  origins: readonly RecordLocation[] | undefined,
  index: number,
  file: string | undefined,
  field: string,
  cause?: ErrorCause,
): InputError {
  const origin = origins?.[index];
  if (!origin) return new InputError(message, { file, row: index + 1, field }, cause);
  const note = origin.row !== undefined ? ` ${CSV_ROW_NOTE}` : '';
  return new InputError(`${message}${note}`, { file: origin.file, row: origin.row, feature: origin.feature, field }, cause);
}

/** An estate's care rooms (the JSON column care_rooms) must be what the review reads: [{floorAreaM2, floorLevels, basement, lon, lat}]. */
function checkCareRooms(value: unknown, origins: readonly RecordLocation[] | undefined, index: number, file: string | undefined): void {
  if (value === undefined || value === null) return;
  const parsed = CareRoom.array().safeParse(value);
  if (parsed.success) return;
  const issue = parsed.error.issues[0];
  const field = ['careRooms', ...issue.path.map(String)].join('.');
  throw clashError(`care room ${field}: ${issue.message}`, origins, index, file, 'care_rooms');
}
