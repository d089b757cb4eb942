/**
 * The proposals of the current scenario and every edit of them. Each edit shows at once (applied
 * locally, figures follow), is saved right away with `proposals:apply` (one transaction and one audit
 * entry per proposal in the project file) and goes on the scenario's undo stack with the inverse the
 * host's reply implies. Edits, undo and redo run one after another in the order they were made.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Proposal } from '../../shared/schemas/entities';
import { KEYS, useServices } from '../state/app_context';
import { useQuery } from '../state/query_store';
import { applyLocally, EditHistory, inverseOf, type ChangeSet, type HistoryEntry } from './edit_history';

/** How the proposals changed: loaded anew, edited (incl. undo/redo), or moved during a drag. */
export type ChangeKind = 'reset' | 'edit' | 'preview';

export type LocalChangeListener = (proposals: readonly Proposal[], kind: ChangeKind) => void;

export const proposalsKey = (scenarioId: string) => `${KEYS.layer('proposals')}:${scenarioId}`;

export interface ProposalEdits {
  proposals: Proposal[];
  loading: boolean;
  /** The last failed save or load (the proposals are then re-read from the project file). */
  error: unknown;
  clearError(): void;
  /** Saves under way. */
  saving: number;
  /** When the last edit was saved (ms since epoch), null before the first one. */
  savedAt: number | null;
  apply(change: ChangeSet, action: string, subject: string): Promise<boolean>;
  /** Shows a proposal at another place without saving (during a drag). */
  preview(id: string, lon: number, lat: number): void;
  undo(): Promise<void>;
  redo(): Promise<void>;
  undoEntry: HistoryEntry | null;
  redoEntry: HistoryEntry | null;
  /** Forgets the undo and redo steps of every scenario of this project (another program changed its proposals). */
  clearHistory(): void;
}

const sameList = (a: readonly Proposal[], b: readonly Proposal[]) => a.length === b.length && JSON.stringify(a) === JSON.stringify(b);

/**
 * @param projectPath the open project: undo stacks and the loaded list belong to one project file
 *   (two projects both have a "baseline" scenario).
 */
export function useProposalEdits(projectPath: string | null, scenarioId: string | null, onChange: LocalChangeListener): ProposalEdits {
  const { api, store } = useServices();
  const query = useQuery(store, scenarioId ? proposalsKey(scenarioId) : null, () => api['proposals:list']({ scenario: scenarioId as string }));
  const [proposals, setProposals] = useState<Proposal[]>([]);
  const current = useRef<Proposal[]>([]);
  const shownScenario = useRef<string | null>(null);
  // Project and scenario together name what is shown and whose history it is.
  const scope = scenarioId && projectPath ? `${projectPath}\n${scenarioId}` : null;
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(0);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const [historyVersion, setHistoryVersion] = useState(0);
  const histories = useRef(new Map<string, EditHistory>());
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const pending = useRef(0);
  const listener = useRef(onChange);
  listener.current = onChange;

  const show = useCallback((next: Proposal[], kind: ChangeKind) => {
    current.current = next;
    setProposals(next);
    listener.current(next, kind);
  }, []);

  // The saved proposals: on a scenario switch they replace what is shown; later fetches (after an
  // edit elsewhere, e.g. suggested sites) are applied as an edit when they differ, unless own edits
  // are still being saved (their refetch follows).
  useEffect(() => {
    if (!scope) {
      shownScenario.current = null;
      show([], 'reset');
      return;
    }
    const data = query.data;
    if (shownScenario.current !== scope) {
      if (!data || query.loading) return;
      shownScenario.current = scope;
      show(data, 'reset');
      return;
    }
    if (data && pending.current === 0 && !sameList(data, current.current)) show(data, 'edit');
  }, [scope, query.data, query.loading, show]);

  const history = useCallback((id: string) => {
    let found = histories.current.get(id);
    if (!found) {
      found = new EditHistory();
      histories.current.set(id, found);
    }
    return found;
  }, []);

  /** Runs `task` after every earlier edit has been saved. */
  const enqueue = useCallback(<T,>(task: () => Promise<T>): Promise<T> => {
    pending.current += 1;
    const run = chain.current.then(task).finally(() => {
      pending.current -= 1;
    });
    chain.current = run.catch(() => undefined);
    return run;
  }, []);

  /** Saves `change`; on failure re-reads the saved proposals and forgets the scenario's history. */
  const save = useCallback(
    async (scenario: string, change: ChangeSet, action: string) => {
      setSaving((n) => n + 1);
      try {
        const reply = await api['proposals:apply']({ put: change.put, delete: change.delete, action });
        setSavedAt(Date.now());
        setError(null);
        return reply;
      } catch (caught) {
        setError(caught);
        history(scenario).clear();
        setHistoryVersion((v) => v + 1);
        return null;
      } finally {
        setSaving((n) => n - 1);
        // Figures, counts and other readers of proposals follow the project file.
        store.invalidate(KEYS.coveragePrefix, KEYS.project, KEYS.layer('proposals'));
      }
    },
    [api, history, store],
  );

  const apply = useCallback(
    (change: ChangeSet, action: string, subject: string) => {
      const scenario = scope;
      if (!scenario) return Promise.resolve(false);
      show(applyLocally(current.current, change), 'edit');
      return enqueue(async () => {
        const reply = await save(scenario, change, action);
        if (!reply) return false;
        history(scenario).record({ action, subject, forward: change, inverse: inverseOf(change, reply) });
        setHistoryVersion((v) => v + 1);
        return true;
      });
    },
    [enqueue, history, save, scope, show],
  );

  const preview = useCallback(
    (id: string, lon: number, lat: number) => {
      const moved = current.current.map((p) => (p.id === id ? { ...p, lon, lat } : p));
      show(moved, 'preview');
    },
    [show],
  );

  const step = useCallback(
    (direction: 'undo' | 'redo') => {
      const scenario = scope;
      if (!scenario) return Promise.resolve();
      return enqueue(async () => {
        const stack = history(scenario);
        const entry = direction === 'undo' ? stack.peekUndo() : stack.peekRedo();
        if (!entry) return;
        const change = direction === 'undo' ? entry.inverse : entry.forward;
        show(applyLocally(current.current, change), 'edit');
        const reply = await save(scenario, change, `proposal:${direction}`);
        if (!reply) return;
        if (direction === 'undo') stack.undone();
        else stack.redone();
        setHistoryVersion((v) => v + 1);
      });
    },
    [enqueue, history, save, scope, show],
  );

  const clearHistory = useCallback(() => {
    for (const key of [...histories.current.keys()]) if (key.startsWith(`${projectPath}\n`)) histories.current.delete(key);
    setHistoryVersion((v) => v + 1);
  }, [projectPath]);

  const undo = useCallback(() => step('undo'), [step]);
  const redo = useCallback(() => step('redo'), [step]);

  // The stacks live in a ref; their tops are read after every change of them (historyVersion).
  const [tops, setTops] = useState<{ undoEntry: HistoryEntry | null; redoEntry: HistoryEntry | null }>({ undoEntry: null, redoEntry: null });
  useEffect(() => {
    const stack = scope ? histories.current.get(scope) : undefined;
    setTops({ undoEntry: stack?.peekUndo() ?? null, redoEntry: stack?.peekRedo() ?? null });
  }, [scope, historyVersion]);
  const { undoEntry, redoEntry } = tops;

  return {
    proposals,
    loading: query.loading && shownScenario.current !== scope,
    error: error ?? query.error ?? null,
    clearError: () => setError(null),
    saving,
    savedAt,
    apply,
    preview,
    undo,
    redo,
    undoEntry,
    redoEntry,
    clearHistory,
  };
}
