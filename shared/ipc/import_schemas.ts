/**
 * The import schemas of the contract (shared/ipc/contract.ts re-exports them): file sources and
 * paths, import options, the preview, the report and the job status of one import.
 */
import * as z from 'zod';
import { FacilityKind, ImportableLayer } from '../schemas/entities';
import { ReplyError } from './reply_error';
import { FacilityKindMap, FacilityKindTarget } from '../schemas/facility_kind_map';
import { CRS_REASON_CODES } from '../geodesy/crs_guess';
import { RasterFields } from '../import/raster_fields';

/**
 * A path on the host's machine. A NUL character is refused: the C library (SQLite's open, for one)
 * would end the name there, so "a\u0000.gpkg" would create "a".
 */
export const FilePath = z
  .string()
  .min(1)
  .refine((path) => !path.includes('\u0000'), { message: 'a file path cannot contain a NUL character' });

const UploadedFile = z.object({ name: z.string().min(1), dataBase64: z.string() });
/**
 * A file handed to the host: a path on this machine (Electron, CLI), its bytes (browser), or several
 * uploaded files that belong together (a shapefile's .shp/.dbf/.shx/.prj/.cpg).
 */
export const FileSource = z.union([
  z.object({ path: FilePath }),
  UploadedFile,
  z.object({ files: z.array(UploadedFile).min(1) }),
]);
export type FileSource = z.infer<typeof FileSource>;

export const ImportOptions = z.object({
  /** EPSG:<code>, wgs84, cgcs2000 ... ; default from the file, else WGS84. */
  crs: z.string().optional(),
  /** target field -> source column */
  map: z.record(z.string(), z.string()).optional(),
  /**
   * GeoTIFF population: count -> the files (and bands) summed into it, one grid for all
   * (shared/import/raster_fields.ts); counts left out are not imported. Takes the place of `map`.
   */
  fields: RasterFields.optional(),
  /** Facility kind for rows without a kind column. */
  kind: FacilityKind.optional(),
  /** Replace the layer's features instead of appending. */
  replace: z.boolean().optional(),
  /**
   * Add to the layer's features, said explicitly. Needed for a population layer that already has
   * cells (otherwise the import is refused: the same grid twice doubles every count); cells whose
   * cell_id is already in the layer are refused. Other layers always add (ids must be new).
   */
  append: z.boolean().optional(),
  /** Text encoding override (utf-8, gbk); default detected. */
  encoding: z.string().optional(),
  /** Mark imported records illustrative (made-up examples). */
  illustrative: z.boolean().optional(),
  /** Layer (table) to read from a multi-layer source such as a GeoPackage or KML with folders. */
  sourceLayer: z.string().optional(),
  /** Swap the two coordinate columns (lat/lon given as lon/lat). */
  swapAxes: z.boolean().optional(),
  /** Sheet of a workbook (XLSX); default the first. */
  sheet: z.string().optional(),
  /**
   * Facility kinds: source value of the kind column → kind or "skip" (shared/schemas/facility_kind_map.ts);
   * values not in it take the project's remembered mapping, then the built-in synonyms.
   */
  kindMap: FacilityKindMap.optional(),
}).refine((options) => !(options.replace && options.append), {
  message: 'replace and append exclude each other: replace deletes the features already in the layer, append keeps them',
  path: ['append'],
});
export type ImportOptions = z.infer<typeof ImportOptions>;

/**
 * A row or a group of rows an import left out: the English reason (CLI), how many rows it stands for
 * (default 1) and, when the UI says it in its own words, a code with its params.
 */
export const SkippedEntry = z.object({
  row: z.number().int().optional(),
  reason: z.string(),
  count: z.number().int().nonnegative().optional(),
  code: z.enum(['blank_rows', 'raster_nodata', 'kind_skipped']).optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type SkippedEntry = z.infer<typeof SkippedEntry>;

const KindValueSummarySchema = z.object({
  value: z.string(),
  count: z.number().int().nonnegative(),
  kind: FacilityKindTarget.nullable(),
  source: z.enum(['map', 'remembered', 'synonym', 'default', 'none']),
  synonym: FacilityKind.nullable(),
  first: z.number().int().optional(),
});

export const ImportReport = z.object({
  layer: ImportableLayer,
  file: z.string(),
  format: z.string(),
  imported: z.number().int().nonnegative(),
  skipped: z.array(SkippedEntry),
  skippedCount: z.number().int().nonnegative(),
  /** Every file read (the UI names them in its language; `file` is the CLI's wording). */
  files: z.array(z.string()).optional(),
  /** Facilities: each distinct value of the kind column, its rows and the kind they got. */
  kinds: z.array(KindValueSummarySchema).optional(),
  detected: z.object({
    crs: z.string().nullable(),
    encoding: z.string().nullable(),
    columns: z.array(z.string()),
    mapping: z.record(z.string(), z.string()),
    /** Layers of a multi-layer source (GeoPackage tables, KML folders, workbook sheets). */
    sourceLayers: z.array(z.string()).optional(),
    /** Warnings worth showing (e.g. coordinates that look like swapped lon/lat). */
    warnings: z.array(z.string()).optional(),
  }),
});
export type ImportReport = z.infer<typeof ImportReport>;

/**
 * Largest upload (all files of one import together) the browser host accepts. Uploads travel as
 * base64 in a JSON body, 4/3 of their size: 380 MB becomes 507 MB of text, just below the longest
 * string V8 can hold (2^29 − 24 characters, Node's buffer.constants.MAX_STRING_LENGTH), with room
 * for the rest of the request. Files opened by path (desktop app, CLI) may be up to 1 GB.
 */
export const MAX_UPLOAD_BYTES = 380 * 1024 * 1024;

export const IMPORT_JOB_STATES = ['running', 'done', 'failed', 'cancelled'] as const;
export const IMPORT_PHASES = ['reading', 'parsing', 'writing'] as const;

/**
 * An import running in the host ('layer:import:start'), as 'layer:import:status' reports it: reading
 * the files, parsing and checking every record, then writing them all in one transaction. Cancel
 * ('layer:import:cancel') aborts it at the next step of either phase and nothing is written; the
 * state then becomes 'cancelled'. A job that had already committed ends 'done' with its report.
 */
export const ImportJobStatus = z.object({
  jobId: z.string(),
  layer: ImportableLayer,
  state: z.enum(IMPORT_JOB_STATES),
  phase: z.enum(IMPORT_PHASES),
  /** Fraction of the whole import done, 0..1 (parsing is the first 60 %, writing the rest). */
  progress: z.number().min(0).max(1),
  /** True once a cancel was asked for. */
  cancelRequested: z.boolean(),
  /** Milliseconds since the job started (until it ended). */
  elapsedMs: z.number().nonnegative(),
  /** The import's report (state 'done'). */
  report: ImportReport.nullable(),
  /** Why it failed (state 'failed'); code 'bad_input' for bad files, with their location in details. */
  error: ReplyError.nullable(),
});
export type ImportJobStatus = z.infer<typeof ImportJobStatus>;

export const ImportPreview = z.object({
  layer: ImportableLayer,
  file: z.string(),
  format: z.string(),
  crs: z.string().nullable(),
  /** True when the CRS comes from the user or the file; false when WGS84 is only assumed. */
  crsDeclared: z.boolean(),
  encoding: z.string().nullable(),
  sourceLayers: z.array(z.string()).optional(),
  warnings: z.array(z.string()),
  rowCount: z.number().int(),
  columns: z.array(z.object({ name: z.string(), type: z.enum(['number', 'boolean', 'text', 'empty', 'mixed']), filled: z.number(), field: z.string().nullable() })),
  rows: z.array(z.record(z.string(), z.unknown())),
  fields: z.array(z.object({ field: z.string(), description: z.string(), unit: z.string().nullable(), column: z.string().nullable() })),
  unmappedColumns: z.array(z.string()),
  missing: z.array(z.string()),
  crsSuggestions: z.array(
    z.object({
      crs: z.string().nullable(),
      swapAxes: z.boolean(),
      confidence: z.enum(['high', 'medium', 'low']),
      reason: z.string(),
      /** Why, as a code the UI translates (shared/geodesy/crs_guess.ts CRS_REASON_CODES), with its params. */
      reasonCode: z.enum(CRS_REASON_CODES).optional(),
      reasonParams: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
      suggestedCodes: z.array(z.number()).readonly(),
    }),
  ),
  /** Facilities with a kind column: every distinct value over all rows, its count and the kind it maps to. */
  kindValues: z.array(KindValueSummarySchema).optional(),
  /** The facility-kind mapping remembered in this project (applied by the host as the default). */
  rememberedKindMap: FacilityKindMap.nullable().optional(),
  geometryTypes: z.record(z.string(), z.number()).optional(),
  /** The column mapping used the last time this layer was imported into this project. */
  rememberedMap: z.record(z.string(), z.string()).nullable(),
  /** GeoTIFFs: each file's name and band count, in the order given (for the raster fields step). */
  rasters: z.array(z.object({ name: z.string(), bandCount: z.number().int().positive() })).optional(),
});
export type ImportPreview = z.infer<typeof ImportPreview>;
