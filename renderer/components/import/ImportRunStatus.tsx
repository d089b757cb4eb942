import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../i18n/format';
import type { ImportJobStatus } from '../../../shared/ipc/contract';
import type { AfterCancel, ImportRun } from './use_import_run';

/** The progress line's name of each phase of an import. */
const PHASE_KEYS = { reading: 'import.phaseReading', parsing: 'import.phaseParsing', writing: 'import.phaseWriting' } as const satisfies Record<ImportJobStatus['phase'], string>;

/** Seconds since `startedAt` (performance.now()), ticking once a second while set. */
function useElapsedSeconds(startedAt: number | null): number {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    if (startedAt === null) return;
    setNow(performance.now());
    const timer = setInterval(() => setNow(performance.now()), 1000);
    return () => clearInterval(timer);
  }, [startedAt]);
  return startedAt === null ? 0 : Math.max(0, Math.floor((now - startedAt) / 1000));
}

/**
 * While an import runs: the host's progress as a bar and a percentage (parsing, then writing), the
 * phase, the time so far and Cancel. Before the host's first answer (the file is still being sent)
 * the bar is indeterminate.
 */
export function ImportProgress({ run }: { run: ImportRun }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const seconds = useElapsedSeconds(run.startedAt);
  if (run.phase !== 'running') return null;
  const progress = run.progress;
  const percent = progress ? Math.floor(progress.fraction * 100) : 0;
  return (
    <div className="import-progress" role="status" data-testid="import-progress">
      {progress ? (
        <progress
          className="progress"
          max={1}
          value={progress.fraction}
          aria-label={t('import.running')}
          aria-valuetext={format.wholePercent(Math.floor(progress.fraction * 100) / 100)}
          data-testid="import-progress-bar"
          data-progress={progress.fraction}
          data-phase={progress.phase}
        />
      ) : (
        <progress className="progress" aria-label={t('import.running')} data-testid="import-progress-bar" />
      )}
      <p className="small" data-testid="import-progress-text">
        {progress?.cancelling
          ? t('import.cancelling')
          : t('import.progressPercent', { percent, phase: t(PHASE_KEYS[progress?.phase ?? 'reading']), seconds })}
      </p>
      <button type="button" data-testid="import-cancel" onClick={run.cancel} disabled={progress?.cancelling === true}>
        {t('import.cancel')}
      </button>
    </div>
  );
}

/** How a cancelled import ended, as the host reported it (see use_import_run.ts). */
export function AfterCancelNotice({ afterCancel }: { afterCancel: AfterCancel | null }) {
  const { t } = useTranslation();
  const format = useFormatters();
  if (!afterCancel) return null;
  const layer = t(`layers.${afterCancel.layer}`);
  const written = afterCancel.status === 'written';
  return (
    <div className={`notice ${afterCancel.status === 'cancelled' ? 'notice-ok' : 'notice-warning'}`} role="status" data-testid="import-cancelled" data-status={afterCancel.status}>
      <p>
        {afterCancel.status === 'cancelled' && t('import.cancelledNothingWritten', { layer })}
        {written && t('import.cancelWritten', { countText: afterCancel.count === null ? '?' : format.count(afterCancel.count), layer })}
        {afterCancel.status === 'unknown' && t('import.cancelUnknown', { layer })}
      </p>
    </div>
  );
}
