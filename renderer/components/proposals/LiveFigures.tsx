import { useLayoutEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../i18n/format';
import { makeChangeFormatter, type FigureUnit } from '../../workspace/figure_format';
import type { WorkspaceFigures } from '../../../shared/usecases/live_figures';
import { useWorkspace } from '../../workspace/workspace_context';
import { usePresetTargets } from '../../workspace/use_preset_targets';

interface Row {
  id: string;
  label: string;
  unit: FigureUnit;
  pick: (figures: WorkspaceFigures) => number | null;
  /** +1 when a rise is an improvement, -1 when a fall is. */
  better: 1 | -1;
  hint?: string;
}

/**
 * The scenario's figures as "before → after (change)": coverage of older people per threshold,
 * older people left uncovered, beds per 1,000 older people and the nursing-bed share. Updated on
 * every edit (and during a drag) from the incremental coverage state, without asking the host.
 */
export function LiveFigures() {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const { figures } = useWorkspace();
  const snapshot = figures.snapshot;
  const change = useMemo(() => makeChangeFormatter(format, t('common.none'), (value) => t('workspace.figures.points', { value })), [format, t]);
  const tableRef = useRef<HTMLTableElement>(null);
  // The targets of the project's rule preset (a bundled one or the planner's edited copy); none shown without one.
  const targets = usePresetTargets();
  const bedsTarget = targets?.bedsPer1000 ?? null;
  const nursingTarget = targets?.nursingShare ?? null;
  const presetName = targets ? (i18n.language === 'zh' ? targets.preset.zh : targets.preset.en) : '';

  // Edit → figures on screen, measured after React committed them (printed by the browser tests).
  // Measured when the new figures are in the document (before the browser paints them; a map frame
  // may come first). Loads (kind "reset") are not edits and are not measured.
  useLayoutEffect(() => {
    if (!snapshot || snapshot.kind === 'reset') return;
    const end = performance.now();
    performance.measure(snapshot.kind === 'preview' ? 'siting:drag-to-figures' : 'siting:edit-to-figures', { start: snapshot.changedAt, end });
    tableRef.current?.setAttribute('data-update-ms', (end - snapshot.changedAt).toFixed(1));
  }, [snapshot]);

  if (!snapshot) return null;
  const rows: Row[] = [
    ...snapshot.after.coverage.map(
      (entry, index): Row => ({
        id: `coverage-${entry.radiusM}`,
        label: t('workspace.figures.coverage', { radius: format.metres(entry.radiusM) }),
        unit: 'share',
        pick: (f) => f.coverage[index]?.ratio ?? null,
        better: 1,
      }),
    ),
    {
      id: 'uncovered',
      label: t('workspace.figures.uncovered', { radius: format.metres(snapshot.after.analysisRadiusM) }),
      unit: 'count',
      pick: (f) => f.uncoveredElderly,
      better: -1,
    },
    {
      id: 'beds',
      label: t('workspace.figures.bedsPer1000'),
      unit: 'rate',
      pick: (f) => f.bedsPer1000,
      better: 1,
      hint: bedsTarget === null ? undefined : t('workspace.figures.bedsTarget', { target: format.number(bedsTarget), preset: presetName }),
    },
    {
      id: 'nursing',
      label: t('workspace.figures.nursingShare'),
      unit: 'share',
      pick: (f) => f.nursingShare,
      better: 1,
      hint: nursingTarget === null ? undefined : t('workspace.figures.nursingTarget', { target: format.percent(nursingTarget), preset: presetName }),
    },
  ];
  return (
    <table className="live-figures" data-testid="live-figures" data-reference={snapshot.reference} ref={tableRef}>
      <caption>{snapshot.reference === 'existing' ? t('workspace.figures.fromExisting') : t('workspace.figures.fromLastEdit')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('workspace.figures.figure')}</th>
          <th scope="col">{t('workspace.figures.change')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const before = row.pick(snapshot.before);
          const after = row.pick(snapshot.after);
          const text = change(row.unit, before, after);
          const tone = text.direction === 0 ? '' : text.direction === row.better ? 'better' : 'worse';
          return (
            <tr key={row.id} data-testid={`figure-${row.id}`} data-before={before ?? ''} data-after={after ?? ''}>
              <th scope="row">
                {row.label}
                {row.hint && (
                  <span className="muted small figure-hint" data-testid={`figure-${row.id}-target`}>
                    {row.hint}
                  </span>
                )}
              </th>
              <td>
                <span className="figure-before">{text.before}</span>
                <span aria-label={t('workspace.figures.to')}> → </span>
                <strong className="figure-after">{text.after}</strong>{' '}
                <span className={`figure-delta ${tone}`} data-testid={`figure-${row.id}-delta`}>
                  ({text.delta})
                </span>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
