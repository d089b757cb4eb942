/**
 * Typed errors. `InputError` is bad input from the user (a file, a row, a parameter): the CLI exits
 * with code 2 and prints the message. Anything else is a bug or an environment failure.
 *
 * The code says the category (`bad_input`, `busy`, `unsupported`…); an error the UI says in its own
 * words carries a `reason` from ERROR_REASONS, with the `params` its text needs. The hosts send
 * both (electron/services/reply_error.ts) and the renderer translates the reason
 * (renderer/state/describe_error.ts). The English message is what the CLI prints and what the UI
 * shows for an error without a reason; it is never parsed.
 */

/**
 * Every reason the UI knows, with the names of its params (strings or numbers). The file of the
 * error's location is not a param: the renderer takes it from the location (`{{file}}` in a text).
 */
export const ERROR_REASONS = {
  // Scenarios and proposals (electron/services/store/scenario_edits.ts, project_store.ts).
  scenario_name_taken: ['name'],
  scenario_name_missing: [],
  scenario_name_too_long: ['max'],
  baseline_not_deletable: [],
  unknown_scenario: ['name', 'names'],
  proposal_missing: ['id'],
  proposal_exists: ['id'],
  // Project files (store/project_store.ts, inspect_project.ts, schema_version.ts, stored_values.ts, project_session.ts).
  project_not_found: [],
  file_exists: [],
  project_name_not_gpkg: [],
  project_unreadable: ['detail'],
  not_siting_project: [],
  not_geopackage: [],
  schema_too_new: ['version', 'latest'],
  project_foreign_trigger: ['name', 'table'],
  project_foreign_view: ['name'],
  project_table_altered: ['table'],
  project_damaged: ['detail'],
  project_layer_damaged: ['layer', 'detail'],
  folder_missing: ['folder'],
  // Export (electron/services/layer_export.ts).
  export_overwrites_project: [],
  cannot_write: ['detail'],
  // Import (electron/services/import/*, store/project_store.ts).
  import_unreadable: [],
  import_too_large: ['limit'],
  import_no_records: ['layer', 'skipped'],
  population_not_empty: ['count'],
  population_cell_exists: ['id'],
  import_running: [],
  // Facility kinds of an import the mapping leaves open (electron/services/import/facility_kinds.ts);
  // an id already in the layer; an id twice in one file (store/audited_writes.ts, import/validate_records.ts).
  facility_kind_unmapped: ['values', 'count', 'rows'],
  kind_map_invalid: ['detail'],
  feature_id_exists: ['id', 'layer'],
  import_duplicate_id: ['id', 'first', 'second'],
  // GeoTIFF population: files and bands per count (electron/services/import/plan_raster_fields.ts).
  raster_grid_mismatch: ['other'],
  raster_count_unknown: ['count'],
  raster_band_missing: ['band', 'bands'],
  raster_file_unknown: ['field'],
  raster_file_unused: [],
  // Longitude and latitude (or easting and northing) exchanged: the import dialog offers to swap them.
  coordinates_swapped: ['x', 'y'],
  // The hosts (electron/host/http_host.ts, browser_file_access.ts, services/api_handlers.ts).
  request_too_large: ['limit'],
  dialogs_desktop_only: [],
  paths_desktop_only: [],
  project_outside_folders: ['folders'],
  // Another program holds the project's write lock (store/write_lock.ts).
  project_locked: ['seconds'],
  // What the project lacks for an analysis or a suggestion (shared/usecases, shared/optimize): the
  // app's worker sends these reasons too (renderer/workers/worker_protocol.ts).
  population_empty: [],
  population_without_elderly: [],
  no_older_people: [],
  roads_missing: [],
  boundaries_missing: [],
  candidates_empty: [],
  candidates_all_excluded: ['count'],
  no_grid_candidates: [],
  too_few_candidates: ['k', 'eligible'],
  site_capacity_missing: ['missing', 'total'],
  // The study area (shared/engine/areas/study_area.ts): a name no area or several areas have.
  study_area_unknown: ['name'],
  study_area_ambiguous: ['name', 'count'],
  // The candidate filter's floor levels (shared/optimize/candidate_filter.ts).
  floor_levels_crossed: ['min', 'max'],
  // The optimiser's notes on a run (shared/optimize/optimizer_notes.ts recognises them): said in the app's language.
  optimizer_model_too_large: ['columns', 'nonzeros'],
  optimizer_lp_time_limit: ['columns', 'nonzeros', 'seconds'],
  optimizer_mip_time_limit: ['seconds'],
  optimizer_lp_bound_skipped: [],
  optimizer_branch_stopped: ['nodes'],
  optimizer_proven_optimal: ['nodes'],
  optimizer_branch_limit: ['nodes'],
  optimizer_sites_add_nothing: ['count'],
  optimizer_walk_limit: ['minutes'],
  optimizer_demand_left_out: ['cells', 'elderly', 'minutes'],
  optimizer_sites_off_network: ['count', 'metres'],
  optimizer_capacity_stated: ['count'],
  optimizer_capacity_unlimited: ['count'],
  optimizer_capacitated_demand: ['uptake'],
  optimizer_straight_line_costs: [],
  optimizer_far_demand: ['count', 'weight', 'metres'],
  optimizer_second_bound: [],
  optimizer_set_cover_reduced: ['rows', 'columns'],
  optimizer_greedy_short: [],
  optimizer_demand_split: [],
  optimizer_note_other: [],
  // The optimiser's refusals (shared/optimize/mip_fit.ts, grid_candidates.ts, center_search.ts).
  optimizer_exact_too_large: ['columns', 'nonzeros'],
  grid_candidates_too_many: ['metres', 'cells', 'limit'],
  optimizer_center_unreachable: ['k'],
  optimizer_center_not_found: ['k'],
  // Settings that do not fit the chosen candidates (the panel never sends them; the CLI names its flags).
  grid_spacing_with_layer: [],
  floor_filters_with_grid: [],
  // Provision rules and the estate review (shared/rules, shared/usecases/review_estate.ts).
  unknown_preset: ['id', 'ids'],
  preset_rule_invalid: ['rule', 'field'],
  estate_input_invalid: ['estate', 'field'],
  unknown_estate: ['id'],
  // `siting review --out sheet.pdf` on a project without estates (electron/cli/command_review.ts).
  review_sheet_no_estates: [],
  // Estates entered and edited in the app (electron/services/store/estate_edits.ts).
  estate_edit_invalid: ['estate', 'field'],
  estate_edit_duplicate: ['id'],
  estate_missing: ['id'],
  boundary_missing: ['id'],
  // Edited presets (electron/services/rules/project_preset.ts).
  preset_bundled: ['id'],
  preset_in_use: ['id'],
  // Print sheets (shared/print, electron/services/print/map_export.ts, electron/cli/command_map.ts).
  print_format_unknown: ['file'],
  print_paper_unknown: ['paper', 'papers'],
  print_orientation_unknown: ['orientation'],
  print_dpi_out_of_range: ['dpi', 'min', 'max'],
  print_value_unknown: ['flag', 'value', 'allowed'],
  print_analysis_flag_alone: ['flag'],
  print_nothing_to_draw: [],
  // A printed tile basemap (electron/services/print/basemap_tiles.ts).
  print_basemap_not_configured: [],
  print_basemap_key_missing: [],
  print_basemap_not_xyz: ['url'],
  print_basemap_unreachable: ['host', 'detail'],
  print_basemap_tile_unreadable: ['host', 'format'],
  print_basemap_atlas: [],
  print_atlas_level_missing: ['level', 'levels'],
  print_atlas_running: [],
  // Analysis settings given as flags (electron/cli/analyze_options.ts: siting analyze, siting map --analysis).
  analysis_flag_wrong_mode: ['flag', 'mode'],
  analysis_flags_exclusive: ['flag', 'other'],
  analysis_flag_needs: ['flag', 'needs'],
  flag_value_invalid: ['flag', 'value'],
  unknown_facility_kind: ['kind', 'kinds'],
} as const satisfies Record<string, readonly string[]>;

export type ErrorReason = keyof typeof ERROR_REASONS;
export const ERROR_REASON_NAMES = Object.keys(ERROR_REASONS) as [ErrorReason, ...ErrorReason[]];
export type ErrorParamValue = string | number;
export type ErrorParams<R extends ErrorReason> = { [K in (typeof ERROR_REASONS)[R][number]]: ErrorParamValue };

/** A reason with its params, checked per reason (params may be left out when it has none). */
export type ErrorCause = {
  [R in ErrorReason]: (typeof ERROR_REASONS)[R] extends readonly [] ? { reason: R; params?: ErrorParams<R> } : { reason: R; params: ErrorParams<R> };
}[ErrorReason];

/** The reason and params an error carries (any Error with a known `reason`), else undefined. */
export function causeOf(error: unknown): { reason: ErrorReason; params: Record<string, ErrorParamValue> } | undefined {
  if (error === null || typeof error !== 'object') return undefined;
  const { reason, params } = error as { reason?: unknown; params?: unknown };
  if (typeof reason !== 'string' || !Object.prototype.hasOwnProperty.call(ERROR_REASONS, reason)) return undefined;
  return { reason: reason as ErrorReason, params: { ...(params as Record<string, ErrorParamValue> | undefined) } };
}

export interface InputErrorLocation {
  /** File name (base name or path) the bad input came from. */
  file?: string;
  /** 1-based data row (CSV: header is row 0 unless stated), or the feature index (0-based). */
  row?: number;
  feature?: number;
  /** Field or column name. */
  field?: string;
  /** What was expected, in plain words. */
  expected?: string;
}

export class InputError extends Error {
  readonly code = 'bad_input' as const;
  readonly location: InputErrorLocation;
  /** What went wrong, for the UI to say in its language (see ERROR_REASONS); absent for the others. */
  readonly reason?: ErrorReason;
  readonly params?: Readonly<Record<string, ErrorParamValue>>;

  constructor(message: string, location: InputErrorLocation = {}, cause?: ErrorCause) {
    super(formatInputMessage(message, location));
    this.name = 'InputError';
    this.location = location;
    if (cause) {
      this.reason = cause.reason;
      this.params = cause.params ?? {};
    }
  }
}

/** Builds "file.csv, row 12, field lat: latitude must be in [-90, 90], got 123" style messages. */
export function formatInputMessage(message: string, location: InputErrorLocation): string {
  const parts: string[] = [];
  if (location.file) parts.push(location.file);
  if (location.row !== undefined) parts.push(`row ${location.row}`);
  if (location.feature !== undefined) parts.push(`feature ${location.feature}`);
  if (location.field) parts.push(`field ${location.field}`);
  const where = parts.join(', ');
  const expected = location.expected ? ` (expected ${location.expected})` : '';
  return where ? `${where}: ${message}${expected}` : `${message}${expected}`;
}

/**
 * A message built by formatInputMessage without its "file, row, field: " prefix and "(expected …)"
 * suffix, so that another layer can say the place in its own words.
 * @example messageWithoutPlace('a.csv, row 3: bad', { file: 'a.csv', row: 3 }) // "bad"
 */
export function messageWithoutPlace(message: string, location: InputErrorLocation): string {
  const { expected, ...where } = location;
  const prefix = formatInputMessage('', where);
  let core = message;
  if (prefix && core.startsWith(prefix)) core = core.slice(prefix.length);
  const suffix = expected ? ` (expected ${expected})` : '';
  if (suffix && core.endsWith(suffix)) core = core.slice(0, -suffix.length);
  return core;
}

export function isInputError(error: unknown): error is InputError {
  return error instanceof Error && (error as { code?: unknown }).code === 'bad_input';
}

/** Thrown when a long operation is cancelled by the user. */
export class CancelledError extends Error {
  readonly code = 'cancelled' as const;
  constructor(message = 'cancelled') {
    super(message);
    this.name = 'CancelledError';
  }
}
