import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../i18n/format';
import { formatBytes } from './import_files';
import type { AfterCancel, ImportRun } from './use_import_run';

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
 * While an import runs: an indeterminate progress bar (the host reports no progress over its one
 * request), what is happening, the time so far and Cancel.
 */
export function ImportProgress({ run, bytes }: { run: ImportRun; bytes: number | null }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const seconds = useElapsedSeconds(run.startedAt);
  if (run.phase !== 'running') return null;
  return (
    <div className="import-progress" role="status" data-testid="import-progress">
      <progress className="progress" aria-label={t('import.running')} />
      <p className="small">
        {bytes === null ? t('import.progressPath', { seconds }) : t('import.progress', { size: formatBytes(bytes, format.locale), seconds })}
      </p>
      <button type="button" data-testid="import-cancel" onClick={run.cancel}>
        {t('import.cancel')}
      </button>
    </div>
  );
}

/** What a cancel did, as far as the app can tell (see use_import_run.ts). */
export function AfterCancelNotice({ afterCancel }: { afterCancel: AfterCancel | null }) {
  const { t } = useTranslation();
  const format = useFormatters();
  if (!afterCancel) return null;
  const layer = t(`layers.${afterCancel.layer}`);
  const written = afterCancel.status === 'written';
  return (
    <div className={`notice ${written ? 'notice-warning' : 'notice-ok'}`} role="status" data-testid="import-cancelled" data-status={afterCancel.status}>
      {afterCancel.status !== 'not_sent' && <p>{t('import.cancelled')}</p>}
      <p>
        {afterCancel.status === 'checking' && t('import.cancelChecking', { seconds: afterCancel.seconds })}
        {written && t('import.cancelWritten', { countText: afterCancel.count === null ? '?' : format.count(afterCancel.count), layer })}
        {afterCancel.status === 'not_written' && t('import.cancelNotWritten', { seconds: afterCancel.seconds, layer })}
        {afterCancel.status === 'not_sent' && t('import.cancelNotSent', { layer })}
        {afterCancel.status === 'unknown' && t('import.cancelUnknown', { layer })}
      </p>
    </div>
  );
}
