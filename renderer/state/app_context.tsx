/**
 * What every component reads: the host API, the query cache over it, and the host's capabilities.
 * Query hooks here are the only readers of project data; mutations invalidate their keys.
 */
import { createContext, useContext, type ReactNode } from 'react';
import type { Api, ChannelOutput } from '../../shared/ipc/contract';
import type { FacilityKind, LayerName } from '../../shared/schemas/entities';
import { QueryStore, useQuery, type QueryState } from './query_store';
import { timedAsync } from './timing';

export type AppInfo = ChannelOutput<'app:info:get'>;
export type ProjectInfo = ChannelOutput<'project:current:get'>;
export type LayerData = ChannelOutput<'layer:features:list'>;
export type CoverageRun = ChannelOutput<'analysis:coverage:run'>;

export interface AppServices {
  api: Api;
  store: QueryStore;
}

const ServicesContext = createContext<AppServices | null>(null);

export function ServicesProvider({ services, children }: { services: AppServices; children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useServices(): AppServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices() outside <ServicesProvider>');
  return services;
}

/** Query keys; invalidating a prefix re-fetches every key under it. */
export const KEYS = {
  appInfo: 'app-info',
  project: 'project',
  recent: 'recent',
  layer: (layer: LayerName) => `layer:${layer}`,
  coveragePrefix: 'coverage:',
  coverage: (radiusM: number, kinds: readonly FacilityKind[], scenario?: string) =>
    `coverage:${radiusM}:${[...kinds].sort().join(',')}${scenario ? `:${scenario}` : ''}`,
} as const;

export function useAppInfo(): QueryState<AppInfo> {
  const { api, store } = useServices();
  return useQuery(store, KEYS.appInfo, () => api['app:info:get']({}));
}

export function useProject(): QueryState<ProjectInfo> {
  const { api, store } = useServices();
  return useQuery(store, KEYS.project, () => api['project:current:get']({}));
}

export function useRecentProjects(): QueryState<string[]> {
  const { api, store } = useServices();
  return useQuery(store, KEYS.recent, () => api['project:recent:list']({}));
}

/** Features of one layer; `enabled` false (no project, empty layer) skips the request. */
export function useLayer(layer: LayerName, enabled: boolean): QueryState<LayerData> {
  const { api, store } = useServices();
  return useQuery(store, enabled ? KEYS.layer(layer) : null, () =>
    timedAsync(`siting:layer-${layer}-fetch`, () => api['layer:features:list']({ layer })),
  );
}

/** Coverage of the existing facilities plus the proposals of `scenario` (none without one). */
export function useCoverage(radiusM: number, kinds: readonly FacilityKind[], enabled: boolean, scenario?: string): QueryState<CoverageRun> {
  const { api, store } = useServices();
  return useQuery(store, enabled ? KEYS.coverage(radiusM, kinds, scenario) : null, () =>
    timedAsync('siting:coverage-run', () => api['analysis:coverage:run']({ radiusM, kinds: [...kinds], ...(scenario ? { scenario } : {}) })),
  );
}
