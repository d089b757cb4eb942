import { useTranslation } from 'react-i18next';
import { useAnalysisFormat } from '../../analysis/analysis_format';
import type { AnalysisSummary } from '../../workers/analysis_task';
import { useWorkspace } from '../../workspace/workspace_context';

type Gaps = NonNullable<AnalysisSummary['gaps']>;


/**
 * Coverage gaps ranked by older people not covered: choosing one zooms the map to it and
 * highlights its outline; then (in a scenario that can be edited) "Propose here" adds a proposal at
 * the chosen gap's centre of older people, noted with the gap it closes.
 */
export function GapList({ gaps, threshold, selected, onSelect }: { gaps: Gaps; threshold: string; selected: number | null; onSelect: (rank: number) => void }) {
  const { t } = useTranslation();
  const format = useAnalysisFormat();
  const workspace = useWorkspace();
  const chosen = selected === null ? null : (gaps.areas.find((gap) => gap.rank === selected) ?? null);
  const propose = (gap: Gaps['areas'][number]) => {
    const [lon, lat] = gap.elderlyCentroid;
    void workspace.addAt(lon, lat, { note: `${t('workspace.find.gap', { rank: gap.rank })} · ${threshold}` });
  };
  return (
    <section className="subsection" aria-labelledby="gap-heading" data-testid="gap-list">
      <h3 id="gap-heading">{t('gaps.heading', { threshold })}</h3>
      <p className="small" data-testid="gap-summary" data-cells={gaps.uncoveredCells} data-elderly={gaps.uncoveredElderly}>
        {t('gaps.summary', { cells: format.count(gaps.uncoveredCells), elderly: format.count(gaps.uncoveredElderly) })}
      </p>
      {gaps.areas.length === 0 ? (
        <p className="muted small">{t('gaps.none')}</p>
      ) : (
        <>
          <p className="muted small">{t('gaps.hint')}</p>
          <div className="table-scroll table-tall">
            <table className="data-table gap-table">
              <thead>
                <tr>
                  <th scope="col">{t('gaps.rank')}</th>
                  <th scope="col" className="num">{t('gaps.elderly')}</th>
                  <th scope="col" className="num">{t('gaps.area')}</th>
                </tr>
              </thead>
              <tbody>
                {gaps.areas.map((gap) => (
                  <tr key={gap.rank} className={gap.rank === selected ? 'selected' : undefined} data-testid="gap-row" data-rank={gap.rank} data-elderly={gap.elderly}>
                    <th scope="row">
                      <button
                        type="button"
                        className="link"
                        aria-pressed={gap.rank === selected}
                        aria-label={t('gaps.zoom', { rank: gap.rank })}
                        data-testid={`gap-${gap.rank}`}
                        onClick={() => onSelect(gap.rank)}
                      >
                        #{gap.rank}
                      </button>
                    </th>
                    <td className="num">{format.count(gap.elderly)}</td>
                    <td className="num">{format.squareKm(gap.areaM2)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {workspace.editable && (
            <p className="row wrap small">
              {chosen ? (
                <button type="button" className="chip" data-testid="gap-propose" onClick={() => propose(chosen)}>
                  ＋ {t('workspace.gaps.proposeAt', { rank: chosen.rank })}
                </button>
              ) : (
                <span className="muted" data-testid="gap-propose-hint">
                  {t('workspace.gaps.proposeHint')}
                </span>
              )}
            </p>
          )}
        </>
      )}
    </section>
  );
}
