/**
 * The one contract between the renderer and its host (Electron main through the preload, or the
 * local HTTP host bound to 127.0.0.1). Each channel is named `domain:resource:verb` once, here;
 * main, preload, HTTP host and renderer client are all built from this table, and every input and
 * output is checked with its zod schema.
 */
import * as z from 'zod';
import type { CellCoverage, CoverageFigure } from '../engine/coverage_figure';
import { SNAPSHOT_PARTS, SNAPSHOT_VERSION_PATTERN } from '../snapshot/snapshot_codec';
import { AuditEntry, BOUNDARY_LEVELS, Estate, FacilityKind, ImportableLayer, LayerName, Proposal, Scenario } from '../schemas/entities';
import { limitedNumber, StudyAreaRefs } from '../settings/siting_settings';
import { DEFAULT_SETTINGS, Settings } from '../settings/settings_schema';
import { MISSING_INPUTS } from '../usecases/check_district';
import { ReviewSheet } from '../usecases/review_sheet';
import { ESTATE_CAUSES, ESTATE_MISSING_INPUTS } from '../usecases/review_estate';
import { Preset } from '../rules/rule';
import { ORIENTATIONS, PAPER_NAMES } from '../print/paper';
import { PRINT_LANGUAGES } from '../print/print_words';
import { PRINT_PURPOSES } from '../print/sheet';
import { PopulationNote } from '../import/population_note';
import { TABLE_COLUMN_KINDS } from '../tables/data_table';
import { FilePath, FileSource, ImportJobStatus, ImportOptions, ImportPreview, ImportReport } from './import_schemas';
import { ReplyError } from './reply_error';

export const SAMPLE_NAMES = ['wuhan-core'] as const;
export const SampleName = z.enum(SAMPLE_NAMES);
export type SampleName = z.infer<typeof SampleName>;

export const LayerCounts = z.record(LayerName, z.number().int().nonnegative());

export const ProjectInfo = z.object({
  path: z.string(),
  name: z.string(),
  schemaVersion: z.number().int(),
  counts: LayerCounts,
  /** Bounding box of all layers [west, south, east, north], null when the project is empty. */
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable(),
  /** Attribution lines of the data in the project (WorldPop, OSM, ...). */
  attributions: z.array(z.string()),
  /** Names of datasets in the project that are illustrative, not real. */
  illustrative: z.array(z.string()),
  /** What the population layer holds and where it came from, rewritten by every population import. */
  populationNote: PopulationNote.nullable().optional(),
});
export type ProjectInfo = z.infer<typeof ProjectInfo>;

/**
 * A change of the open project made by another program (the `siting` CLI, QGIS, a second window),
 * noticed by the host: layer counts before and after it, and whether any proposal changed
 * (then the undo history of proposal edits no longer applies to what is in the file).
 */
export const ExternalChange = z.object({
  /** Numbers the changes a host has noticed: 1, 2, … (never reused while the host runs). */
  seq: z.number().int().positive(),
  before: LayerCounts,
  after: LayerCounts,
  proposalsChanged: z.boolean(),
});
export type ExternalChange = z.infer<typeof ExternalChange>;

// The settings live in a module of their own (the project store loads them without this contract).
export { DEFAULT_SETTINGS, Settings };
// The import schemas live in a module of their own, by responsibility.
export * from './import_schemas';
export * from './reply_error';




/** The engine's CoverageFigure as it crosses the boundary (the schema must parse exactly that type). */
const CoverageFigureSchema = z.object({
  total: z.number(),
  covered: z.number(),
  ratio: z.number().nullable(),
}) satisfies z.ZodType<CoverageFigure>;

/** What a run limited to a study area says about it (shared/engine/areas/study_area.ts StudyAreaSummary). */
export const StudyAreaSummarySchema = z.object({
  ids: z.array(z.string()),
  names: z.array(z.string()),
  cellsInside: z.number().int(),
  cellsTotal: z.number().int(),
  population: z.number(),
  elderly: z.number(),
});

const StudyAreaChoice = z.object({ id: z.string(), name: z.string(), level: z.enum(BOUNDARY_LEVELS) });

/**
 * The project's study area (`study-area:get`, `study-area:set`): the areas chosen, those the
 * boundaries layer no longer has, every area one could choose, and the outline and box of the
 * chosen ones for the map (dim outside, zoom to it); outline null = the whole project.
 */
export const StudyAreaInfo = z.object({
  areaIds: z.array(z.string()),
  areas: z.array(StudyAreaChoice),
  missing: z.array(z.string()),
  choices: z.array(StudyAreaChoice),
  outline: z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(z.array(z.number())))) }).nullable(),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable(),
});
export type StudyAreaInfo = z.infer<typeof StudyAreaInfo>;

export const CoverageResult = z.object({
  population: CoverageFigureSchema,
  elderly: CoverageFigureSchema,
  cells: z.object({ total: z.number().int(), covered: z.number().int() }) satisfies z.ZodType<CellCoverage>,
  facilities: z.number().int(),
  radiusM: z.number(),
  kinds: z.array(FacilityKind),
  scenario: z.string().nullable(),
  /** The project's study area the figures are limited to; null or absent: the whole project. */
  studyArea: StudyAreaSummarySchema.nullable().optional(),
});
export type CoverageResult = z.infer<typeof CoverageResult>;

export const GeoJsonFeatureCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.union([z.number(), z.string()]).optional(),
      geometry: z.unknown(),
      properties: z.record(z.string(), z.unknown()),
    }),
  ),
});
export type GeoJsonFeatureCollection = z.infer<typeof GeoJsonFeatureCollection>;

export const EXPORT_FORMATS = ['geojson', 'csv', 'gpkg', 'kml'] as const;
export const ExportFormat = z.enum(EXPORT_FORMATS);

/**
 * What an analysis needs besides the project snapshot: the facilities that count (existing of the
 * kinds + the scenario's proposals) and, when asked, the boundaries. Small, so JSON; the population
 * grid and the roads travel once, as binary, over 'project:snapshot:get'.
 */
export const AnalysisInputs = z.object({
  facilities: z.array(
    z.object({ id: z.string(), name: z.string(), kind: FacilityKind, lon: z.number(), lat: z.number(), capacity: z.number().nullable(), origin: z.enum(['facility', 'proposal']) }),
  ),
  boundaries: z
    .array(z.object({ id: z.string(), name: z.string(), level: z.enum(BOUNDARY_LEVELS), urban: z.boolean().nullable(), geometry: z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(z.array(z.number())))) }) }))
    .nullable(),
});
export type AnalysisInputs = z.infer<typeof AnalysisInputs>;

const PresetRef = z.object({ id: z.string(), version: z.number().int() });
const maybeNumber = z.number().nullable();

/**
 * The estate review (`review:run`): what `siting review --json` prints, and the new estates' count
 * and how many of them comply (the summary's "share of new estates compliant").
 */
export const EstateReviewReply = z.object({
  preset: PresetRef,
  estates: z.array(
    z.object({
      id: z.string(),
      name: z.string().nullable(),
      verdict: z.enum(['compliant', 'non_compliant', 'incomplete']),
      checks: z.array(
        z.object({
          rule: z.string(),
          verdict: z.enum(['pass', 'fail', 'not_checkable', 'advisory', 'not_applicable']),
          required: maybeNumber,
          provided: maybeNumber,
          unit: z.enum(['m2', 'floor', 'm']).nullable(),
          reason: z.string().nullable(),
          method: z.enum(['network', 'straight_line']).optional(),
          missing: z.object({ input: z.enum(ESTATE_MISSING_INPUTS), params: z.record(z.string(), z.string()) }).optional(),
          because: z.object({ code: z.enum(ESTATE_CAUSES), params: z.record(z.string(), z.string()) }).optional(),
        }),
      ),
    }),
  ),
  summary: z.object({ estates: z.number().int(), compliant: z.number().int(), nonCompliant: z.number().int(), incomplete: z.number().int() }),
  newEstates: z.object({ estates: z.number().int(), compliant: z.number().int(), share: maybeNumber }),
});
export type EstateReviewReply = z.infer<typeof EstateReviewReply>;

/** The district compliance check (`compliance:check`): what `siting check --json` prints. */
export const ComplianceReply = z.object({
  preset: PresetRef,
  byArea: z.enum(BOUNDARY_LEVELS).optional(),
  checks: z.array(
    z.object({
      rule: z.string(),
      check: z.string(),
      scope: z.string(),
      group: z.string().optional(),
      value: maybeNumber,
      target: maybeNumber,
      targetMax: maybeNumber.optional(),
      gap: maybeNumber,
      unit: z.string(),
      verdict: z.enum(['pass', 'fail', 'not_checkable', 'advisory']),
      reason: z.string().optional(),
      missing: z.object({ input: z.enum(MISSING_INPUTS), params: z.record(z.string(), z.string()) }).optional(),
      failing: z.array(z.string()),
      /** The failing units' ids in the boundaries layer, aligned with failing. */
      failingIds: z.array(z.string()),
      note: z.string().optional(),
    }),
  ),
});
export type ComplianceReply = z.infer<typeof ComplianceReply>;

/**
 * The reviews stored in the project (`review:stored`): the latest review of each estate still in the
 * layer, as `review:run` answers, with each estate's preset and date, the newest review's date, the
 * presets used, how many estates have no review, and the latest change of the estates layer made
 * after a review it concerns (the audit log; null: none).
 */
export const StoredReviewReply = EstateReviewReply.extend({
  estates: z.array(EstateReviewReply.shape.estates.element.extend({ preset: PresetRef, reviewedAt: z.string() })),
  reviewedAt: z.string(),
  presets: z.array(PresetRef),
  unreviewed: z.number().int(),
  estatesChangedAt: z.string().nullable(),
});
export type StoredReviewReply = z.infer<typeof StoredReviewReply>;

export const REVIEW_EXPORT_FORMATS = ['csv', 'xlsx'] as const;

/** A version of a snapshot part as the host gave it (shared/snapshot/snapshot_codec.ts). */
const SnapshotVersion = z.string().regex(SNAPSHOT_VERSION_PATTERN, 'a snapshot version is 1–24 printable ASCII characters');

/**
 * A request for the project snapshot: the parts wanted, and the version of each the caller holds
 * (that part then comes back marked unchanged, without its data).
 */
export const SnapshotRequest = z
  .object({
    parts: z.array(z.enum(SNAPSHOT_PARTS)).min(1).max(SNAPSHOT_PARTS.length),
    have: z.object({ grid: SnapshotVersion.optional(), roads: SnapshotVersion.optional() }).strict().default({}),
  })
  .strict();
export type SnapshotRequest = z.output<typeof SnapshotRequest>;

/**
 * The options of one map sheet (选址图) as `siting map` takes them (electron/services/print/map_export.ts):
 * the app's print panel sends them to `map:preview` and `map:export`. Bounded: titles and notes are a
 * line of text, the dpi is one of the panel's.
 */
export const MAP_DPIS = [150, 300] as const;
/** Thresholds of a map's analysis at most (the analysis panel's travel classes). */
export const MAP_ANALYSIS_THRESHOLDS = 7;
/**
 * The analysis a map shows: the main settings of `siting analyze` (circle radii; on the walking network
 * times or distances, the speed, the cost of steps and the snap distance), each within its limit (shared/settings/siting_settings.ts); the
 * rest take their defaults (shared/settings/analysis_defaults.ts), as on the command line.
 */
export const MapAnalysis = z
  .object({
    mode: z.enum(['circle', 'network']),
    radiiM: z.array(limitedNumber('radiusM')).min(1).max(MAP_ANALYSIS_THRESHOLDS).optional(),
    minutes: z.array(limitedNumber('minutes')).min(1).max(MAP_ANALYSIS_THRESHOLDS).optional(),
    networkM: z.array(limitedNumber('networkM')).min(1).max(MAP_ANALYSIS_THRESHOLDS).optional(),
    speedMps: limitedNumber('speedMps').optional(),
    stepsFactor: limitedNumber('stepsFactor').optional(),
    maxSnapM: limitedNumber('maxSnapM').optional(),
  })
  .strict()
  .refine((analysis) => analysis.mode === 'network' || [analysis.minutes, analysis.networkM, analysis.speedMps, analysis.stepsFactor, analysis.maxSnapM].every((value) => value === undefined), {
    message: 'walking times, network distances, the speed, steps and snap distance are for the network analysis',
  })
  .refine((analysis) => analysis.mode === 'circle' ? true : analysis.radiiM === undefined && !(analysis.minutes && analysis.networkM), {
    message: 'the network analysis takes walking times or network distances, not radii',
  });
export type MapAnalysis = z.infer<typeof MapAnalysis>;
export const MapOptions = z
  .object({
    paper: z.enum(PAPER_NAMES).optional(),
    orientation: z.enum(ORIENTATIONS).optional(),
    /** Without it, the default title of the project (printWords().defaultTitle). */
    title: z.string().max(200).optional(),
    subtitle: z.string().max(200).optional(),
    scenario: z.string().min(1).max(200).optional(),
    /** The analysis drawn (service circles or areas, gaps); none when absent. */
    analysis: MapAnalysis.optional(),
    /** The facility kinds that count (with a scenario or an analysis); the default kinds when absent. */
    kinds: z.array(FacilityKind).min(1).max(FacilityKind.options.length).optional(),
    dpi: z.union([z.literal(MAP_DPIS[0]), z.literal(MAP_DPIS[1])]).optional(),
    purpose: z.enum(PRINT_PURPOSES).optional(),
    /** The map-review number (审图号) of a public map. */
    reviewNumber: z.string().max(100).optional(),
    author: z.string().max(200).optional(),
    language: z.enum(PRINT_LANGUAGES).optional(),
    /** YYYY-MM-DD; today on the host when absent. */
    mapDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
    /**
     * The project's tile basemap (Settings.basemapUrl) under the exported map, its tiles in this
     * system ('gcj02' for AutoNavi); the preview stays without it (no tiles fetched on every redraw).
     */
    basemap: z.enum(['wgs84', 'gcj02']).optional(),
  })
  .strict();
export type MapOptions = z.infer<typeof MapOptions>;
export const MAP_EXPORT_FORMATS = ['pdf', 'png', 'svg'] as const;
/** The page facts of `siting map --json` (shared/print/sheet.ts SheetPage). */
export const MapPage = z.object({
  paperMm: z.tuple([z.number(), z.number()]),
  mapFrameMm: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  crs: z.string(),
  extent: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  scaleDenominator: z.number(),
  title: z.string(),
});
export type MapPage = z.infer<typeof MapPage>;
/** Widest preview image the host draws, pixels (the app's preview at screen resolution). */
export const MAP_PREVIEW_MAX_PX = 4096;
/** The page of an atlas the preview shows: unit `unit` (0 = the first) of boundary level `level`. */
export const MapAtlasPage = z.object({ level: z.enum(BOUNDARY_LEVELS), unit: z.number().int().min(0).max(100_000) }).strict();
/**
 * An atlas export running in the host ('map:atlas:start'), as 'map:atlas:status' reports it: pages
 * drawn so far of all (`page` of `pages`), then the file written ('writing'). 'map:atlas:cancel'
 * stops it before the next page or before the file is written: nothing is written, the state
 * becomes 'cancelled'.
 */
export const MapAtlasJob = z.object({
  jobId: z.string(),
  level: z.enum(BOUNDARY_LEVELS),
  state: z.enum(['running', 'done', 'cancelled', 'failed']),
  phase: z.enum(['drawing', 'writing']),
  page: z.number().int(),
  pages: z.number().int(),
  cancelRequested: z.boolean(),
  error: ReplyError.nullable(),
  /** When done: the PDF written to the path, or its content (base64) for a download. */
  file: z.object({ name: z.string(), path: z.string().nullable(), content: z.string().nullable(), contentEncoding: z.literal('base64') }).nullable(),
});
export type MapAtlasJob = z.infer<typeof MapAtlasJob>;

const none = z.object({}).strict();

/** Estates one `estates:apply` may put or delete (an undo of a whole edit stays far below). */
export const MAX_ESTATE_EDITS = 1000;
/**
 * An estate as `estates:apply` accepts it: bounded in size here (id, name, care rooms), checked
 * against Estate by the store so that a bad field is refused with the estate and the field named.
 */
const EstateEdit = z.looseObject({
  id: z.string().min(1).max(200),
  name: z.string().max(500),
  source: z.string().max(2000).nullable().optional(),
  careRooms: z.array(z.unknown()).max(100).nullable().optional(),
});

/**
 * The user's own preferences, kept in the user's config folder for every project (not in a project
 * file): the UI language ('auto' follows the system) and the key of the Tianditu (天地图) basemap.
 */
export const UserPreferences = z.object({
  language: Settings.shape.language,
  /** The user's Tianditu key ('' = none): filled into the basemap's tile addresses, never saved in a project. */
  tiandituKey: z.string().max(64).regex(/^[A-Za-z0-9]*$/),
});
export type UserPreferences = z.infer<typeof UserPreferences>;
export const DEFAULT_USER_PREFERENCES: UserPreferences = { language: 'auto', tiandituKey: '' };
/** Rows a `table:export` may carry (far above the boundaries of a city: streets, communities, villages). */
export const MAX_TABLE_ROWS = 200_000;
/**
 * A table the app shows, to be written as CSV or XLSX (shared/tables/data_table.ts): the rows must be
 * as wide as the columns.
 */
export const TableExport = z
  .object({
    sheet: z.string().min(1).max(100),
    columns: z.array(z.object({ key: z.string().min(1).max(100), title: z.string().max(300), kind: z.enum(TABLE_COLUMN_KINDS) }).strict()).min(1).max(200),
    rows: z.array(z.array(z.union([z.string().max(2000), z.number(), z.null()])).max(200)).max(MAX_TABLE_ROWS),
  })
  .strict()
  .superRefine((table, context) => {
    const width = table.columns.length;
    const row = table.rows.findIndex((cells) => cells.length !== width);
    if (row >= 0) context.addIssue({ code: 'custom', path: ['rows', row], message: `row ${row + 1} has ${table.rows[row].length} cells for ${width} columns` });
  });
/** A file name without folders or characters Windows refuses. */
const BareFileName = z.string().min(1).max(120).regex(/^[^/\\:*?"<>|\u0000-\u001f]+$/, 'a file name without folders');
/** One area's urban/rural flag as `boundaries:urban:set` edits it (null: unknown). */
export const BoundaryUrban = z.object({ id: z.string().min(1).max(200), urban: z.boolean().nullable() }).strict();
export type BoundaryUrban = z.infer<typeof BoundaryUrban>;

/** The channel table. Inputs are parsed before a handler runs; outputs are parsed before they leave. */
export const contract = {
  'app:info:get': {
    input: none,
    output: z.object({
      version: z.string(),
      host: z.enum(['electron', 'browser']),
      dialogs: z.boolean(),
      /**
       * Folders project files must be in (the browser host: electron/host/browser_file_access.ts);
       * a bare file name goes into the first. null: any path (the desktop app).
       */
      projectFolders: z.array(z.string()).nullable(),
    }),
  },
  'project:current:get': { input: none, output: ProjectInfo.nullable() },
  'project:create': {
    input: z.object({ path: FilePath, sample: SampleName.optional(), force: z.boolean().optional() }),
    output: ProjectInfo,
  },
  'project:open': { input: z.object({ path: FilePath }), output: ProjectInfo },
  'project:save-as': { input: z.object({ path: FilePath, force: z.boolean().optional() }), output: ProjectInfo },
  'project:recent:list': { input: none, output: z.array(z.string()) },
  /**
   * Changes of the open project by other programs noticed since `since` (the `seq` of an earlier
   * answer; without it, none: a renderer that has just loaded starts from the current state). The
   * renderer polls it; every other channel checks for such changes too before it reads.
   */
  'project:changes:get': {
    input: z.object({ since: z.number().int().nonnegative().optional() }),
    output: z.object({ seq: z.number().int().nonnegative(), changes: z.array(ExternalChange) }),
  },
  'settings:get': { input: none, output: Settings },
  /** The project's study area with the areas one can choose, its outline and box (for the map's dimming outside it). */
  'study-area:get': { input: none, output: StudyAreaInfo },
  /** Sets the study area (ids of boundary areas, [] = the whole project), checked against the boundaries layer. */
  'study-area:set': { input: z.object({ areaIds: StudyAreaRefs }).strict(), output: StudyAreaInfo },
  /**
   * Where suggested sites are, for their names (shared/usecases/site_names.ts): the nearest named road
   * of the roads layer within 250 m and the finest boundary area holding each site; the app words them.
   */
  'suggestion:site-places': {
    input: z.object({ sites: z.array(z.object({ lon: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) })).max(10_000) }).strict(),
    output: z.object({ places: z.array(z.object({ road: z.string().nullable(), roadEn: z.string().nullable(), area: z.string().nullable() })) }),
  },
  /** Project fids of the population cells inside the study area (centre inside); null = the whole project. */
  'study-area:cells': { input: none, output: z.object({ fids: z.array(z.number().int()).nullable() }) },
  'settings:set': { input: Settings.partial(), output: Settings },
  /** The user's preferences (electron/services/user_preferences.ts), the same whichever project is open. */
  'app:preferences:get': { input: none, output: UserPreferences },
  'app:preferences:set': { input: UserPreferences.partial().strict(), output: UserPreferences },
  'layer:features:list': {
    input: z.object({ layer: LayerName, scenario: z.string().optional() }),
    output: GeoJsonFeatureCollection,
  },
  /** An import start to finish in one call (no progress, no cancel): the CLI-like path. */
  'layer:import': {
    input: z.object({ layer: ImportableLayer, file: FileSource, options: ImportOptions.default({}) }),
    output: ImportReport,
  },
  /** Starts an import and answers at once; one import runs at a time. */
  'layer:import:start': {
    input: z.object({ layer: ImportableLayer, file: FileSource, options: ImportOptions.default({}) }),
    output: ImportJobStatus,
  },
  'layer:import:status': { input: z.object({ jobId: z.string().min(1) }), output: ImportJobStatus },
  /** Asks the import to stop; answers with its status (poll 'layer:import:status' until it has ended). */
  'layer:import:cancel': { input: z.object({ jobId: z.string().min(1) }), output: ImportJobStatus },
  'layer:export': {
    input: z.object({
      layer: LayerName,
      format: ExportFormat,
      path: FilePath.optional(),
      /** Target coordinate system (EPSG:<code>, gcj02 …); default WGS84. */
      crs: z.string().optional(),
      scenario: z.string().optional(),
    }),
    /**
     * With a path the file is written there; without one its content comes back (browser download):
     * text for GeoJSON/CSV/KML, base64 for GeoPackage.
     */
    output: z.object({
      name: z.string(),
      path: z.string().nullable(),
      content: z.string().nullable(),
      contentEncoding: z.enum(['utf8', 'base64']),
      count: z.number().int(),
      crs: z.string(),
    }),
  },
  /** What an import would read — first rows, column types, field mapping, CRS — before importing. */
  'layer:import:preview': {
    input: z.object({ layer: ImportableLayer, file: FileSource, options: ImportOptions.default({}) }),
    output: ImportPreview,
  },
  'analysis:coverage:run': {
    input: z.object({
      radiusM: z.number().positive().max(100_000),
      kinds: z.array(FacilityKind).min(1).optional(),
      scenario: z.string().optional(),
    }),
    output: CoverageResult.extend({
      uncoveredFids: z.array(z.number().int()),
      /** False when no cell has a total population (the total was not imported): no "0 / 0" figure then. */
      populationImported: z.boolean().optional(),
    }),
  },
  'analysis:inputs:get': {
    input: z.object({
      kinds: z.array(FacilityKind).min(1).optional(),
      scenario: z.string().optional(),
      boundaries: z.boolean().optional(),
    }),
    output: AnalysisInputs,
  },
  /**
   * The project snapshot (population grid, roads) as the bytes of shared/snapshot/snapshot_codec.ts:
   * a Uint8Array over Electron IPC, an application/octet-stream body over HTTP.
   */
  'project:snapshot:get': { input: SnapshotRequest, output: z.instanceof(Uint8Array) },
  /**
   * Reviews the project's estates (or the ones named) against a preset (default: the project's
   * `rulesPreset`) and stores the reviews, as `siting review` does.
   */
  'review:run': {
    input: z
      .object({
        preset: z.string().min(1).max(100).optional(),
        estates: z.array(z.string().min(1).max(200)).max(100_000).optional(),
        /** Add to each check what it lacks and why it fails as codes (`missing`, `because`) for the app to say in its language; without it the checks are exactly the CLI's. */
        codes: z.boolean().optional(),
      })
      .strict(),
    output: EstateReviewReply,
  },
  /** The review sheet (审查意见表) of one estate: reviewed as `review:run` reviews it, nothing written (shared/usecases/review_sheet.ts). */
  'review:sheet:get': {
    input: z.object({ estate: z.string().min(1).max(200), preset: z.string().min(1).max(100).optional() }).strict(),
    output: ReviewSheet,
  },
  /**
   * The review sheet of one estate as an A4 vector PDF through the print pipeline (the same content as
   * `review:sheet:get`, in `language`): written to `path` when given (the save dialog's), else its bytes
   * come back base64-encoded (browser download). Nothing is stored in the project.
   */
  'review:sheet:pdf': {
    input: z.object({ estate: z.string().min(1).max(200), preset: z.string().min(1).max(100).optional(), language: z.enum(['zh', 'en']), path: FilePath.optional() }).strict(),
    output: z.object({ name: z.string(), path: z.string().nullable(), content: z.string().nullable(), contentEncoding: z.literal('base64'), pages: z.number().int() }),
  },
  /** The bundled rule presets and the project's edited copies (as `siting presets` lists them). */
  'presets:list': { input: none, output: z.object({ bundled: z.array(Preset), edited: z.array(Preset) }) },
  /**
   * Stores an edited copy in the project (checked against the preset schema, so a missing number is
   * refused naming the rule and field): version 1 when new, else the stored version + 1.
   */
  'presets:save': { input: z.object({ preset: z.record(z.string(), z.unknown()) }).strict(), output: Preset },
  /** Deletes an edited copy (refused for the one the project uses: reason preset_in_use). */
  'presets:delete': { input: z.object({ id: z.string().min(1).max(100) }).strict(), output: z.object({ id: z.string() }) },
  /** Checks the district rules of a preset over the project (and per boundary area of a level), as `siting check` does. */
  'compliance:check': {
    input: z.object({ preset: z.string().min(1).max(100).optional(), byArea: z.enum(BOUNDARY_LEVELS).optional() }).strict(),
    output: ComplianceReply,
  },
  /** The latest stored review of each estate (after reopening a project); null when there is none. */
  'review:stored': { input: none, output: StoredReviewReply.nullable() },
  /**
   * The stored reviews (latest per estate, with the date) as CSV or XLSX: written to `path` when given
   * (the save dialog's), else their content comes back (browser download): text for CSV, base64 for XLSX.
   */
  'review:export': {
    input: z.object({ format: z.enum(REVIEW_EXPORT_FORMATS), path: FilePath.optional() }).strict(),
    output: z.object({
      name: z.string(),
      path: z.string().nullable(),
      content: z.string().nullable(),
      contentEncoding: z.enum(['utf8', 'base64']),
      estates: z.number().int(),
      rows: z.number().int(),
    }),
  },
  /**
   * The map sheet for `options` as the SVG `siting map --out map.svg` writes (the app's preview: the
   * same drawing as every output), with its page facts and warnings (e.g. a public map without 审图号).
   */
  'map:preview': {
    input: z
      .object({
        options: MapOptions,
        /** An atlas page instead of the whole map. */
        atlas: MapAtlasPage.optional(),
        /** Also the page as PNG this many pixels wide, drawn by resvg with the print fonts (what PNG export draws). */
        pngWidthPx: z.number().int().min(100).max(MAP_PREVIEW_MAX_PX).optional(),
      })
      .strict(),
    output: z.object({ svg: z.string(), png: z.string().nullable(), page: MapPage, warnings: z.array(z.string()) }),
  },
  /** The boundary levels an atlas can be made of, with the names of their units in page order. */
  'map:atlas:levels': { input: none, output: z.array(z.object({ level: z.enum(BOUNDARY_LEVELS), units: z.array(z.string()) })) },
  /**
   * Starts an atlas export (one page per unit of `level`, one multi-page PDF) and answers at once
   * with the job; written to `path` when given (the save dialog's), else the status brings its content.
   */
  'map:atlas:start': {
    input: z.object({ options: MapOptions, level: z.enum(BOUNDARY_LEVELS), path: FilePath.optional() }).strict(),
    output: MapAtlasJob,
  },
  'map:atlas:status': { input: z.object({ jobId: z.string().min(1).max(100) }).strict(), output: MapAtlasJob },
  /** Asks the atlas export to stop; answers with its status (poll 'map:atlas:status' until it has ended). */
  'map:atlas:cancel': { input: z.object({ jobId: z.string().min(1).max(100) }).strict(), output: MapAtlasJob },
  /**
   * The map sheet written as PDF, PNG (+ world file) or SVG: to `path` when given (the save dialog's),
   * else its content comes back (browser download): base64 for PDF and PNG, text for SVG and the world file.
   */
  'map:export': {
    input: z.object({ options: MapOptions, format: z.enum(MAP_EXPORT_FORMATS), path: FilePath.optional() }).strict(),
    output: z.object({
      name: z.string(),
      path: z.string().nullable(),
      content: z.string().nullable(),
      contentEncoding: z.enum(['utf8', 'base64']),
      /** The PNG's world file (.pgw): written beside it, or its text for a download; null for PDF and SVG. */
      worldFile: z.object({ name: z.string(), path: z.string().nullable(), content: z.string().nullable() }).nullable(),
      page: MapPage,
      warnings: z.array(z.string()),
    }),
  },
  'scenario:list': { input: none, output: z.array(Scenario) },
  'scenario:create': { input: z.object({ name: z.string().min(1).max(200), description: z.string().max(2000).optional() }), output: Scenario },
  /**
   * A new scenario with its proposals (an optimiser's suggested sites) in one transaction: all or
   * nothing. Proposal n gets the id `<scenario id>-<n>` (suffixed when taken).
   */
  'scenario:create-with-proposals': {
    input: z.object({
      name: z.string().min(1).max(200),
      description: z.string().max(2000).optional(),
      proposals: z.array(Proposal.omit({ id: true, scenarioId: true })).min(1),
    }),
    output: z.object({ scenario: Scenario, proposals: z.array(Proposal) }),
  },
  'scenario:duplicate': { input: z.object({ scenario: z.string().min(1), name: z.string().min(1).max(200) }), output: Scenario },
  'scenario:rename': { input: z.object({ scenario: z.string().min(1), name: z.string().min(1).max(200) }), output: Scenario },
  'scenario:delete': { input: z.object({ scenario: z.string().min(1) }), output: z.object({ id: z.string(), proposalsDeleted: z.number().int() }) },
  'scenario:set-plan': { input: z.object({ scenario: z.string().min(1) }), output: Scenario },
  'proposals:list': { input: z.object({ scenario: z.string().min(1) }), output: z.array(Proposal) },
  /** Adds new proposals (e.g. the sites the optimiser suggests). */
  'proposals:add': { input: z.object({ proposals: z.array(Proposal).min(1) }), output: z.object({ count: z.number().int() }) },
  /**
   * One edit of proposals: puts (insert or replace by id) and deletes, in one transaction with an audit
   * entry each. The reply says what was replaced, so the renderer can push the inverse on its undo stack.
   */
  'proposals:apply': {
    input: z.object({ put: z.array(Proposal), delete: z.array(z.string().min(1)), action: z.string().max(100).optional() }),
    output: z.object({ replaced: z.array(Proposal.nullable()), deleted: z.array(Proposal), after: z.array(Proposal) }),
  },
  'audit:list': { input: z.object({ limit: z.number().int().min(1).max(10_000).default(100) }), output: z.array(AuditEntry) },
  'dialog:file:open': {
    input: z.object({ purpose: z.enum(['project', 'import']) }),
    output: z.object({ path: z.string().nullable() }),
  },
  'dialog:file:save': {
    input: z.object({ purpose: z.enum(['project', 'export']), defaultName: z.string().optional() }),
    output: z.object({ path: z.string().nullable() }),
  },
  /** The estates layer as Estate records (what the estate editor edits), in layer order. */
  'estates:list': { input: none, output: z.array(Estate) },
  /**
   * One edit of estates made in the app: puts (insert or replace by id) and deletes in one
   * transaction, an audit entry each. Each put is checked against Estate by the store, which names
   * the estate and the field (reason estate_edit_invalid); here only its size is bounded. The reply
   * says what was replaced, so the renderer can push the inverse on its undo stack.
   */
  'estates:apply': {
    input: z
      .object({
        put: z.array(EstateEdit).max(MAX_ESTATE_EDITS),
        delete: z.array(z.string().min(1).max(200)).max(MAX_ESTATE_EDITS),
        action: z.string().max(100).optional(),
      })
      .strict(),
    output: z.object({ replaced: z.array(Estate.nullable()), deleted: z.array(Estate), after: z.array(Estate) }),
  },
  /**
   * A table the app shows (the per-area table) as CSV or XLSX: written to `path` when given (the save
   * dialog's), else its content comes back (browser download; `name` + the format's extension): text
   * for CSV, base64 for XLSX.
   */
  'table:export': {
    input: z.object({ format: z.enum(REVIEW_EXPORT_FORMATS), name: BareFileName, path: FilePath.optional(), table: TableExport }).strict(),
    output: z.object({
      name: z.string(),
      path: z.string().nullable(),
      content: z.string().nullable(),
      contentEncoding: z.enum(['utf8', 'base64']),
      rows: z.number().int(),
    }),
  },
  /**
   * Sets the urban/rural flag of boundary areas (the layer's `urban` field) in one transaction, an
   * audit entry each; says what each was before, so that the app can undo it (edit_history.ts). An
   * unknown id refuses the whole change (reason boundary_missing).
   */
  'boundaries:urban:set': {
    // every area shown at once (a city's communities and villages): one UPDATE per area, one transaction
    input: z.object({ put: z.array(BoundaryUrban).min(1).max(MAX_TABLE_ROWS), action: z.string().max(100).optional() }).strict(),
    output: z.object({ replaced: z.array(BoundaryUrban.nullable()), deleted: z.array(BoundaryUrban), after: z.array(BoundaryUrban) }),
  },
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export const CHANNELS = Object.keys(contract) as Channel[];
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ChannelParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;

export type Reply<T> = { ok: true; value: T } | { ok: false; error: ReplyError };

/** Handlers for every channel, as implemented by the host's services. */
export type Handlers = { [C in Channel]: (input: ChannelParsedInput<C>) => Promise<ChannelOutput<C>> };

/** The API the renderer sees: one typed function per channel. */
export type Api = { [C in Channel]: (input: ChannelInput<C>) => Promise<ChannelOutput<C>> };

export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/** Actions of the desktop app menu. Project actions run in main; the rest are forwarded to the renderer. */
export const MenuAction = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('new') }),
  z.object({ kind: z.literal('new-sample'), sample: SampleName }),
  z.object({ kind: z.literal('open') }),
  z.object({ kind: z.literal('open-path'), path: z.string() }),
  z.object({ kind: z.literal('save-as') }),
  z.object({ kind: z.literal('import') }),
  z.object({ kind: z.literal('export') }),
  /** Edit → Undo/Redo: the renderer undoes the workspace edit, or the text edit when a text field has focus. */
  z.object({ kind: z.literal('undo') }),
  z.object({ kind: z.literal('redo') }),
]);
export type MenuAction = z.infer<typeof MenuAction>;

/** One-way events from the host to the renderer (Electron only; the browser host has no menu). */
export const events = {
  'app:menu:action': MenuAction,
  /** The open project changed (opened, created, saved as) from outside the renderer. */
  'project:changed': ProjectInfo.nullable(),
} as const;
export type EventName = keyof typeof events;
export const EVENT_NAMES = Object.keys(events) as EventName[];
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;
/** Prefix of the IPC channel that carries an event (keeps events apart from request channels). */
export const EVENTS_CHANNEL_PREFIX = 'event:';
