/**
 * The settings of the accessibility analysis the analysis panel last ran (AnalysisWorkbench), kept for
 * this session per project, so that the print panel can draw the map "as last run". Not stored in the
 * project: a reopened project has none until an analysis runs (the print panel then offers the
 * choices of its own).
 */
import { useMemo, useSyncExternalStore } from 'react';
import type { MapAnalysis } from '../../shared/ipc/contract';
import { MAP_ANALYSIS_THRESHOLDS } from '../../shared/ipc/contract';
import type { FacilityKind } from '../../shared/schemas/entities';
import type { AccessibilityParams } from './use_accessibility';

/** The analysis a map draws and the kinds that count, as the print channels take them. */
export interface MapAnalysisChoice {
  analysis: MapAnalysis;
  kinds: FacilityKind[];
}

let last: { project: string; params: AccessibilityParams } | null = null;
const listeners = new Set<() => void>();

/** Remembers the settings of an analysis the analysis panel runs on `project` (its path). */
export function rememberAnalysis(project: string, params: AccessibilityParams): void {
  last = { project, params };
  for (const listener of listeners) listener();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/**
 * The last run's settings as a map's analysis, or null when none ran on this project in this session.
 * @example mapAnalysisOf({ mode: 'circle', radiiM: [500, 1000], kinds: ['day_care'], ... }) // { analysis: { mode: 'circle', radiiM: [500, 1000] }, kinds: ['day_care'] }
 */
export function mapAnalysisOf(params: AccessibilityParams): MapAnalysisChoice {
  const first = (values: number[] | undefined) => (values && values.length > 0 ? values.slice(0, MAP_ANALYSIS_THRESHOLDS) : undefined);
  if (params.mode === 'circle') return { analysis: { mode: 'circle', radiiM: first(params.radiiM) }, kinds: params.kinds };
  const networkM = first(params.networkM);
  return {
    analysis: {
      mode: 'network',
      ...(networkM ? { networkM } : { minutes: first(params.minutes) }),
      speedMps: params.speedMps,
      ...(params.stepsFactor !== undefined ? { stepsFactor: params.stepsFactor } : {}),
      maxSnapM: params.maxSnapM,
    },
    kinds: params.kinds,
  };
}

/** The settings of the analysis last run on `project` in this session, as a map's analysis; null when none. */
export function useLastAnalysis(project: string): MapAnalysisChoice | null {
  const value = useSyncExternalStore(subscribe, () => last);
  return useMemo(() => (value && value.project === project ? mapAnalysisOf(value.params) : null), [value, project]);
}
