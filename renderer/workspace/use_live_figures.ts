/**
 * Keeps the LiveFigures of the current scenario and the "before → after" pair the panel shows:
 * after a load, existing facilities only → with the scenario's proposals; after an edit, the
 * figures before it → after it (during a drag: at the drag's start → now).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DemandGrid } from '../../shared/engine/demand_grid';
import type { FacilityKind, Proposal } from '../../shared/schemas/entities';
import { timed } from '../state/timing';
import { figureRadii, LiveFigures, type ExistingFacility, type WorkspaceFigures } from '../../shared/usecases/live_figures';
import type { ChangeKind } from './use_proposal_edits';

export interface FigureSnapshot {
  before: WorkspaceFigures;
  after: WorkspaceFigures;
  /** What "before" is: the existing facilities alone, or the state before the last edit. */
  reference: 'existing' | 'edit';
  /** performance.now() of the change these figures answer (for the edit → figures measure). */
  changedAt: number;
  kind: ChangeKind;
}

export interface LiveFigureState {
  snapshot: FigureSnapshot | null;
  /** Feed of proposal changes (from useProposalEdits). */
  onProposals(proposals: readonly Proposal[], kind: ChangeKind): void;
  /** Figures and uncovered cells of any list of proposals (for comparing scenarios). */
  evaluate(proposals: readonly Proposal[]): { figures: WorkspaceFigures; uncoveredFids: number[] } | null;
  /** 1 where a cell is covered at the analysis radius now (null before the figures exist). */
  coveredMask(): Uint8Array | null;
}

export function useLiveFigures(
  grid: DemandGrid | null,
  existing: readonly ExistingFacility[] | null,
  radiusM: number,
  kinds: readonly FacilityKind[],
): LiveFigureState {
  // The kinds by value: a new array with the same kinds keeps the figures.
  const kindsKey = [...kinds].sort().join(',');
  const countedKinds = useMemo(() => kindsKey.split(',').filter(Boolean) as FacilityKind[], [kindsKey]);
  const live = useMemo(
    () => (grid && existing && grid.count > 0 ? timed('siting:live-figures-build', () => new LiveFigures(grid, figureRadii(radiusM), radiusM, countedKinds, existing)) : null),
    [grid, existing, radiusM, countedKinds],
  );
  const [snapshot, setSnapshot] = useState<FigureSnapshot | null>(null);
  const latest = useRef<readonly Proposal[]>([]);
  const shown = useRef<FigureSnapshot | null>(null);
  const dragStart = useRef<WorkspaceFigures | null>(null);
  const liveRef = useRef<LiveFigures | null>(null);

  const compute = useCallback((target: LiveFigures, proposals: readonly Proposal[], kind: ChangeKind) => {
    const changedAt = performance.now();
    const next = timed('siting:live-figures', (): FigureSnapshot => {
      if (kind === 'reset' || !shown.current) {
        dragStart.current = null;
        target.setProposals([]);
        const before = target.figures();
        target.setProposals(proposals);
        return { before, after: target.figures(), reference: 'existing', changedAt, kind };
      }
      if (kind === 'preview') dragStart.current ??= shown.current.after;
      const before = dragStart.current ?? shown.current.after;
      if (kind === 'edit') dragStart.current = null;
      target.setProposals(proposals);
      return { before, after: target.figures(), reference: 'edit', changedAt, kind };
    });
    shown.current = next;
    setSnapshot(next);
  }, []);

  // New grid, facilities or analysis parameters: start again from the existing facilities.
  useEffect(() => {
    liveRef.current = live;
    shown.current = null;
    if (live) compute(live, latest.current, 'reset');
    else setSnapshot(null);
  }, [live, compute]);

  const onProposals = useCallback(
    (proposals: readonly Proposal[], kind: ChangeKind) => {
      latest.current = proposals;
      if (liveRef.current) compute(liveRef.current, proposals, kind);
    },
    [compute],
  );

  const evaluate = useCallback(
    (proposals: readonly Proposal[]) => {
      if (!grid || !existing || grid.count === 0) return null;
      const scratch = new LiveFigures(grid, figureRadii(radiusM), radiusM, countedKinds, existing);
      scratch.setProposals(proposals);
      return { figures: scratch.figures(), uncoveredFids: scratch.uncoveredFids() };
    },
    [grid, existing, radiusM, countedKinds],
  );

  const coveredMask = useCallback(() => liveRef.current?.coveredMask() ?? null, []);

  return { snapshot, onProposals, evaluate, coveredMask };
}
