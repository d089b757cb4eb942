/**
 * `siting analyze` flags → engine options, each checked once with a message naming the flag.
 * Network-only flags given in circle mode (and the reverse) are errors, not silently ignored.
 */
import { InputError } from '../../shared/errors';
import type { AnalysisOptions } from '../../shared/engine/analysis/accessibility_analysis';
import { lifeCircleThresholds } from '../../shared/engine/network/thresholds';
import { FacilityKind } from '../../shared/schemas/entities';
import { analysisWithDefaults } from '../../shared/settings/analysis_defaults';
import { DEFAULTS, LIMITS, withinLimit, type LimitName } from '../../shared/settings/siting_settings';
import { listFlag, numberFlag } from './cli_args';
import type { CliValues } from './main';

/** Flags that only mean something on the walking network. */
const NETWORK_ONLY = ['minutes', 'network-m', 'speed-mps', 'steps-factor', 'max-snap-m', 'stats-horizon-factor'] as const;

/** The `--network-m` keyword for the GB 50180-2018 life-circle distances (300, 500, 1000 m). */
export const LIFE_CIRCLES_KEYWORD = 'life-circles';

export interface AnalyzeSettings {
  options: AnalysisOptions;
  kinds: FacilityKind[];
  scenario: string | undefined;
  gapsOut: string | undefined;
  serviceAreasOut: string | undefined;
}

/**
 * @example analyzeSettings({ mode: 'network', 'network-m': '300,500,1000' }).options.networkM // [300, 500, 1000]
 */
export function analyzeSettings(values: CliValues): AnalyzeSettings {
  const mode = values.mode ?? (values.minutes !== undefined || values['network-m'] !== undefined ? 'network' : 'circle');
  if (mode !== 'circle' && mode !== 'network') throw new InputError(`--mode must be circle or network, got "${mode}"`, { field: 'mode' }, { reason: 'print_value_unknown', params: { flag: '--mode', value: mode, allowed: 'circle, network' } });
  if (mode === 'circle') {
    for (const flag of NETWORK_ONLY) {
      if (values[flag] !== undefined) {
        throw new InputError(`--${flag} is for --mode network; circle mode takes --radius-m`, { field: flag }, { reason: 'analysis_flag_wrong_mode', params: { flag: `--${flag}`, mode } });
      }
    }
  } else if (values['radius-m'] !== undefined) {
    throw new InputError('--radius-m is for circle mode; network mode takes --minutes (or --network-m) and --speed-mps', { field: 'radius-m' }, {
      reason: 'analysis_flag_wrong_mode',
      params: { flag: '--radius-m', mode },
    });
  }
  if (values.minutes !== undefined && values['network-m'] !== undefined) {
    throw new InputError('give walking times (--minutes) or network distances (--network-m), not both', { field: 'network-m' }, {
      reason: 'analysis_flags_exclusive',
      params: { flag: '--minutes', other: '--network-m' },
    });
  }
  if (values.uptake !== undefined && !values.capacity) {
    throw new InputError('--uptake applies with --capacity only', { field: 'uptake' }, { reason: 'analysis_flag_needs', params: { flag: '--uptake', needs: '--capacity' } });
  }
  if (values['gaps-out'] !== undefined && !values.gaps) {
    throw new InputError('--gaps-out needs --gaps', { field: 'gaps-out' }, { reason: 'analysis_flag_needs', params: { flag: '--gaps-out', needs: '--gaps' } });
  }
  if (values['per-facility'] && values['service-areas-out'] === undefined) {
    throw new InputError('--per-facility adds each facility\'s areas to --service-areas-out; give the file too', { field: 'per-facility' }, {
      reason: 'analysis_flag_needs',
      params: { flag: '--per-facility', needs: '--service-areas-out' },
    });
  }
  const kinds =
    listFlag(values.kinds)?.map((k) => {
      const parsed = FacilityKind.safeParse(k);
      if (!parsed.success) {
        throw new InputError(`unknown facility kind "${k}"; kinds: ${FacilityKind.options.join(', ')}`, { field: 'kinds' }, {
          reason: 'unknown_facility_kind',
          params: { kind: k, kinds: FacilityKind.options.join(', ') },
        });
      }
      return parsed.data;
    }) ?? [...DEFAULTS.kinds];
  const options: AnalysisOptions = {
    mode,
    capacity: values.capacity,
    uptakeRate: setting(values.uptake, 'uptake', 'uptakeRate'),
    gaps: values.gaps,
    // --areas-out (siting analyze: areaTableOptions) writes the per-area table, so it computes it.
    byArea: values['by-area'] || values['areas-out'] !== undefined,
    serviceAreas: values['service-areas-out'] !== undefined ? { perFacility: values['per-facility'] === true } : undefined,
  };
  if (mode === 'circle') {
    options.radiiM = numberList(values['radius-m'], 'radius-m', LIMITS.radiusM.max);
  } else {
    options.minutes = numberList(values.minutes, 'minutes', LIMITS.minutes.max);
    options.networkM = networkDistances(values['network-m']);
    options.speedMps = setting(values['speed-mps'], 'speed-mps', 'speedMps');
    options.stepsFactor = setting(values['steps-factor'], 'steps-factor', 'stepsFactor');
    options.maxSnapM = setting(values['max-snap-m'], 'max-snap-m', 'maxSnapM');
    options.statisticsHorizonFactor = setting(values['stats-horizon-factor'], 'stats-horizon-factor', 'statisticsHorizonFactor');
  }
  return {
    options: analysisWithDefaults(options),
    kinds,
    scenario: values.scenario,
    gapsOut: values['gaps-out'],
    serviceAreasOut: values['service-areas-out'],
  };
}

/** The flag's number within its setting's limits (shared/settings/siting_settings.ts), or the setting's default. */
function setting(value: string | undefined, flag: string, name: LimitName & keyof typeof DEFAULTS): number {
  return numberFlag(value, flag, DEFAULTS[name] as number, (n) => withinLimit(name, n), LIMITS[name].expected);
}

/** Parses a comma list of positive numbers, naming the flag on error. */
function numberList(value: string | undefined, flag: string, max: number): number[] | undefined {
  const items = listFlag(value);
  if (!items) return undefined;
  if (items.length === 0) throw new InputError(`--${flag} needs at least one number`, { field: flag }, { reason: 'flag_value_invalid', params: { flag: `--${flag}`, value: value ?? '' } });
  return items.map((item) => numberFlag(item, flag, 0, (n) => n > 0 && n <= max, `a number in (0, ${max}]`));
}

/** `--network-m 300,500,1000` or `--network-m life-circles` (the GB 50180-2018 distances). */
function networkDistances(value: string | undefined): number[] | undefined {
  if (value?.trim() === LIFE_CIRCLES_KEYWORD) {
    return lifeCircleThresholds('distance').map((t) => ('distanceM' in t ? t.distanceM : Number.NaN));
  }
  return numberList(value, 'network-m', 100_000);
}

/**
 * `siting analyze`'s per-area table flags: `--areas-out FILE.csv|.xlsx` and `--lang zh|en` for its
 * headings (default zh). Not part of analyzeSettings: `siting map` shares those and has its own --lang.
 * @example areaTableOptions({ 'areas-out': 'streets.xlsx', lang: 'en' }) // { out: 'streets.xlsx', language: 'en' }
 */
export function areaTableOptions(values: CliValues): { out: string | undefined; language: 'zh' | 'en' } {
  if (values.lang !== undefined && values['areas-out'] === undefined) {
    throw new InputError('--lang sets the language of the --areas-out table; give the file too', { field: 'lang' }, { reason: 'analysis_flag_needs', params: { flag: '--lang', needs: '--areas-out' } });
  }
  if (values.lang !== undefined && values.lang !== 'zh' && values.lang !== 'en') {
    throw new InputError(`--lang must be zh or en, got "${values.lang}"`, { field: 'lang' }, { reason: 'print_value_unknown', params: { flag: '--lang', value: values.lang, allowed: 'zh, en' } });
  }
  if (values['areas-out'] !== undefined && !/\.(csv|xlsx)$/i.test(values['areas-out'])) {
    throw new InputError(`--areas-out must end in .csv or .xlsx, got "${values['areas-out']}"`, { field: 'areas-out' }, { reason: 'print_value_unknown', params: { flag: '--areas-out', value: values['areas-out'], allowed: '.csv, .xlsx' } });
  }
  return { out: values['areas-out'], language: values.lang === 'en' ? 'en' : 'zh' };
}
