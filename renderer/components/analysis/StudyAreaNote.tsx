import { useTranslation } from 'react-i18next';
import type { StudyAreaSummary } from '../../../shared/engine/areas/study_area';
import { useAnalysisFormat } from '../../analysis/analysis_format';

/** "Within 江汉区: 2,345 of 24,470 population cells (centre inside), 45,678 older people." above a result. */
export function StudyAreaNote({ summary, testId }: { summary: StudyAreaSummary; testId: string }) {
  const { t } = useTranslation();
  const format = useAnalysisFormat();
  return (
    <p className="notice study-area-note" data-testid={testId} data-cells={summary.cellsInside} data-elderly={summary.elderly}>
      {t('plan.studyArea.within', {
        names: summary.names.join('、'),
        cells: format.count(summary.cellsInside),
        total: format.count(summary.cellsTotal),
        elderly: format.count(summary.elderly),
      })}
    </p>
  );
}
