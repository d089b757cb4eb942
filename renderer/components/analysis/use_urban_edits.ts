/**
 * The urban/rural flag of boundary areas set from the per-area table: each change is one
 * `boundaries:urban:set` (one transaction in the project file, audited) and goes on an undo stack
 * (edit_history.ts: the host says what each area was, the inverse puts that back). The analysis shown
 * keeps its coverage figures (they do not depend on the flag); its areas take the new flags and the
 * summary by level × urban/rural is regrouped (summarizeAreaFigures), so the urban and rural targets
 * apply at once. The flags set are kept per project file (they are what the file now holds, so they
 * hold for a later analysis too, which reads them from the file anyway).
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import type { BoundaryUrban } from '../../../shared/ipc/contract';
import { summarizeAreaFigures, type AreaFigures, type AreaGroupSummary } from '../../../shared/engine/areas/area_coverage';
import { KEYS, useProject, useServices } from '../../state/app_context';
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
  // Flags set in this project file, by area id (another project starts with none and its own history).
  const project = useProject().data?.path ?? null;
  const [state, setState] = useState<{ of: string | null; flags: Map<string, boolean | null> }>({ of: project, flags: new Map() });
  const flags = state.of === project ? state.flags : EMPTY;
  const history = useRef<{ of: string | null; stack: EditHistory<BoundaryUrban> }>({ of: project, stack: new EditHistory<BoundaryUrban>() });
  if (history.current.of !== project) history.current = { of: project, stack: new EditHistory<BoundaryUrban>() };
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [last, setLast] = useState<UrbanEdits['last']>(null);

  const write = useCallback(
    async (put: BoundaryUrban[], action: string) => {
      const reply = await api['boundaries:urban:set']({ put, action });
      setState((current) => {
        const next = new Map(current.of === project ? current.flags : EMPTY);
        for (const area of reply.after) next.set(area.id, area.urban);
        return { of: project, flags: next };
      });
      store.invalidate(KEYS.layer('boundaries'));
      return reply;
    },
    [api, store, project],
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
  const changed = useMemo(() => areas.areas.some((area) => flags.has(area.id) && flags.get(area.id) !== area.urban), [areas, flags]);
  const figures = useMemo(() => (!changed ? areas.areas : areas.areas.map((area) => (flags.has(area.id) ? { ...area, urban: flags.get(area.id) ?? null } : area))), [areas, flags, changed]);
  const summary = useMemo(() => (!changed ? areas.summary : summarizeAreaFigures(figures, labels)), [areas, changed, figures, labels]);
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
