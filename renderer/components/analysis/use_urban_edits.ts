/**
 * The urban/rural flag of boundary areas set from the per-area table: each change is one
 * `boundaries:urban:set` (one transaction in the project file, audited) and goes on an undo stack
 * (edit_history.ts: the host says what each area was, the inverse puts that back). The analysis shown
 * keeps its coverage figures (they do not depend on the flag); its areas take the new flags and the
 * summary by level × urban/rural is regrouped (summarizeAreaFigures), so the urban and rural targets
 * apply at once. The next analysis reads the flags from the project.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import type { BoundaryUrban } from '../../../shared/ipc/contract';
import { summarizeAreaFigures, type AreaFigures, type AreaGroupSummary } from '../../../shared/engine/areas/area_coverage';
import { KEYS, useServices } from '../../state/app_context';
import { EditHistory, inverseOf, type HistoryEntry } from '../../workspace/edit_history';
import type { AnalysisSummary } from '../../workers/analysis_task';

type Areas = NonNullable<AnalysisSummary['areas']>;

export interface UrbanEdits {
  figures: AreaFigures[];
  summary: AreaGroupSummary[];
  /** Sets the flag of these areas (one transaction, one undo step). */
  set(put: BoundaryUrban[]): Promise<void>;
  undo(): Promise<void>;
  redo(): Promise<void>;
  canUndo: boolean;
  canRedo: boolean;
  busy: boolean;
  error: unknown;
  /** What the last step did, for the status line. */
  last: { kind: 'set'; count: number; urban: boolean | null } | { kind: 'undo' | 'redo' } | null;
}

export function useUrbanEdits(areas: Areas): UrbanEdits {
  const { api, store } = useServices();
  // Flags set since this analysis ran, by area id; a new analysis (new `areas`) reads them from the project.
  const [state, setState] = useState<{ of: Areas; flags: Map<string, boolean | null> }>({ of: areas, flags: new Map() });
  const flags = state.of === areas ? state.flags : EMPTY;
  const history = useRef<{ of: Areas; stack: EditHistory<BoundaryUrban> }>({ of: areas, stack: new EditHistory<BoundaryUrban>() });
  if (history.current.of !== areas) history.current = { of: areas, stack: new EditHistory<BoundaryUrban>() };
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [last, setLast] = useState<UrbanEdits['last']>(null);

  const write = useCallback(
    async (put: BoundaryUrban[], action: string) => {
      const reply = await api['boundaries:urban:set']({ put, action });
      setState((current) => {
        const next = new Map(current.of === areas ? current.flags : EMPTY);
        for (const area of reply.after) next.set(area.id, area.urban);
        return { of: areas, flags: next };
      });
      store.invalidate(KEYS.layer('boundaries'), KEYS.project);
      return reply;
    },
    [api, store, areas],
  );

  const run = useCallback(async (step: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await step();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }, []);

  const set = useCallback(
    (put: BoundaryUrban[]) =>
      run(async () => {
        if (put.length === 0) return;
        const reply = await write(put, 'boundary:urban');
        const forward = { put, delete: [] };
        const entry: HistoryEntry<BoundaryUrban> = { action: 'urban', subject: put[0].id, forward, inverse: inverseOf(forward, reply, 'areas') };
        history.current.stack.record(entry);
        setLast({ kind: 'set', count: put.length, urban: put[0].urban });
      }),
    [run, write],
  );
  const step = useCallback(
    (direction: 'undo' | 'redo') =>
      run(async () => {
        const stack = history.current.stack;
        const entry = direction === 'undo' ? stack.peekUndo() : stack.peekRedo();
        if (!entry) return;
        await write((direction === 'undo' ? entry.inverse : entry.forward).put, `boundary:urban:${direction}`);
        if (direction === 'undo') stack.undone();
        else stack.redone();
        setLast({ kind: direction });
      }),
    [run, write],
  );

  const labels = useMemo(() => areas.areas[0]?.thresholds.map((t) => t.label) ?? [], [areas]);
  const figures = useMemo(() => (flags.size === 0 ? areas.areas : areas.areas.map((area) => (flags.has(area.id) ? { ...area, urban: flags.get(area.id) ?? null } : area))), [areas, flags]);
  const summary = useMemo(() => (flags.size === 0 ? areas.summary : summarizeAreaFigures(figures, labels)), [areas, flags, figures, labels]);
  return {
    figures,
    summary,
    set,
    undo: () => step('undo'),
    redo: () => step('redo'),
    canUndo: history.current.stack.peekUndo() !== null,
    canRedo: history.current.stack.peekRedo() !== null,
    busy,
    error,
    last,
  };
}

const EMPTY: Map<string, boolean | null> = new Map();
