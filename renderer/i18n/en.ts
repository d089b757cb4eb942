/**
 * English UI strings. The Chinese file (zh.ts) must have exactly the same keys (checked by its
 * type). Domain terms follow ../shared/DOMAIN.md (beside the repository), "Words".
 */
import { enMap } from './en_map';
import { enPlan, enPlanErrors } from './en_plan';
import type { ErrorReason } from '../../shared/errors';
import { enAnalysis } from './en_analysis';
import { enAreaTable } from './en_area_table';
import { enReview } from './en_review';
import { enPrint } from './en_print';
import { enEstateEdit } from './en_estate_edit';
import { enShell } from './en_shell';
import { REVIEW_SHEET_TEXT } from '../../shared/usecases/review_sheet_text';
import { enRules } from './en_rules';
import { importEn } from './en_import';
import { enRaster, enRasterErrors } from './en_raster';
import { workspaceEn } from '../workspace/i18n/workspace_en';
import { FACILITY_KIND_WORDS, FACILITY_STATUS_WORDS } from '../../shared/schemas/facility_words';

export const en = {
  ...enPlan,
  ...enAnalysis,
  ...enMap,
  ...enAreaTable,
  ...enReview,
  ...enPrint,
  ...enEstateEdit,
  ...enShell,
  sheet: REVIEW_SHEET_TEXT.en,
  ...enRules,
  ...importEn,
  ...enRaster,
  workspace: workspaceEn,
  app: {
    title: 'Siting Planner',
    subtitle: 'Community elderly-care facility siting',
    panelLabel: 'Project and analysis panel',
    mapLabel: 'Map of the project',
  },
  common: {
    loading: 'Loading…',
    unknown: 'unknown',
    yes: 'yes',
    no: 'no',
    none: '—',
  },
  project: {
    heading: 'Project',
    name: 'Name',
    path: 'File',
    layers: 'Layers',
    noProject: 'No project is open.',
    noProjectHint:
      'Create a new project (optionally from the Wuhan central-city sample) or open an existing project file (.gpkg).',
    actions: 'New, open, save as',
    new: 'New project',
    open: 'Open project',
    saveAs: 'Save as',
    pathLabel: 'Project file path on this computer (.gpkg)',
    pathPlaceholder: 'a name or full path ending in .gpkg, e.g. wuchang-2026.gpkg',
    foldersHint: 'Project files are kept in {{first}}; a name alone (e.g. wuchang-2026.gpkg) goes there.',
    foldersHintMany: 'Project files are kept in {{folders}}; a name alone (e.g. wuchang-2026.gpkg) goes into {{first}}.',
    withSample: 'Start from the Wuhan central-city sample (WorldPop age structure, 100 m grid)',
    overwrite: 'Overwrite the file if it exists',
    submitNew: 'Create',
    submitOpen: 'Open',
    submitSaveAs: 'Save copy and switch to it',
    working: 'Working…',
    recent: 'Recent projects',
    recentEmpty: 'No recent projects yet.',
    opened: 'Opened {{name}}.',
  },
  externalChange: {
    title: 'The project file was changed by another program; the app has reloaded its data.',
    cells: '{{layer}}: {{before}} → {{after}} cells',
    features: '{{layer}}: {{before}} → {{after}}',
    sameCounts: 'Every layer has as many features as before.',
    undoCleared: 'The proposals were changed too, so the undo history of proposal edits was cleared.',
    rerun: 'The coverage figures use the new data; run an accessibility analysis or site suggestion again to update its results.',
    dismiss: 'Dismiss',
  },
  layers: {
    population: 'Population grid',
    facilities: 'Facilities',
    estates: 'Residential estates',
    boundaries: 'Boundaries',
    roads: 'Roads',
    candidates: 'Candidate sites',
    proposals: 'Proposals',
  },
  kinds: { ...FACILITY_KIND_WORDS.en },
  statuses: { ...FACILITY_STATUS_WORDS.en },
  coverage: {
    heading: 'Coverage',
    elderlyCovered: 'Older people (60+) covered',
    of: 'of {{total}}',
    ratio: 'Coverage of older people',
    uncovered: 'Older people not covered (coverage gap)',
    populationCovered: 'Population covered',
    cells: 'Grid cells covered',
    facilities: 'Facilities counted',
    radius: 'Service radius used',
    running: 'Running the coverage analysis…',
    noResult: 'No coverage figures yet.',
    noFacilities: 'No facility of the chosen kinds is in the project yet: import facilities to see coverage.',
    method:
      'A cell counts as covered when its centre lies within the straight-line service radius of a facility of the chosen kinds.',
  },
  analysis: {
    heading: 'Service radius and facility kinds',
    radiusLabel: 'Service radius (metres)',
    presets: 'Life-circle presets (GB 50180-2018)',
    preset300: '5-minute · 300 m',
    preset500: '10-minute · 500 m',
    preset1000: '15-minute · 1000 m',
    kindsLabel: 'Facility kinds counted',
    run: 'Run coverage analysis',
    running: 'Running…',
    radiusInvalid: 'Enter a service radius between 1 and 100 000 metres.',
    kindsInvalid: 'Choose at least one facility kind.',
  },
  settings: {
    heading: 'Settings',
    language: 'Language',
    languageAuto: 'Follow the system',
    basemap: 'Basemap URL',
    basemapHint:
      'Leave empty to work offline. An XYZ tile template with {z}/{x}/{y} or a MapLibre style URL (https).',
    basemapInvalid: 'This is not a web address. Enter an https:// address, or leave the field empty.',
    basemapNotHttps: 'The basemap address must start with https:// (the app loads no other remote content).',
    save: 'Save settings',
    saving: 'Saving…',
    saved: 'Settings saved.',
  },
  legend: {
    heading: 'Legend',
    elderly: 'Older people (60+) per grid cell',
    classes: 'quantile classes',
    noData: 'no data',
    uncovered: 'Cell outside every service circle',
    circle: 'Service circle, {{radius}}',
    facilities: 'Facilities',
    illustrative: 'hollow = illustrative',
    boundary: 'Boundary',
    circleCount_one: '{{count, number}} facility in the analysis',
    circleCount_other: '{{count, number}} facilities in the analysis',
    statusHeading: 'Facilities by status',
    status: {
      existing: 'Existing (solid)',
      planned: 'Planned (ringed)',
      proposed: 'Proposed (faded, ringed)',
    },
  },
  popup: {
    facility: 'Facility',
    cell: 'Grid cell',
    id: 'ID',
    name: 'Name',
    kind: 'Kind',
    status: 'Status',
    capacity: 'Day places',
    beds: 'Beds',
    nursing_beds: 'Nursing beds',
    floor_area_m2: 'Floor area (m²)',
    floor_level: 'Floor level',
    address: 'Address',
    source: 'Source',
    illustrativeTag: '(illustrative)',
    cell_id: 'Cell',
    elderly: 'Older people (60+)',
    age65: 'Aged 65+',
    age80: 'Aged 80+',
    population: 'Population',
    covered: 'Within a service circle',
  },
  note: {
    illustrative: 'Illustrative data: {{names}} contain made-up examples, not real records. Do not use them for decisions.',
  },
  errors: {
    bad_input: 'The input was not accepted: {{message}}. Correct the file or value named here and try again.',
    not_found: 'Not found: {{message}}. Check the file path and try again.',
    no_project: 'No project is open. Create or open a project first.',
    cancelled: 'The operation was cancelled.',
    unsupported: 'This is not supported: {{message}}.',
    internal:
      'Something went wrong inside the app: {{message}}. Try again; if it happens again, restart the app (your project file is kept).',
    network:
      'The local server of the app does not answer. Check that the window or terminal running it is still open, then reload this page.',
    unauthorized:
      'This page is not authorised for the local server. Open the link printed by the server again (it contains the access key).',
    bad_reply: 'The local server answered in an unexpected way: {{message}}. Restart the server; update the app if it persists.',
    unknown: 'Unexpected error: {{message}}.',
    map: 'The map could not be drawn: {{message}}. The figures in the panel are still valid.',
    /** Files chosen in the browser above the upload limit (renderer/api/files.ts UploadTooLargeError). */
    uploadTooLarge:
      'The chosen files are {{size, number}} MB; files uploaded through the browser may be at most {{limit, number}} MB together. Use the desktop app or `siting import` for larger files, or clip them first.',
    downloadMissing: 'The app received no content for “{{name}}”, so nothing was downloaded. Reload the page and try again.',
    /** Where in a file the host found bad input (shared/errors.ts InputErrorLocation). */
    where: {
      row: 'row {{row}}',
      feature: 'feature {{feature}}',
      field: 'field {{field}}',
      separator: ', ',
      expected: ' (expected {{expected}})',
      placed: '{{where}}: {{message}}',
    },
    /**
     * The host's errors with a reason (shared/errors.ts ERROR_REASONS), said completely in this
     * language with the reason's params and the file of the error's location ({{file}}). One text
     * per reason, no more: checked here and, for zh.ts, by its type.
     */
    known: {
      ...enRasterErrors,
      ...enPlanErrors,
      scenario_name_taken: 'A scenario named “{{name}}” already exists. Choose another name.',
      scenario_name_missing: 'A scenario needs a name. Enter one and try again.',
      scenario_name_too_long: 'A scenario name can have at most {{max, number}} characters. Shorten it and try again.',
      baseline_not_deletable: 'The baseline is the existing situation and cannot be deleted. Choose another scenario to delete.',
      unknown_scenario:
        'There is no scenario “{{name}}” in this project (it may have been deleted in another window). Scenarios in this project: {{names}}.',
      proposal_missing:
        'The proposal being changed is no longer in the project file (it may have been deleted in another window). The list has been read again from the file; make the change again.',
      proposal_exists: 'A proposal with the same id is already in the project file. The list has been read again from the file; add it again.',
      project_not_found: 'Cannot open {{file}}: project file not found. Check the path, or create a new project there.',
      file_exists: 'The file {{file}} already exists. Choose another name, or tick “Overwrite the file if it exists”.',
      project_name_not_gpkg: 'A project file name must end in .gpkg ({{file}}). Add .gpkg to the name and try again.',
      project_unreadable: '{{file}} is not a readable project file ({{detail}}). Choose a Siting Planner project (.gpkg).',
      not_siting_project: '{{file}} is a GeoPackage without the tables of a Siting Planner project. Create a new project and import its layers instead.',
      not_geopackage: '{{file}} is not a GeoPackage. Choose a Siting Planner project (.gpkg).',
      schema_too_new:
        '{{file}} was saved by a newer version of Siting Planner (project version {{version}}; this app reads up to {{latest}}). Open it with a newer version of the app.',
      project_foreign_trigger:
        '{{file}} was not opened: it contains a trigger “{{name}}” (on {{table}}) that Siting Planner does not create. A trigger runs its own commands on every edit and could change or delete data unnoticed. Open a copy you trust; if you trust this file, remove the trigger with an SQLite tool first.',
      project_foreign_view:
        '{{file}} was not opened: it contains a view “{{name}}” that Siting Planner does not create. A view runs its own query whenever it is read, and may never finish. Open a copy you trust; if you trust this file, remove the view with an SQLite tool first.',
      project_table_altered:
        '{{file}} was not opened: its table “{{table}}” was changed outside Siting Planner (missing, replaced, or linked so that edits would change it behind the audit log). Open a copy made before the change, or create a new project and import the layers.',
      project_damaged: '{{file}} is damaged ({{detail}}). Restore it from a copy or a backup.',
      project_layer_damaged: 'The layer “{{layer}}” of {{file}} is damaged ({{detail}}). Restore the file from a copy or a backup.',
      folder_missing: 'The folder {{folder}} does not exist. Create it first, or choose another folder.',
      export_overwrites_project: 'The export would overwrite the open project file. Choose another file name.',
      cannot_write: 'The file {{file}} cannot be written ({{detail}}). Choose a folder you can write to.',
      import_unreadable: 'The file {{file}} was not found or cannot be read. Check the path and try again.',
      import_too_large: '{{file}} is larger than the import limit of {{limit, number}} MB. Split or clip it first.',
      import_no_records:
        'No records for the layer “{{layer}}” were found in {{file}} ({{skipped, number}} rows skipped). Check that this is the right file and the field mapping.',
      population_not_empty:
        'The population grid already has {{count, number}} cells. Tick “Replace the features already in this layer” to import this grid instead.',
      population_cell_exists: 'Cell {{id}} is already in the population grid; tick Replace.',
      import_running: 'Another import is still running; wait for it or cancel it.',
      facility_kind_unmapped:
        '{{count, number}} facility kind values of {{file}} ({{rows, number}} rows) are not mapped to a kind: {{values}}. Choose a kind, “Other” or “Leave out” for each under Facility kinds, then import again.',
      kind_map_invalid: 'The facility kind mapping cannot be used: {{detail}}.',
      feature_id_exists: 'A feature with ID “{{id}}” is already in the layer “{{layer}}”. Give the rows other IDs, leave the ID column unmapped (new IDs are then numbered after the layer’s), or tick “Replace the features already in this layer”.',
      import_duplicate_id: 'ID “{{id}}” appears twice in {{file}} (records {{first}} and {{second}}). IDs must be unique within a file: correct the file, or leave the ID column unmapped so that IDs are generated.',
      coordinates_swapped: '{{file}}: the coordinates x = {{x, number}}, y = {{y, number}} look swapped: the file has latitude (or northing) first.',
      request_too_large: 'Files uploaded through the browser may be at most {{limit, number}} MB together; use the desktop app or `siting import`.',
      dialogs_desktop_only: 'File dialogs are only available in the desktop app. Type the file path instead.',
      paths_desktop_only:
        'In the browser, files are imported by uploading them and exported as downloads. Opening or writing files by path works in the desktop app or with the `siting` command line.',
      project_outside_folders: 'In the browser, project files must be in {{folders}}. Type a name alone (e.g. wuchang-2026.gpkg) to keep the project there.',
      project_locked:
        'Another program is writing to the project file {{file}} (a `siting` command, or this project open in another window); waited {{seconds, number}} s for it. This change was not saved: try again when the other program has finished.',
      population_empty: 'The population layer is empty. Import population cells (Import → Population) first.',
      population_without_elderly: 'The population layer has no counts of older people (60+). Import it again with the older-people column mapped.',
      no_older_people: 'The population layer counts no older people (60+): there is no one to serve.',
      roads_missing: 'Walking-network analysis needs a roads layer. Import OpenStreetMap ways (Import → Roads) or use straight-line circles.',
      boundaries_missing: 'A study area and figures by area need a boundaries layer. Import district, street or community polygons first (or choose the whole project).',
      candidates_empty: 'The candidates layer is empty. Import candidate sites, or choose grid candidates.',
      candidates_all_excluded: 'All {{count, number}} candidate sites were left out by the filters (floor area, floor level, exclusion zones). Relax the filters or add sites.',
      no_grid_candidates: 'No grid candidate has older people within one grid spacing. Use a larger grid spacing.',
      too_few_candidates: '{{k, number}} new sites were asked for, but only {{eligible, number}} candidate sites are eligible. Ask for fewer sites or relax the filters.',
      site_capacity_missing:
        '{{missing, number}} of {{total, number}} candidate sites state no day places. Enter the day places of a new site, or import the candidates with a capacity column.',
      grid_spacing_with_layer: 'A grid spacing applies to grid candidates only; this run uses the candidates layer.',
      floor_filters_with_grid: 'Floor-area and floor-level filters need real sites from the candidates layer; grid candidates have none.',
      unknown_preset: 'There is no rule preset “{{id}}”. The presets are: {{ids}}.',
      preset_rule_invalid: 'The rule preset is incomplete: rule “{{rule}}”, field “{{field}}” is missing or not valid. Enter the number and try again.',
      estate_input_invalid: 'Estate “{{estate}}”: the value of “{{field}}” is not valid (a count or an area cannot be negative). Correct it and try again.',
      unknown_estate: 'The estates layer has no estate with the id “{{id}}”.',
      review_sheet_no_estates: 'The project has no estates, so there is no review sheet to write. Import an estates layer first.',
      estate_edit_invalid: 'Estate “{{estate}}”: the field “{{field}}” is not valid, so nothing was saved. Correct it and save again.',
      estate_edit_duplicate: 'The estate “{{id}}” appears twice in one change; nothing was saved.',
      estate_missing: 'The estate “{{id}}” is no longer in the project file (it may have been deleted in another window). The list has been read again; make the change again.',
      boundary_missing: 'The area “{{id}}” is no longer in the boundaries layer (it may have been replaced by an import). Run the analysis again and make the change again.',
      preset_bundled: '“{{id}}” is a bundled preset and cannot be changed. Copy it and edit the copy.',
      preset_in_use: 'The preset “{{id}}” is the one this project uses. Choose another preset first, then delete it.',
      print_format_unknown: 'Cannot tell the map’s format from “{{file}}”: name the file .pdf, .svg or .png.',
      print_paper_unknown: 'There is no paper “{{paper}}”. The papers are: {{papers}}.',
      print_orientation_unknown: 'There is no orientation “{{orientation}}”: choose portrait or landscape.',
      print_dpi_out_of_range: 'The resolution must be between {{min, number}} and {{max, number}} dpi, not {{dpi}}.',
      print_value_unknown: '“{{value}}” is not a choice for {{flag}}. The choices are: {{allowed}}.',
      print_analysis_flag_alone: 'The analysis setting {{flag}} applies only when the map shows an analysis: choose circle or network analysis too.',
      print_nothing_to_draw: 'There is nothing to print: the project has no population cells, facilities or boundaries. Import a layer first.',
      print_basemap_key_missing: 'The Tianditu basemap needs your key: enter it in Project → Settings, or print without a basemap.',
      print_basemap_not_configured: 'The project has no basemap configured: enter a tile basemap address in the settings, or print without a basemap.',
      print_basemap_not_xyz: 'The basemap “{{url}}” is not a tile address with {z}, {x} and {y}: a printed basemap needs an XYZ tile template.',
      print_basemap_unreachable: 'The basemap tiles cannot be fetched from {{host}} ({{detail}}). Nothing was written: check the connection, or print without a basemap.',
      print_basemap_tile_unreadable: 'A basemap tile from {{host}} cannot be read ({{format}}): only PNG tiles of 256 pixels are supported. Nothing was written.',
      print_basemap_atlas: 'An atlas is printed without a basemap: remove the basemap option.',
      print_atlas_level_missing: 'The boundaries have no units of level “{{level}}” for an atlas. Levels present: {{levels}}.',
      print_atlas_running: 'Another atlas is still being exported. Wait for it or cancel it first.',
      analysis_flag_wrong_mode: 'The setting {{flag}} does not apply to {{mode}} analysis. Remove it or switch the analysis mode.',
      analysis_flags_exclusive: 'Give {{flag}} or {{other}}, not both.',
      analysis_flag_needs: 'The setting {{flag}} applies together with {{needs}} only.',
      flag_value_invalid: 'The value “{{value}}” of {{flag}} is not valid. Enter a number within its limits.',
      unknown_facility_kind: 'There is no facility kind “{{kind}}”. The kinds are: {{kinds}}.',
    } satisfies Record<ErrorReason, string>,
    /** The basemap of Settings could not be shown (renderer/map/basemap.ts BasemapError). */
    basemap: {
      invalid: 'The basemap address “{{url}}” is not a web address. Correct it in Settings, or leave it empty to work offline.',
      notHttps: 'The basemap address must start with https:// (the app loads no other remote content): “{{url}}”. Correct it in Settings.',
      download:
        'The basemap could not be downloaded from “{{url}}”. Check the internet connection and the address in Settings, or leave it empty to work offline. The project layers are still drawn.',
      http: 'The basemap server answered with error {{status}} for “{{url}}”. Check the address in Settings; the project layers are still drawn.',
      notStyle:
        'The basemap address “{{url}}” is neither an XYZ tile template (with {z}/{x}/{y}) nor a MapLibre style (version 8). Correct it in Settings.',
    },
  },
} as const;

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
/** The message tree every language must provide. */
export type Messages = Widen<typeof en>;
