/**
 * The host's known error replies, recognised by code, the field named in `details` and the wording
 * of the services (electron/services: store, scenario edits, project session, import, export), so
 * that the UI can say them in the active language with what to do next. The host's messages stay
 * English (the CLI prints them); anything not listed here is shown with its own message.
 */
import type { InputErrorLocation } from '../../shared/errors';
import { MAX_UPLOAD_BYTES } from '../../shared/ipc/contract';

/** Keys under `errors.known` (en.ts). */
export type KnownErrorKey =
  | 'scenarioNameTaken'
  | 'scenarioNameMissing'
  | 'scenarioNameTooLong'
  | 'baselineNotDeletable'
  | 'unknownScenario'
  | 'proposalMissing'
  | 'proposalExists'
  | 'projectNotFound'
  | 'fileExists'
  | 'projectNameGpkg'
  | 'notReadableProject'
  | 'notSitingProject'
  | 'notGeoPackage'
  | 'newerSchema'
  | 'projectForeignTrigger'
  | 'projectForeignView'
  | 'projectTableAltered'
  | 'projectDamaged'
  | 'projectDamagedLayer'
  | 'folderMissing'
  | 'exportOverwritesProject'
  | 'cannotWrite'
  | 'importUnreadable'
  | 'importTooLarge'
  | 'importNoRecords'
  | 'populationNotEmpty'
  | 'populationCellExists'
  | 'importRunning'
  | 'requestTooLarge'
  | 'dialogsDesktopOnly'
  | 'projectLocked'
  | 'pathsDesktopOnly'
  | 'projectOutsideFolders';

interface KnownError {
  code: 'bad_input' | 'unsupported' | 'busy' | 'internal';
  /** Field named in the reply's details (InputError location), when the service names one. */
  field?: string;
  /** Matched against the message without its location prefix ("file.csv, row 3: "). */
  pattern: RegExp;
  key: KnownErrorKey;
  /** Interpolation values from the match groups and the location. */
  values?: (match: RegExpMatchArray, location: InputErrorLocation) => Record<string, string | number>;
}

const file = (_match: RegExpMatchArray, location: InputErrorLocation) => ({ file: location.file ?? '' });

/** In the order they are tried; the first match wins. */
const KNOWN: readonly KnownError[] = [
  { code: 'bad_input', field: 'scenario', pattern: /^a scenario named "(.*)" already exists$/s, key: 'scenarioNameTaken', values: (m) => ({ name: m[1] }) },
  { code: 'bad_input', field: 'name', pattern: /^a scenario needs a name$/, key: 'scenarioNameMissing' },
  { code: 'bad_input', field: 'name', pattern: /^a scenario name has at most (\d+) characters$/, key: 'scenarioNameTooLong', values: (m) => ({ max: Number(m[1]) }) },
  { code: 'bad_input', field: 'scenario', pattern: /^the baseline scenario cannot be deleted$/, key: 'baselineNotDeletable' },
  {
    code: 'bad_input',
    field: 'scenario',
    pattern: /^unknown scenario "(.*)"; scenarios in this project: (.*)$/s,
    key: 'unknownScenario',
    values: (m) => ({ name: m[1], names: m[2] }),
  },
  { code: 'bad_input', field: 'id', pattern: /^no proposal with id "(.*)"$/s, key: 'proposalMissing', values: (m) => ({ id: m[1] }) },
  { code: 'bad_input', field: 'id', pattern: /^a proposal with id "(.*)" exists already$/s, key: 'proposalExists', values: (m) => ({ id: m[1] }) },
  { code: 'bad_input', pattern: /^project file not found$/, key: 'projectNotFound', values: file },
  { code: 'bad_input', pattern: /^file exists; /, key: 'fileExists', values: file },
  { code: 'bad_input', pattern: /^a project file name must end in \.gpkg$/, key: 'projectNameGpkg', values: file },
  { code: 'bad_input', pattern: /^not a readable SQLite\/GeoPackage file \((.*)\)$/s, key: 'notReadableProject', values: (m, l) => ({ file: l.file ?? '', reason: m[1] }) },
  { code: 'bad_input', pattern: /^not a Siting Planner project\b/, key: 'notSitingProject', values: file },
  { code: 'bad_input', pattern: /^not a GeoPackage \(application_id/, key: 'notGeoPackage', values: file },
  {
    code: 'bad_input',
    pattern: /^project schema version (\d+) is newer than this app understands \((\d+)\)/,
    key: 'newerSchema',
    values: (m, l) => ({ file: l.file ?? '', version: Number(m[1]), latest: Number(m[2]) }),
  },
  // electron/services/store/inspect_project.ts: what a project file may not hold (refused on open).
  {
    code: 'bad_input',
    pattern: /^the project file contains trigger "(.*?)" \(on (.*?)\), which Siting Planner does not create/s,
    key: 'projectForeignTrigger',
    values: (m, l) => ({ file: l.file ?? '', name: m[1], table: m[2] }),
  },
  {
    code: 'bad_input',
    pattern: /^the project file contains view "(.*?)", which Siting Planner does not create/s,
    key: 'projectForeignView',
    values: (m, l) => ({ file: l.file ?? '', name: m[1] }),
  },
  {
    code: 'bad_input',
    pattern: /^the project table "(.*?)" (?:is missing|is a virtual table|has a foreign key)/s,
    key: 'projectTableAltered',
    values: (m, l) => ({ file: l.file ?? '', table: m[1] }),
  },
  // electron/services/store/stored_values.ts damagedFileError
  {
    code: 'bad_input',
    pattern: /^layer (population|facilities|estates|boundaries|roads|candidates|proposals): the project file is damaged \((.*)\)/s,
    key: 'projectDamagedLayer',
    values: (m, l) => ({ file: l.file ?? '', layer: m[1], reason: m[2] }),
  },
  { code: 'bad_input', pattern: /^the project file is damaged \((.*)\)/s, key: 'projectDamaged', values: (m, l) => ({ file: l.file ?? '', reason: m[1] }) },
  { code: 'bad_input', pattern: /^the folder (.*) does not exist; /s, key: 'folderMissing', values: (m) => ({ folder: m[1] }) },
  { code: 'bad_input', field: 'out', pattern: /^the export would overwrite the open project file/, key: 'exportOverwritesProject' },
  { code: 'bad_input', field: 'out', pattern: /^cannot write the file \((.*)\)$/s, key: 'cannotWrite', values: (m, l) => ({ file: l.file ?? '', reason: m[1] }) },
  { code: 'bad_input', pattern: /^file not found or not readable$/, key: 'importUnreadable', values: file },
  { code: 'bad_input', pattern: /import limit (?:is|of) (\d+) MB/, key: 'importTooLarge', values: (m, l) => ({ file: l.file ?? '', limit: Number(m[1]) }) },
  {
    code: 'bad_input',
    pattern: /^no (population|facilities|estates|boundaries|roads|candidates) records found \((\d+) skipped\)$/,
    key: 'importNoRecords',
    values: (m, l) => ({ file: l.file ?? '', layer: m[1], skipped: Number(m[2]) }),
  },
  // electron/services/store/project_store.ts checkPopulationAppend: the host's advice names the CLI's
  // --replace/--append; the dialog has only "Replace" (it never appends to a population grid).
  {
    code: 'bad_input',
    field: 'layer',
    pattern: /^the population layer already holds ([\d,]+) cells/,
    key: 'populationNotEmpty',
    values: (m) => ({ count: Number(m[1].replace(/,/g, '')) }),
  },
  { code: 'bad_input', field: 'cell_id', pattern: /^cell_id "(.*?)" is already in the population layer/s, key: 'populationCellExists', values: (m) => ({ id: m[1] }) },
  // electron/services/import/import_jobs.ts: one import at a time per host session.
  { code: 'bad_input', pattern: /^another import is still running/, key: 'importRunning' },
  // electron/host/http_host.ts refuseLargeBody (HTTP 413).
  {
    code: 'bad_input',
    pattern: /^the request is larger than/,
    key: 'requestTooLarge',
    values: (m) => ({ limit: Number(/at most (\d+) MB together/.exec(m.input ?? '')?.[1] ?? Math.floor(MAX_UPLOAD_BYTES / 1048576)) }),
  },
  { code: 'unsupported', pattern: /^file dialogs are only available in the desktop app$/, key: 'dialogsDesktopOnly' },
  // electron/host/browser_file_access.ts: the browser host uploads and downloads files, and keeps projects in its folders.
  { code: 'unsupported', pattern: /^the browser version reads and writes files only as uploads and downloads/, key: 'pathsDesktopOnly' },
  {
    code: 'unsupported',
    pattern: /^in the browser version project files must be inside (?:the project folder|one of the project folders) (.*)$/s,
    key: 'projectOutsideFolders',
    values: (m) => ({ folders: m[1] }),
  },
  // electron/services/store/write_lock.ts ProjectBusyError: another program held the write lock too long.
  {
    code: 'busy',
    pattern: /^another program is writing to this project \(waited (\d+) s\)/,
    key: 'projectLocked',
    values: (m, l) => ({ file: l.file ?? '', seconds: Number(m[1]) }),
  },
];

const LOCATION_KEYS = ['file', 'row', 'feature', 'field', 'expected'] as const;

/** The InputError location in a reply's details (dispatch sends zod issues, an array, instead). */
export function locationOf(details: unknown): InputErrorLocation {
  if (details === null || typeof details !== 'object' || Array.isArray(details)) return {};
  const source = details as Record<string, unknown>;
  const location: InputErrorLocation = {};
  for (const key of LOCATION_KEYS) {
    const value = source[key];
    if (key === 'row' || key === 'feature') {
      if (typeof value === 'number' && Number.isFinite(value)) location[key] = value;
    } else if (typeof value === 'string' && value !== '') {
      location[key] = value;
    }
  }
  return location;
}

/**
 * The message without the location the host put around it (shared/errors.ts formatInputMessage:
 * "file.csv, row 12, field lat: <message> (expected <expected>)").
 */
export function coreMessage(message: string, location: InputErrorLocation): string {
  const parts: string[] = [];
  if (location.file) parts.push(location.file);
  if (location.row !== undefined) parts.push(`row ${location.row}`);
  if (location.feature !== undefined) parts.push(`feature ${location.feature}`);
  if (location.field) parts.push(`field ${location.field}`);
  let core = message;
  const prefix = parts.length ? `${parts.join(', ')}: ` : '';
  if (prefix && core.startsWith(prefix)) core = core.slice(prefix.length);
  const suffix = location.expected ? ` (expected ${location.expected})` : '';
  if (suffix && core.endsWith(suffix)) core = core.slice(0, -suffix.length);
  return core;
}

export interface RecognisedError {
  key: KnownErrorKey;
  values: Record<string, string | number>;
}

/** The known error this reply is, or null. */
export function recogniseHostError(code: string, message: string, details: unknown): RecognisedError | null {
  const location = locationOf(details);
  const core = coreMessage(message, location).replace(/[.。]\s*$/, '');
  for (const known of KNOWN) {
    if (known.code !== code) continue;
    if (known.field !== undefined && location.field !== undefined && known.field !== location.field) continue;
    const match = core.match(known.pattern);
    if (match) return { key: known.key, values: known.values?.(match, location) ?? {} };
  }
  return null;
}
