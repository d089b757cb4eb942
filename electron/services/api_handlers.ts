/**
 * Implementation of every contract channel over a ProjectSession. Hosts (Electron main, the local HTTP
 * host) add only what is theirs: native dialogs and the host name.
 */
import { basename } from 'node:path';
import type { Channel, FileSource, Handlers, ImportJobStatus, ImportOptions } from '../../shared/ipc/contract';
import type { ErrorCause, ErrorParamValue, ErrorReason } from '../../shared/errors';
import type { ImportableLayer } from '../../shared/schemas/entities';
import { DEFAULTS } from '../../shared/settings/siting_settings';
import { runCoverage, uncoveredFids } from './coverage_analysis';
import { resolveStudyAreaIds, setStudyArea, studyAreaCells, studyAreaInfo, suggestedPlaces } from './study_area';
import { exportLayerBytes, exportLayerToFile } from './layer_export';
import { previewLayerFiles } from './import/preview_layer_files';
import { importIntoProject, rememberedKindMapOf } from './import/import_into_project';
import { ImportJobs } from './import/import_jobs';
import { readFileSources } from './import/read_file_sources';
import type { ProjectSession } from './project_session';
import { checkProject } from './rules/check_project';
import { checkReply, reviewProject } from './rules/review_project';
import { reviewSheetOf } from './rules/review_sheet';
import { drawReviewSheets, reviewSheetsPdf } from './print/review_sheet_export';
import { reviewSheetFileName } from '../../shared/print/file_names';
import { writeFileAtomically } from './export/write_file_atomically';
import { exportTable } from './export/table_export';
import { exportStoredReviews, storedReviewBytes, storedReviewJson } from './rules/stored_reviews';
import { deletePreset, listPresets, savePreset } from './rules/project_preset';
import { exportMapFile, previewMap } from './print/print_channels';
import { atlasLevels } from './print/atlas_export';
import { AtlasJobs } from './print/atlas_jobs';
import { snapshotPayload } from './store/snapshot_payload';
import { estatesOf } from './store/estate_reviews';
import { listRecent } from './recent_projects';
import { readPreferences, updatePreferences } from './user_preferences';
import { DEFAULT_SETTINGS } from '../../shared/ipc/contract';

export interface HostFacts {
  host: 'electron' | 'browser';
  version: string;
  dialogs: Pick<Handlers, 'dialog:file:open' | 'dialog:file:save'> | null;
}

/** Something this host cannot do (file dialogs in the browser, paths in the browser…), with its reason. */
export class UnsupportedError extends Error {
  readonly code = 'unsupported' as const;
  readonly reason?: ErrorReason;
  readonly params?: Readonly<Record<string, ErrorParamValue>>;

  constructor(message: string, cause?: ErrorCause) {
    super(message);
    this.name = 'UnsupportedError';
    if (cause) {
      this.reason = cause.reason;
      this.params = cause.params ?? {};
    }
  }
}

/** Channels that never touch the project, so they answer while an import writes. */
const UNGATED: ReadonlySet<Channel> = new Set<Channel>(['app:info:get', 'app:preferences:get', 'app:preferences:set', 'layer:import:status', 'layer:import:cancel', 'map:atlas:status', 'map:atlas:cancel', 'dialog:file:open', 'dialog:file:save']);
/**
 * Channels that write to the open project (imports are jobs: see startImport). While another program
 * writes to the same file (a CLI import) they wait for it (ProjectStore.waitForWrite, up to 60 s) and
 * then fail with code 'busy'. The session tells the app's own writes from other programs' commits
 * through the store (project_session.ts), whatever the channel.
 */
const WRITES: ReadonlySet<Channel> = new Set<Channel>([
  'settings:set',
  'study-area:set',
  'scenario:create',
  'scenario:create-with-proposals',
  'scenario:duplicate',
  'scenario:rename',
  'scenario:delete',
  'scenario:set-plan',
  'proposals:add',
  'proposals:apply',
  'review:run',
  'estates:apply',
  'boundaries:urban:set',
  'presets:save',
  'presets:delete',
]);
/**
 * Channels that replace the open project: they wait until a running import has ended, and do not
 * look at the file that is being closed (a damaged one must not keep the user from opening another).
 */
const PROJECT_SWITCHES: ReadonlySet<Channel> = new Set<Channel>(['project:create', 'project:open', 'project:save-as']);

/**
 * The handlers of every channel. An import runs as a job ('layer:import:start' / status / cancel);
 * while it writes, its transaction is open on the project's one connection, so every other channel
 * that uses the project waits for the write to end (at most a second or two), and project switches
 * wait for the whole import. Each of those channels first checks whether another program changed the
 * file (project_session.ts), so that it never answers from a cache of what was there before.
 */
export function createHandlers(session: ProjectSession, facts: HostFacts): Handlers {
  const jobs = new ImportJobs();
  const atlasJobs = new AtlasJobs();
  const startImport = (layer: ImportableLayer, file: FileSource, options: ImportOptions) => {
    const store = session.store;
    return jobs.start(layer, async (progress, signal) => {
      const report = await importIntoProject(store, layer, [file], options, progress, signal);
      if (options.map && Object.keys(options.map).length > 0) await store.waitForWrite(() => store.setSetting(`import_mapping.${layer}`, options.map));
      return report;
    });
  };
  const handlers: Handlers = {
    'app:info:get': async () => ({ version: facts.version, host: facts.host, dialogs: facts.dialogs !== null, projectFolders: null }),
    'project:current:get': async () => (session.isOpen ? session.store.info() : null),
    'project:create': async ({ path, sample, force }) => (await session.create(path, { sample, force })).info(),
    'project:open': async ({ path }) => session.open(path).info(),
    'project:save-as': async ({ path, force }) => session.saveAs(path, force).info(),
    'project:recent:list': async () => listRecent(),
    'project:changes:get': async ({ since }) => session.changesSince(since),
    'settings:get': async () => (session.isOpen ? session.store.settings() : DEFAULT_SETTINGS),
    'settings:set': async (patch) => {
      // A study area is checked against the boundaries layer as `study-area:set` checks it (names become ids).
      // Resolved only (no write of its own): the whole patch is one write.
      const studyArea = patch.studyArea ? resolveStudyAreaIds(session.store, patch.studyArea) : undefined;
      return session.store.updateSettings(studyArea ? { ...patch, studyArea } : patch);
    },
    'study-area:get': async () => studyAreaInfo(session.store),
    'study-area:set': async ({ areaIds }) => setStudyArea(session.store, areaIds),
    'study-area:cells': async () => ({ fids: studyAreaCells(session.store, session.demandGrid()) }),
    'suggestion:site-places': async ({ sites }) => ({ places: suggestedPlaces(session.store, sites) }),
    'app:preferences:get': async () => readPreferences(),
    'app:preferences:set': async (patch) => updatePreferences(patch),
    'layer:features:list': async ({ layer, scenario }) => ({
      type: 'FeatureCollection' as const,
      features: session.store.listFeatures(layer, { scenario }).map((f) => ({
        type: 'Feature' as const,
        id: f.fid,
        geometry: f.geometry,
        properties: f.properties,
      })),
    }),
    'layer:import': async ({ layer, file, options }) => {
      const ended = await jobs.wait(startImport(layer, file, options).jobId);
      if (ended.report) return ended.report;
      throw replyAsError(ended);
    },
    'layer:import:start': async ({ layer, file, options }) => startImport(layer, file, options),
    'layer:import:status': async ({ jobId }) => jobs.status(jobId),
    'layer:import:cancel': async ({ jobId }) => jobs.cancel(jobId),
    'layer:import:preview': async ({ layer, file, options }) => {
      const rememberedMap = session.isOpen ? session.store.getSetting<Record<string, string>>(`import_mapping.${layer}`) : null;
      const rememberedKindMap = layer === 'facilities' && session.isOpen ? rememberedKindMapOf(session.store) : null;
      const preview = await previewLayerFiles(layer, readFileSources(file), { ...options, map: options.map ?? rememberedMap ?? undefined, rememberedKindMap });
      return { ...preview, rememberedMap, rememberedKindMap };
    },
    'layer:export': async ({ layer, format, path, crs, scenario }) => {
      if (path) {
        const written = exportLayerToFile(session.store, layer, format, path, { crs, scenario });
        return { name: basename(path), path: written.path, content: null, contentEncoding: 'utf8' as const, count: written.count, crs: written.crs };
      }
      const exported = exportLayerBytes(session.store, layer, format, { crs, scenario });
      const binary = format === 'gpkg';
      return {
        name: `${layer}.${format}`,
        path: null,
        // ignoreBOM keeps the CSV's byte-order mark in the text (the default decoder drops it), so the download has it too
        content: binary ? Buffer.from(exported.bytes).toString('base64') : new TextDecoder('utf-8', { ignoreBOM: true }).decode(exported.bytes),
        contentEncoding: binary ? ('base64' as const) : ('utf8' as const),
        count: exported.count,
        crs: exported.crs,
      };
    },
    'analysis:coverage:run': async (request) => {
      const grid = session.demandGrid();
      const { result, detail } = runCoverage(session.store, grid, request);
      return { ...result, uncoveredFids: uncoveredFids(grid, detail.covered, detail.fids), populationImported: grid.hasPopulation };
    },
    'analysis:inputs:get': async ({ kinds, scenario, boundaries }) => ({
      facilities: session.store.selectedFacilities(kinds && kinds.length ? kinds : DEFAULTS.kinds, scenario),
      boundaries: boundaries ? session.store.boundaryAreas() : null,
    }),
    'project:snapshot:get': async (request) => snapshotPayload(session, request),
    'review:run': async ({ preset, estates, codes }) => {
      const { result, json } = reviewProject(session.store, { preset, estates });
      const { newEstates, newCompliant, newCompliantShare } = result.summary;
      const reviewed = codes ? json.estates.map((estate, e) => ({ ...estate, checks: result.estates[e].checks.map(checkReply) })) : json.estates;
      return { ...json, estates: reviewed, newEstates: { estates: newEstates, compliant: newCompliant, share: newCompliantShare } };
    },
    'review:sheet:get': async ({ estate, preset }) => reviewSheetOf(session.store, { estate, preset }),
    'review:sheet:pdf': async ({ estate, preset, language, path }) => {
      const sheet = reviewSheetOf(session.store, { estate, preset });
      const drawings = drawReviewSheets([sheet], language);
      const bytes = await reviewSheetsPdf(drawings, language);
      const pages = drawings[0].pages.length;
      if (path) {
        const written = writeFileAtomically(path, bytes, session.store.path);
        return { name: basename(path), path: written, content: null, contentEncoding: 'base64' as const, pages };
      }
      return { name: reviewSheetFileName(sheet.header.estate.id), path: null, content: bytes.toString('base64'), contentEncoding: 'base64' as const, pages };
    },
    'compliance:check': async ({ preset, byArea }) => checkProject(session.store, { preset, byArea }).json,
    'review:stored': async () => storedReviewJson(session.store),
    'review:export': async ({ format, path }) => {
      if (path) {
        const written = await exportStoredReviews(session.store, format, path);
        return { name: basename(path), path: written.path, content: null, contentEncoding: 'utf8' as const, estates: written.estates, rows: written.rows };
      }
      const exported = await storedReviewBytes(session.store, format);
      const binary = format === 'xlsx';
      return {
        name: `estate_reviews.${format}`,
        path: null,
        // ignoreBOM keeps the CSV's byte-order mark in the text, as layer:export does
        content: binary ? Buffer.from(exported.bytes).toString('base64') : new TextDecoder('utf-8', { ignoreBOM: true }).decode(exported.bytes),
        contentEncoding: binary ? ('base64' as const) : ('utf8' as const),
        estates: exported.estates,
        rows: exported.rows,
      };
    },
    'map:preview': async (request) => previewMap(session.store, request),
    'map:export': async (request) => exportMapFile(session.store, request),
    'map:atlas:levels': async () => atlasLevels(session.store),
    'map:atlas:start': async (request) => atlasJobs.start(session.store, request),
    'map:atlas:status': async ({ jobId }) => atlasJobs.status(jobId),
    'map:atlas:cancel': async ({ jobId }) => atlasJobs.cancel(jobId),
    'presets:list': async () => listPresets(session.store),
    'presets:save': async ({ preset }) => savePreset(session.store, preset),
    'presets:delete': async ({ id }) => deletePreset(session.store, id),
    'scenario:list': async () => session.store.scenarios(),
    'scenario:create': async ({ name, description }) => session.store.edits.createScenario(name, description ?? null),
    'scenario:create-with-proposals': async ({ name, description, proposals }) => session.store.edits.createScenarioWithProposals(name, description ?? null, proposals),
    'scenario:duplicate': async ({ scenario, name }) => session.store.edits.duplicateScenario(scenario, name),
    'scenario:rename': async ({ scenario, name }) => session.store.edits.renameScenario(scenario, name),
    'scenario:delete': async ({ scenario }) => session.store.edits.deleteScenario(scenario),
    'scenario:set-plan': async ({ scenario }) => session.store.edits.setPlan(scenario),
    'proposals:list': async ({ scenario }) => session.store.edits.proposals(session.store.resolveScenarioId(scenario)),
    'proposals:add': async ({ proposals }) => ({ count: session.store.edits.addProposals(proposals).length }),
    'proposals:apply': async (changes) => session.store.edits.applyProposalChanges(changes),
    'audit:list': async ({ limit }) => session.store.auditEntries(limit),
    'dialog:file:open': async (input) => {
      if (!facts.dialogs) throw new UnsupportedError('file dialogs are only available in the desktop app', { reason: 'dialogs_desktop_only' });
      return facts.dialogs['dialog:file:open'](input);
    },
    'dialog:file:save': async (input) => {
      if (!facts.dialogs) throw new UnsupportedError('file dialogs are only available in the desktop app', { reason: 'dialogs_desktop_only' });
      return facts.dialogs['dialog:file:save'](input);
    },
    'estates:list': async () => estatesOf(session.store.listFeatures('estates'), session.store.path),
    'estates:apply': async (changes) => session.store.estateEdits.applyEstateChanges(changes),
    'table:export': async ({ format, name, path, table }) => exportTable(table, format, { name, path, projectPath: session.store.path }),
    'boundaries:urban:set': async ({ put, action }) => session.store.boundaryEdits.setUrban(put, action),
  };
  for (const channel of Object.keys(handlers) as Channel[]) {
    if (UNGATED.has(channel)) continue;
    const write = handlers[channel] as (input: unknown) => Promise<unknown>;
    const handler = WRITES.has(channel) ? (input: unknown) => session.store.waitForWrite(() => write(input)) : write;
    const switches = PROJECT_SWITCHES.has(channel);
    (handlers as Record<Channel, (input: unknown) => Promise<unknown>>)[channel] = async (input) => {
      await (switches ? jobs.jobsFinished() : jobs.writesFinished());
      // An atlas draws from the open project: another project stops it first (nothing is written).
      if (switches) await atlasJobs.stopRunning();
      if (!switches) session.checkExternalChange();
      return handler(input);
    };
  }
  return handlers;
}

/**
 * The error of an ended job as an exception that the dispatcher turns back into the same reply
 * (an InputError-shaped one keeps its message, reason, params and location as they are).
 */
function replyAsError(ended: ImportJobStatus): Error {
  if (ended.state === 'cancelled') return Object.assign(new Error('import cancelled'), { code: 'cancelled' });
  const error = ended.error ?? { code: 'internal', message: 'the import ended without a report' };
  return Object.assign(new Error(error.message), { code: error.code, reason: error.reason, params: error.params, location: error.details ?? {} });
}
