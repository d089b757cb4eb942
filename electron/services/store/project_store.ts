/**
 * The project store: one better-sqlite3 connection to one GeoPackage project file, and the one object
 * callers hold. Its work is done by the modules it composes on that connection:
 *
 * - project_file.ts: creating, opening (inspected, then migrated) and copying the file
 * - layer_reads.ts: features, counts, extents and the engine's inputs (grid, facilities, roads, areas)
 * - audited_writes.ts: layer writes, scenario and proposal edits and the audit log, under the write lock
 * - project_settings.ts: the settings table
 * - estate_reviews.ts: the stored estate reviews
 */
import { POPULATION_NOTE_KEY, readPopulationNote } from '../../../shared/import/population_note';
import type Database from 'better-sqlite3';
import { basename } from 'node:path';
import type { ProjectInfo, Settings } from '../../../shared/ipc/contract';
import type { FacilityKind, ImportableLayer, LayerName, LayerRecordMap, Proposal, Scenario } from '../../../shared/schemas/entities';
import type { DemandGrid } from '../../../shared/engine/demand_grid';
import type { AreaInput } from '../../../shared/engine/areas/area_coverage';
import type { RoadInput } from '../../../shared/engine/network/build_walk_graph';
import { AuditedWrites, type WriteControl, type WriteLayerOptions, type WriteObserver } from './audited_writes';
import type { SnapshotFacility } from '../../../shared/usecases/project_snapshot';
import type { DistrictFacility } from '../../../shared/usecases/check_district';
import { EstateReviews } from './estate_reviews';
import { LayerReads, type StoredFeature } from './layer_reads';
import { LATEST_SCHEMA_VERSION } from './migrations';
import { copyProjectFile, createProjectFile, openProjectFile } from './project_file';
import { ProjectSettings, type SettingUpdate } from './project_settings';
import { readSchemaVersion } from './schema_version';
import type { ScenarioEdits } from './scenario_edits';
import type { EstateEdits } from './estate_edits';
import type { BoundaryEdits } from './boundary_edits';
import type { WaitOptions } from './write_lock';

export type { StoredFeature } from './layer_reads';
export type { WriteControl, WriteLayerOptions, WriteObserver } from './audited_writes';

export class ProjectStore {
  private readonly reads: LayerReads;
  private readonly writes: AuditedWrites;
  private readonly settingsTable: ProjectSettings;
  /** The estate_reviews table (estate_reviews.ts): write a batch of reviews, list the stored ones. */
  readonly estateReviews: EstateReviews;

  private constructor(
    readonly path: string,
    private readonly db: Database.Database,
  ) {
    this.reads = new LayerReads(path, db);
    this.writes = new AuditedWrites(path, db, this.reads);
    this.settingsTable = new ProjectSettings(db, this.writes);
    this.estateReviews = new EstateReviews(db, this.writes);
  }

  /** Creates a new, empty project file. Refuses to overwrite unless `force`. */
  static create(path: string, options: { force?: boolean } = {}): ProjectStore {
    return new ProjectStore(path, createProjectFile(path, options));
  }

  /**
   * Opens an existing project, migrating an older schema. Newer, foreign and hostile files (triggers
   * and views the schema does not define, see inspect_project.ts) are refused before anything is
   * written to them.
   */
  static open(path: string): ProjectStore {
    return new ProjectStore(path, openProjectFile(path));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  get schemaVersion(): number {
    return readSchemaVersion(this.db);
  }

  info(): ProjectInfo {
    return this.reads.read(null, () => ({
      path: this.path,
      name: basename(this.path).replace(/\.gpkg$/i, ''),
      schemaVersion: this.schemaVersion,
      counts: this.counts(),
      bbox: this.bbox(),
      attributions: this.getSetting<string[]>('attributions') ?? [],
      illustrative: this.getSetting<string[]>('illustrative') ?? [],
      populationNote: readPopulationNote(this.getSetting(POPULATION_NOTE_KEY)),
    }));
  }

  /**
   * SQLite's `PRAGMA data_version` of this connection: it changes when another connection (the CLI,
   * QGIS, a second window) commits to the file, and never for this connection's own writes. One
   * pragma, a few microseconds: cheap enough to ask before every request.
   */
  dataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }

  /** Writes a consistent copy of the project to `path` (VACUUM INTO); the store stays on its file. */
  copyTo(path: string, options: { force?: boolean } = {}): void {
    copyProjectFile(this.db, path, options);
  }

  // Reads (layer_reads.ts)

  counts(): Record<LayerName, number> {
    return this.reads.counts();
  }

  bbox(): [number, number, number, number] | null {
    return this.reads.bbox();
  }

  countOf(layer: LayerName): number {
    return this.reads.countOf(layer);
  }

  layerChangedAt(layer: LayerName): string | null {
    return this.reads.layerChangedAt(layer);
  }

  listFeatures(layer: LayerName, options: { scenario?: string } = {}): StoredFeature[] {
    return this.reads.listFeatures(layer, options);
  }

  /** The largest id of a layer that is a whole number ("12"), 0 when none: an import's generated ids start above it. */
  largestWholeNumberId(layer: Exclude<LayerName, 'population'>): number {
    const row = this.db.prepare(`SELECT MAX(CAST(id AS INTEGER)) AS n FROM "${layer}" WHERE id <> '' AND id NOT GLOB '*[^0-9]*'`).get() as { n: number | null };
    return row.n ?? 0;
  }

  loadDemandGrid(): DemandGrid {
    return this.reads.loadDemandGrid();
  }

  hasFeatures(layer: LayerName): boolean {
    return this.reads.hasFeatures(layer);
  }

  selectedFacilities(kinds: readonly FacilityKind[], scenario?: string): SnapshotFacility[] {
    return this.reads.selectedFacilities(kinds, scenario);
  }

  districtFacilities(): DistrictFacility[] {
    return this.reads.districtFacilities();
  }

  roadsForNetwork(): RoadInput[] {
    return this.reads.roadsForNetwork();
  }

  boundaryAreas(): AreaInput[] {
    return this.reads.boundaryAreas();
  }

  populationCellSize(): { cellWidthDeg: number; cellHeightDeg: number } | null {
    return this.reads.populationCellSize();
  }

  scenarios(): Scenario[] {
    return this.reads.scenarios();
  }

  resolveScenarioId(idOrName: string): string {
    return this.reads.resolveScenarioId(idOrName);
  }

  // Writes with their audit entries (audited_writes.ts)

  writeLayer<L extends ImportableLayer>(layer: L, records: readonly LayerRecordMap[L][], options: WriteLayerOptions = {}): number {
    return this.writes.writeLayer(layer, records, options);
  }

  writeLayerInSteps<L extends ImportableLayer>(layer: L, records: readonly LayerRecordMap[L][], options: WriteLayerOptions = {}, control: WriteControl = {}): Promise<number> {
    return this.writes.writeLayerInSteps(layer, records, options, control);
  }

  get isWriting(): boolean {
    return this.writes.isWriting;
  }

  waitForWrite<T>(write: () => T | Promise<T>, options: Omit<WaitOptions, 'setBusyTimeout' | 'attemptMs' | 'startedAt'> = {}): Promise<T> {
    return this.writes.waitForWrite(write, options);
  }

  setBusyTimeout(ms: number): void {
    this.writes.setBusyTimeout(ms);
  }

  observeWrites(observer: WriteObserver | null): void {
    this.writes.observeWrites(observer);
  }

  get edits(): ScenarioEdits {
    return this.writes.edits;
  }

  /** Estate edits from the app: applyEstateChanges (estate_edits.ts). */
  get estateEdits(): EstateEdits {
    return this.writes.estateEdits;
  }

  /** Urban/rural flags of boundary areas set in the app: setUrban (boundary_edits.ts). */
  get boundaryEdits(): BoundaryEdits {
    return this.writes.boundaryEdits;
  }

  createScenario(name: string, description: string | null = null): Scenario {
    return this.writes.createScenario(name, description);
  }

  addProposals(proposals: readonly Proposal[]): number {
    return this.writes.addProposals(proposals);
  }

  auditEntries(limit = 100): ReturnType<AuditedWrites['auditEntries']> {
    return this.writes.auditEntries(limit);
  }

  proposalsDigest(): string {
    return this.writes.proposalsDigest();
  }

  // Settings (project_settings.ts)

  getSetting<T>(key: string): T | null {
    return this.settingsTable.getSetting<T>(key);
  }

  setSetting(key: string, value: unknown): void {
    this.settingsTable.setSetting(key, value);
  }

  updateSetting<T, R>(key: string, update: SettingUpdate<T, R>): R {
    return this.settingsTable.updateSetting<T, R>(key, update);
  }

  settings(): Settings {
    return this.settingsTable.settings();
  }

  updateSettings(patch: Partial<Settings>): Settings {
    return this.settingsTable.updateSettings(patch);
  }
}

export { LATEST_SCHEMA_VERSION };
