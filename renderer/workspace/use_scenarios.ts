/**
 * The project's scenarios (规划方案) and which one the planner works in. The choice is remembered
 * per project file in this browser; without one the app opens the scenario marked as the plan,
 * else the baseline.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Scenario } from '../../shared/schemas/entities';
import { KEYS, useServices } from '../state/app_context';
import { useQuery } from '../state/query_store';

export const SCENARIOS_KEY = 'scenarios';
export const BASELINE_ID = 'baseline';

const storageKey = (projectPath: string) => `siting.scenario:${projectPath}`;

function readChoice(projectPath: string | null): string | null {
  if (!projectPath) return null;
  try {
    return localStorage.getItem(storageKey(projectPath));
  } catch {
    return null;
  }
}

function writeChoice(projectPath: string | null, id: string): void {
  if (!projectPath) return;
  try {
    localStorage.setItem(storageKey(projectPath), id);
  } catch {
    // Storage may be off (private window): the choice then lasts until the page reloads.
  }
}

export interface ScenarioState {
  scenarios: Scenario[];
  loading: boolean;
  error: unknown;
  /** The scenario being worked on (null until the list has loaded). */
  current: Scenario | null;
  select(id: string): void;
  create(name: string): Promise<Scenario>;
  duplicate(id: string, name: string): Promise<Scenario>;
  rename(id: string, name: string): Promise<Scenario>;
  remove(id: string): Promise<void>;
  setPlan(id: string): Promise<void>;
}

export function useScenarios(projectPath: string | null): ScenarioState {
  const { api, store } = useServices();
  const list = useQuery(store, projectPath ? SCENARIOS_KEY : null, () => api['scenario:list']({}));
  const [chosen, setChosen] = useState<string | null>(() => readChoice(projectPath));
  useEffect(() => setChosen(readChoice(projectPath)), [projectPath]);

  const scenarios = projectPath ? (list.data ?? []) : [];
  const current =
    scenarios.find((s) => s.id === chosen) ?? scenarios.find((s) => s.isPlan) ?? scenarios.find((s) => s.id === BASELINE_ID) ?? scenarios[0] ?? null;

  const select = useCallback(
    (id: string) => {
      setChosen(id);
      writeChoice(projectPath, id);
    },
    [projectPath],
  );

  /** Scenario edits change the list, the project's counts and (delete) the figures. */
  const refresh = useCallback(() => store.invalidate(SCENARIOS_KEY, KEYS.project, KEYS.coveragePrefix, KEYS.layer('proposals')), [store]);

  const create = useCallback(
    async (name: string) => {
      const created = await api['scenario:create']({ name });
      refresh();
      select(created.id);
      return created;
    },
    [api, refresh, select],
  );
  const duplicate = useCallback(
    async (id: string, name: string) => {
      const copy = await api['scenario:duplicate']({ scenario: id, name });
      refresh();
      select(copy.id);
      return copy;
    },
    [api, refresh, select],
  );
  const rename = useCallback(
    async (id: string, name: string) => {
      const renamed = await api['scenario:rename']({ scenario: id, name });
      refresh();
      return renamed;
    },
    [api, refresh],
  );
  const remove = useCallback(
    async (id: string) => {
      await api['scenario:delete']({ scenario: id });
      if (current?.id === id) select(BASELINE_ID);
      refresh();
    },
    [api, current?.id, refresh, select],
  );
  const setPlan = useCallback(
    async (id: string) => {
      await api['scenario:set-plan']({ scenario: id });
      refresh();
    },
    [api, refresh],
  );

  return { scenarios, loading: list.loading, error: list.error, current, select, create, duplicate, rename, remove, setPlan };
}
