/**
 * `siting optimize`: where to put the next day-care centres. Project mode reads demand, existing
 * facilities, candidate sites and (network mode) roads from a project; matrix mode reads an imported
 * cost matrix and demand weights. Prints the optimiser's result JSON (with the chosen sites'
 * positions) and, with --save, writes the sites as a new scenario of proposals.
 */
import { CancelledError, InputError } from '../../shared/errors';
import type { OptimizeRequest } from '../../shared/optimize/optimize';
import type { AbortFlag } from '../../shared/optimize/types';
import { FacilityKind } from '../../shared/schemas/entities';
import { DEFAULTS, LIMITS, SITING_PROBLEMS, withinLimit, type LimitName, type SitingProblemKind, type SuggestSitesSettings } from '../../shared/settings/siting_settings';
import { defaultScenarioName, proposalKind, SCENARIO_NAME_WORDS, suggestionChangeSet } from '../../shared/usecases/save_suggestion';
import { siteName, siteNameWords, type SitePlace } from '../../shared/usecases/site_names';
import { suggestedPlaces } from '../services/study_area';
import type { SuggestedSite } from '../../shared/usecases/suggest_sites';
import type { ProjectStore } from '../services/store/project_store';
import { studyAreaRefs } from './study_area_flag';
import { solvedWeight, suggestSites, type SuggestSitesResult } from '../../shared/usecases/suggest_sites';
import { readExclusionZones } from '../services/optimize/exclusion_zones';
import { buildMatrixProblem } from '../services/optimize/matrix_problem';
import { optimizeInWorker, type WorkerSolve } from '../services/optimize/optimize_in_worker';
import { chosenSites, describeGain, projectFacts, resultLines, unitWords, type SavedScenario } from '../services/optimize/optimize_report';
import { readProjectSnapshot } from '../services/store/project_snapshot';
import { listFlag, numberFlag, requirePositional } from './cli_args';
import { cliError } from './cli_wording';
import type { CliValues, CommandOutput } from './main';
import { withProject } from './open_project';

const USAGE =
  'siting optimize <project.gpkg> --problem max-coverage|min-facilities|p-median|p-center [--sites K] [--target 0.9] ' +
  '[--radius-m R | --mode network --minutes M] [--exclude zones.geojson | --exclude boundary:NAME,…] ' +
  '[--study-area ID|NAME,… | --whole-project] [--candidates-outside] [--min-floor-level 1|none] [--save [--lang zh|en]] ... ' +
  'or siting optimize --matrix od.csv --demand demand.csv --problem ... [--radius R]';
const PROBLEMS: readonly SitingProblemKind[] = SITING_PROBLEMS;
const COMMON_FLAGS = ['json', 'help', 'problem', 'sites', 'target', 'seed', 'method'];
const MATRIX_FLAGS = ['matrix', 'demand', 'radius', 'matrix-columns', 'demand-columns', 'encoding'];
const PROJECT_FLAGS = [
  'radius-m', 'minutes', 'mode', 'speed-mps', 'max-snap-m', 'capacitated', 'site-capacity', 'uptake', 'candidates', 'grid-m',
  'min-floor-area', 'max-floor-level', 'min-floor-level', 'min-spacing-m', 'exclude', 'kinds', 'scenario', 'save',
  'study-area', 'whole-project', 'candidates-outside', 'lang',
];

type Flags = Record<string, string | boolean | string[] | undefined>;

export async function runOptimize(positionals: string[], values: CliValues): Promise<CommandOutput> {
  const flags = values as Flags;
  const matrixMode = flags.matrix !== undefined;
  const allowed = new Set([...COMMON_FLAGS, ...(matrixMode ? MATRIX_FLAGS : PROJECT_FLAGS)]);
  for (const [flag, value] of Object.entries(flags)) {
    if (value === undefined || allowed.has(flag)) continue;
    const other = matrixMode ? 'project mode (siting optimize <project.gpkg>)' : 'matrix mode (--matrix od.csv)';
    const known = [...COMMON_FLAGS, ...MATRIX_FLAGS, ...PROJECT_FLAGS].includes(flag);
    throw new InputError(known ? `--${flag} belongs to ${other}` : `--${flag} is not an option of siting optimize`, { field: flag });
  }
  const problem = parseProblem(flags.problem as string | undefined);
  const k = problem === 'min-facilities' ? undefined : parseSites(flags.sites as string | undefined, problem);
  if (problem === 'min-facilities' && flags.sites !== undefined) {
    throw new InputError('--sites is not used by min-facilities (it finds the fewest sites); set the share to cover with --target', { field: 'sites' });
  }
  if (problem !== 'min-facilities' && flags.target !== undefined) throw new InputError('--target applies to --problem min-facilities only', { field: 'target' });
  const targetShare = flags.target === undefined ? undefined : numberFlag(flags.target as string, 'target', 1, (n) => withinLimit('targetShare', n), LIMITS.targetShare.expected);
  const seed = numberFlag(flags.seed as string | undefined, 'seed', 1, (n) => Number.isInteger(n) && n >= 0, 'an integer ≥ 0');
  const method = flags.method ?? 'auto';
  if (method !== 'auto' && method !== 'exact' && method !== 'heuristic') throw new InputError(`--method must be auto, exact or heuristic, got "${method}"`, { field: 'method' });

  const progress = progressPrinter(!flags.json);
  // Ctrl+C once: the solver stops at its next check; twice: the worker is stopped at once.
  let cancelled = false;
  let current: WorkerSolve | null = null;
  const onSigint = () => {
    if (cancelled) {
      if (current) current.kill();
      else process.exit(130);
      return;
    }
    cancelled = true;
    current?.cancel();
    process.stderr.write('\nsiting: cancelling the optimisation (Ctrl+C again stops it at once)\n');
  };
  process.on('SIGINT', onSigint);
  const signal: AbortFlag = {
    get aborted() {
      return cancelled;
    },
  };
  const started = performance.now();
  try {
    const solve = async (request: OptimizeRequest, onProgress: (fraction: number) => void, hint: string) => {
      // A Ctrl+C pressed while the inputs were built arrives here, before the solve starts.
      await new Promise((resolve) => setImmediate(resolve));
      if (cancelled) throw new CancelledError('optimisation cancelled');
      current = optimizeInWorker(request, { seed, method, onProgress });
      try {
        return await current.result;
      } catch (error) {
        throw cliError(error, hint);
      } finally {
        current = null;
      }
    };
    if (matrixMode) {
      if (positionals.length > 0) throw new InputError(`matrix mode takes no project file, got "${positionals[0]}"`, { field: 'matrix' });
      const radius = flags.radius === undefined ? undefined : numberFlag(flags.radius as string, 'radius', 0, (n) => n >= 0, 'a cost ≥ 0 in the matrix unit');
      const built = buildMatrixProblem({
        problem,
        matrixPath: flags.matrix as string,
        demandPath: flags.demand as string | undefined,
        matrixColumns: keyValueFlag(flags['matrix-columns'] as string | undefined, 'matrix-columns', ['demand', 'candidate', 'cost']),
        demandColumns: keyValueFlag(flags['demand-columns'] as string | undefined, 'demand-columns', ['id', 'weight']),
        radius,
        k,
        targetShare,
        encoding: flags.encoding as string | undefined,
      });
      const result = await solve(built.request, progress, '');
      progress.done();
      const sites = chosenSites(result, null);
      const units = unitWords('matrix', false);
      const notes = [...built.notes, ...result.notes];
      const json = {
        ...result,
        notes,
        mode: 'matrix',
        costUnit: 'matrix',
        radius: radius ?? null,
        k: k ?? null,
        targetShare: targetShare ?? null,
        demand: { points: built.imported.demandIds.length, weight: sum(built.imported.weights) },
        candidates: { source: 'matrix', eligible: built.imported.candidateIds.length },
        sites,
        totalSeconds: round((performance.now() - started) / 1000),
      };
      return { json, text: resultLines(result, sites, { heading: `${problem} on ${flags.matrix} (${json.demand.points} demand points × ${json.candidates.eligible} candidates)`, units, saved: null, notes }) };
    }

    const project = requirePositional(positionals, 0, 'project.gpkg', USAGE);
    const parsedSettings = projectSettings(flags, problem, k, targetShare);
    if (flags.scenario !== undefined && !flags.save) throw new InputError('--scenario names the scenario that --save writes; add --save', { field: 'scenario' });
    const lang = (flags.lang as string | undefined) ?? 'en';
    if (lang !== 'zh' && lang !== 'en') throw new InputError(`--lang must be zh or en, got "${lang}"`, { field: 'lang' });
    if (flags.lang !== undefined && !flags.save) throw new InputError('--lang sets the language of the names --save writes; add --save', { field: 'lang' });
    return await withProject(project, async (store) => {
      const studyArea = studyAreaRefs(flags, store);
      if (flags['candidates-outside'] === true && studyArea.length === 0) {
        throw new InputError('--candidates-outside applies with a study area only (--study-area, or one set in the project)', { field: 'candidates-outside' });
      }
      const settings: SuggestSitesSettings = { ...parsedSettings, studyArea };
      const scenarioName = typeof flags.scenario === 'string' ? flags.scenario.trim() : undefined;
      if (scenarioName !== undefined && store.scenarios().some((s) => s.name === scenarioName)) {
        throw new InputError(`a scenario named "${scenarioName}" already exists; choose another --scenario name`, { field: 'scenario' });
      }
      const building = performance.now();
      const snapshot = readProjectSnapshot(store);
      let buildSeconds = 0;
      const outcome: SuggestSitesResult = await suggestSites(
        snapshot,
        settings,
        (request, control, built) => {
          buildSeconds = round((performance.now() - building) / 1000);
          const cutoffM = built.inputs.cutoff?.cutoffM ?? Infinity;
          const hint =
            settings.mode === 'network'
              ? ` (network costs stop at --minutes ${settings.minutes}: raise it or --sites)`
              : Number.isFinite(cutoffM)
                ? ` (straight-line costs stop at ${(cutoffM / 1000).toFixed(2)} km to fit the pair budget: a larger --grid-m leaves fewer candidates and a wider cutoff)`
                : '';
          return solve(request, (f) => control.onProgress?.(f), hint);
        },
        { signal, onProgress: progress },
      ).catch((error: unknown) => {
        throw cliError(error);
      });
      progress.done();
      const { result, problem: built } = outcome;
      const units = unitWords(built.inputs.costUnit, settings.capacitated !== null);
      const describe = (gain: number) => describeGain(result.problem, gain, units);
      let saved: SavedScenario | null = null;
      if (flags.save) {
        const threshold = settings.mode === 'network' ? `${settings.minutes} min walk at ${settings.speedMps} m/s` : settings.radiusM !== undefined ? `${settings.radiusM} m circle` : 'straight-line distance';
        const places = suggestedSitePlaces(store, outcome.sites);
        const words = siteNameWords(lang);
        const name = scenarioName ?? defaultScenarioName(result.problem, result.selected.length, store.scenarios().map((s) => s.name), new Date(), SCENARIO_NAME_WORDS[lang]);
        const changes = suggestionChangeSet(outcome.sites, name, proposalKind(settings.kinds), {
          description: `siting optimize --problem ${result.problem}${k ? ` --sites ${k}` : ''}, ${threshold}, ${built.candidates.source} candidates`,
          siteName: (site) => site.name ?? siteName(places[site.rank - 1], site.rank, words, lang === 'en'),
          siteNote: (site) => `${result.problem} site ${site.rank} of ${result.selected.length}, candidate ${site.id}: marginal gain ${describe(site.marginalGain ?? Infinity)}`,
        });
        // Another program may be writing to the project (an import): wait for it rather than lose the
        // optimisation; after the wait's bound the error names the file (exit 1). One transaction: the
        // scenario with all its proposals, or nothing.
        saved = await store.waitForWrite(() => store.edits.createScenarioWithProposals(changes.name, changes.description, changes.proposals), {
          onWait: () => process.stderr.write(`siting: ${project} is being written by another program; waiting for it to finish…\n`),
        });
      }
      const sites = chosenSites(result, built.candidates);
      const json = {
        ...result,
        notes: outcome.notes,
        mode: settings.mode,
        radiusM: settings.mode === 'circle' ? (settings.radiusM ?? null) : null,
        minutes: settings.mode === 'network' ? settings.minutes : null,
        speedMps: settings.mode === 'network' ? settings.speedMps : null,
        k: k ?? null,
        targetShare: targetShare ?? null,
        kinds: settings.kinds,
        minSpacingM: settings.minSpacingM,
        ...projectFacts(built, solvedWeight(built), saved),
        studyArea: outcome.studyArea,
        sites,
        /** The settings the run used, every default filled in. */
        parameters: echoParameters(outcome.parameters),
        /** Loading the project and building coverage sets / costs (the solver's own time is `seconds`). */
        buildSeconds,
        totalSeconds: round((performance.now() - started) / 1000),
      };
      const threshold = settings.mode === 'network' ? `network ${settings.minutes} min at ${settings.speedMps} m/s` : settings.radiusM !== undefined ? `circle ${settings.radiusM} m` : 'straight-line distance';
      const within = outcome.studyArea ? ` within ${outcome.studyArea.names.join(', ')} (${outcome.studyArea.cellsInside} of ${outcome.studyArea.cellsTotal} cells)` : '';
      const heading = `${result.problem}, ${threshold}${within}: ${built.candidates.source} candidates, ${built.candidates.ids.length} eligible of ${built.candidates.considered}; ${built.existing.length} existing facilities kept`;
      return { json, text: resultLines(result, sites, { heading, units, saved, notes: outcome.notes }) };
    });
  } finally {
    process.off('SIGINT', onSigint);
    progress.done();
  }
}

/** Where each suggested site is (nearest named road, finest area), in rank order, for the names --save writes. */
function suggestedSitePlaces(store: ProjectStore, sites: readonly SuggestedSite[]): SitePlace[] {
  return suggestedPlaces(store, [...sites].sort((a, b) => a.rank - b.rank));
}

function projectSettings(flags: Flags, problem: SitingProblemKind, k: number | undefined, targetShare: number | undefined): SuggestSitesSettings {
  const str = (flag: string) => flags[flag] as string | undefined;
  const mode = str('mode') ?? (str('minutes') !== undefined ? 'network' : 'circle');
  if (mode !== 'circle' && mode !== 'network') throw new InputError(`--mode must be circle or network, got "${mode}"`, { field: 'mode' });
  if (mode === 'circle') {
    for (const flag of ['minutes', 'speed-mps', 'max-snap-m']) {
      if (flags[flag] !== undefined) throw new InputError(`--${flag} is for --mode network; circle mode takes --radius-m`, { field: flag });
    }
  } else if (flags['radius-m'] !== undefined) {
    throw new InputError('--radius-m is for circle mode; network mode takes --minutes and --speed-mps', { field: 'radius-m' });
  }
  const coverageProblem = problem === 'max-coverage' || problem === 'min-facilities';
  const capacitated = flags.capacitated === true;
  if (!capacitated) {
    for (const flag of ['site-capacity', 'uptake']) if (flags[flag] !== undefined) throw new InputError(`--${flag} applies with --capacitated only`, { field: flag });
  } else if (problem !== 'max-coverage') {
    throw new InputError('--capacitated applies to --problem max-coverage only', { field: 'capacitated' });
  }
  const source = str('candidates');
  if (source !== undefined && source !== 'layer' && source !== 'grid') throw new InputError(`--candidates must be layer or grid, got "${source}"`, { field: 'candidates' });
  const kinds =
    listFlag(str('kinds'))?.map((kind) => {
      const parsed = FacilityKind.safeParse(kind);
      if (!parsed.success) throw new InputError(`unknown facility kind "${kind}"; kinds: ${FacilityKind.options.join(', ')}`, { field: 'kinds' });
      return parsed.data;
    }) ?? [...DEFAULTS.kinds];
  const exclude = str('exclude');
  /** The flag's number within its setting's limits (shared/settings/siting_settings.ts), or the default. */
  const setting = <D extends number | undefined>(flag: string, name: LimitName, fallback: D): number | D =>
    flags[flag] === undefined ? fallback : numberFlag(str(flag), flag, 0, (n) => withinLimit(name, n), LIMITS[name].expected);
  const radiusM = setting('radius-m', 'radiusM', coverageProblem ? DEFAULTS.radiusM : undefined);
  const siteCapacity = setting('site-capacity', 'siteCapacity', undefined);
  return {
    problem,
    k,
    targetShare,
    mode,
    radiusM: mode === 'circle' ? radiusM : undefined,
    minutes: setting('minutes', 'minutes', DEFAULTS.minutes),
    speedMps: setting('speed-mps', 'speedMps', DEFAULTS.speedMps),
    maxSnapM: setting('max-snap-m', 'maxSnapM', DEFAULTS.maxSnapM),
    kinds,
    candidates: {
      source,
      gridM: setting('grid-m', 'gridM', undefined),
      minFloorAreaM2: setting('min-floor-area', 'minFloorAreaM2', undefined),
      maxFloorLevel: setting('max-floor-level', 'maxFloorLevel', undefined),
      // Default (absent): no basements on layer candidates (DEFAULTS.minFloorLevel); "none" allows them.
      minFloorLevel: str('min-floor-level') === 'none' ? null : setting('min-floor-level', 'minFloorLevel', undefined),
      outsideStudyArea: flags['candidates-outside'] === true ? true : undefined,
      // --exclude zones.geojson, or --exclude boundary:NAME[,NAME…] for boundaries of the project.
      exclusionZones: exclude === undefined || exclude.startsWith(BOUNDARY_PREFIX) ? undefined : readExclusionZones(exclude),
      excludeBoundaries: exclude?.startsWith(BOUNDARY_PREFIX) ? excludedBoundaries(exclude) : undefined,
    },
    minSpacingM: setting('min-spacing-m', 'minSpacingM', DEFAULTS.minSpacingM),
    capacitated: capacitated ? { ...(siteCapacity !== undefined ? { siteCapacity } : {}), uptakeRate: setting('uptake', 'uptakeRate', DEFAULTS.uptakeRate) } : null,
  };
}

/** The run's settings for the JSON output (exclusion polygons counted, not repeated). */
function echoParameters(parameters: SuggestSitesSettings) {
  const { exclusionZones, ...candidates } = parameters.candidates;
  return { ...parameters, candidates: { ...candidates, exclusionZones: exclusionZones?.length ?? 0 } };
}

const BOUNDARY_PREFIX = 'boundary:';

function excludedBoundaries(value: string): string[] {
  const names = listFlag(value.slice(BOUNDARY_PREFIX.length)) ?? [];
  if (names.length === 0) throw new InputError('--exclude boundary: needs boundary names, e.g. --exclude "boundary:江汉区,硚口区"', { field: 'exclude' });
  return names;
}

function parseProblem(value: string | undefined): SitingProblemKind {
  if (value === undefined) throw new InputError(`--problem is required: ${PROBLEMS.join(', ')}`, { field: 'problem' });
  if (!(PROBLEMS as readonly string[]).includes(value)) throw new InputError(`--problem must be one of ${PROBLEMS.join(', ')}, got "${value}"`, { field: 'problem' });
  return value as SitingProblemKind;
}

function parseSites(value: string | undefined, problem: SitingProblemKind): number {
  if (value === undefined) throw new InputError(`--problem ${problem} needs --sites K (the number of new sites)`, { field: 'sites' });
  return numberFlag(value, 'sites', 1, (n) => withinLimit('sites', n), LIMITS.sites.expected);
}

/** Parses "demand=DestinationName,candidate=name" into an object with only the allowed keys. */
function keyValueFlag<K extends string>(value: string | undefined, flag: string, keys: readonly K[]): Partial<Record<K, string>> | undefined {
  const items = listFlag(value);
  if (!items) return undefined;
  const out: Partial<Record<K, string>> = {};
  for (const item of items) {
    const at = item.indexOf('=');
    const key = item.slice(0, at).trim() as K;
    const column = item.slice(at + 1).trim();
    if (at <= 0 || !column || !keys.includes(key)) {
      throw new InputError(`--${flag} entries look like ${keys.map((k) => `${k}=<column>`).join(',')}, got "${item}"`, { field: flag });
    }
    out[key] = column;
  }
  return out;
}

/** Progress on stderr: one updating line on a terminal, a line per 10 % otherwise; nothing with --json. */
function progressPrinter(enabled: boolean): ((fraction: number) => void) & { done: () => void } {
  const tty = process.stderr.isTTY === true;
  let last = -1;
  let open = false;
  const print = Object.assign(
    (fraction: number) => {
      if (!enabled) return;
      const pct = Math.floor(Math.min(1, Math.max(0, fraction)) * 100);
      const step = tty ? pct : pct - (pct % 10);
      if (step <= last) return;
      last = step;
      if (tty) {
        process.stderr.write(`\roptimising… ${step} %`);
        open = true;
      } else process.stderr.write(`optimising… ${step} %\n`);
    },
    {
      done: () => {
        if (open) process.stderr.write('\n');
        open = false;
      },
    },
  );
  return print;
}

function sum(values: Float64Array): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i];
  return total;
}

function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

