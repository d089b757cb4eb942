/**
 * How an analysis threshold reads in the panel, the tables and the map legend, in the active
 * language: a walking time ("15 min"), a network distance or a radius ("1,000 m").
 */
import type { ThresholdResult } from '../../../shared/engine/analysis/analysis_types';
import type { AnalysisFormatters } from '../../analysis/analysis_format';

/** @example thresholdText({ minutes: null, radiusM: null, networkM: 500 }, format) // "500 m" */
export function thresholdText(threshold: Pick<ThresholdResult, 'minutes' | 'radiusM' | 'networkM'>, format: AnalysisFormatters): string {
  if (threshold.minutes !== null) return format.minutes(threshold.minutes);
  return format.metres(threshold.networkM ?? threshold.radiusM ?? 0);
}

/** The threshold of a result with this engine label (e.g. the capacity's), shown; the label itself when unknown. */
export function thresholdTextOf(thresholds: readonly ThresholdResult[], label: string, format: AnalysisFormatters): string {
  const threshold = thresholds.find((candidate) => candidate.label === label);
  return threshold ? thresholdText(threshold, format) : label;
}

/** The largest threshold of a result (the one capacity, gaps and the not-covered figures refer to). */
export function largestThreshold(thresholds: readonly ThresholdResult[]): ThresholdResult {
  return thresholds.reduce((a, b) => (b.limitM > a.limitM ? b : a));
}
