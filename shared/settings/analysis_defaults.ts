/**
 * The analysis a request asks for with the defaults of shared/settings/siting_settings.ts filled in:
 * the one rule `siting analyze` / `siting map --analysis` (electron/cli/analyze_options.ts) and the
 * app's print panel (`map:preview`, `map:export`, `map:atlas:start`) follow, so the same settings
 * draw the same figures everywhere.
 */
import type { AnalysisOptions } from '../engine/analysis/analysis_types';
import { DEFAULTS } from './siting_settings';

/**
 * @example analysisWithDefaults({ mode: 'circle' }).radiiM // [1000]
 * @example analysisWithDefaults({ mode: 'network', networkM: [300] }).minutes // undefined
 */
export function analysisWithDefaults(settings: AnalysisOptions): AnalysisOptions {
  const options: AnalysisOptions = { ...settings, uptakeRate: settings.uptakeRate ?? DEFAULTS.uptakeRate };
  if (settings.mode === 'circle') {
    options.radiiM = settings.radiiM ?? [DEFAULTS.radiusM];
  } else {
    if (!settings.minutes && !settings.networkM) options.minutes = [DEFAULTS.minutes];
    options.speedMps = settings.speedMps ?? DEFAULTS.speedMps;
    options.stepsFactor = settings.stepsFactor ?? DEFAULTS.stepsFactor;
    options.maxSnapM = settings.maxSnapM ?? DEFAULTS.maxSnapM;
    options.statisticsHorizonFactor = settings.statisticsHorizonFactor ?? DEFAULTS.statisticsHorizonFactor;
  }
  return options;
}
