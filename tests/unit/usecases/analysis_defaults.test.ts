/**
 * The one rule for the defaults of an analysis a map asks for (`siting analyze`/`siting map --analysis`
 * and the print panel's channels): what is absent takes the default of shared/settings/siting_settings.ts,
 * what is given stays.
 */
import { describe, expect, it } from 'vitest';
import { analysisWithDefaults } from '../../../shared/settings/analysis_defaults';
import { DEFAULTS } from '../../../shared/settings/siting_settings';

describe('analysisWithDefaults', () => {
  it('a circle without radii is the default circle; given radii stay', () => {
    expect(analysisWithDefaults({ mode: 'circle' })).toEqual({ mode: 'circle', radiiM: [1000], uptakeRate: DEFAULTS.uptakeRate });
    expect(analysisWithDefaults({ mode: 'circle', radiiM: [300, 500] }).radiiM).toEqual([300, 500]);
  });

  it('a network without thresholds walks 15 minutes at the default speed, steps and snap distance', () => {
    expect(analysisWithDefaults({ mode: 'network' })).toEqual({
      mode: 'network',
      minutes: [15],
      speedMps: DEFAULTS.speedMps,
      stepsFactor: DEFAULTS.stepsFactor,
      maxSnapM: DEFAULTS.maxSnapM,
      statisticsHorizonFactor: DEFAULTS.statisticsHorizonFactor,
      uptakeRate: DEFAULTS.uptakeRate,
    });
  });

  it('network distances replace the default minutes; given settings stay', () => {
    const options = analysisWithDefaults({ mode: 'network', networkM: [300, 500, 1000], speedMps: 0.8, stepsFactor: 3 });
    expect(options.minutes).toBeUndefined();
    expect(options).toMatchObject({ networkM: [300, 500, 1000], speedMps: 0.8, stepsFactor: 3, maxSnapM: DEFAULTS.maxSnapM });
  });
});
