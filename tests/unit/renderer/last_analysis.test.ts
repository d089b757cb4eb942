/**
 * The print panel's "as last run": the analysis panel's run settings become a map's analysis that the
 * print channels accept (MapAnalysis), with the thresholds, speed, steps, snap distance and kinds of the run.
 */
import { describe, expect, it } from 'vitest';
import { MapAnalysis } from '../../../shared/ipc/contract';
import { mapAnalysisOf } from '../../../renderer/analysis/last_analysis';
import type { AccessibilityParams } from '../../../renderer/analysis/use_accessibility';

const run: AccessibilityParams = {
  mode: 'circle',
  radiiM: [500, 1000],
  minutes: [],
  networkM: [],
  speedMps: 0.8,
  stepsFactor: 3,
  maxSnapM: 250,
  capacity: false,
  uptakeRate: 0.03,
  gaps: true,
  byArea: false,
  kinds: ['day_care'],
  scenario: null,
};

describe('mapAnalysisOf', () => {
  it('a circle run: its radii and kinds', () => {
    const choice = mapAnalysisOf(run);
    expect(choice).toEqual({ analysis: { mode: 'circle', radiiM: [500, 1000] }, kinds: ['day_care'] });
    expect(MapAnalysis.safeParse(choice.analysis).success).toBe(true);
  });

  it('a network run by walking time: minutes, speed, steps and snap distance', () => {
    const choice = mapAnalysisOf({ ...run, mode: 'network', minutes: [5, 10, 15] });
    expect(choice.analysis).toEqual({ mode: 'network', minutes: [5, 10, 15], speedMps: 0.8, stepsFactor: 3, maxSnapM: 250 });
    expect(MapAnalysis.safeParse(choice.analysis).success).toBe(true);
  });

  it('a network run by distance: the distances, not the minutes', () => {
    const choice = mapAnalysisOf({ ...run, mode: 'network', minutes: [15], networkM: [300, 500, 1000] });
    expect(choice.analysis).toEqual({ mode: 'network', networkM: [300, 500, 1000], speedMps: 0.8, stepsFactor: 3, maxSnapM: 250 });
    expect(MapAnalysis.safeParse(choice.analysis).success).toBe(true);
  });
});
