import { useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { useAnalysisFormat } from '../../analysis/analysis_format';
import type { AnalysisSummary } from '../../workers/analysis_task';
import { AreaTableDialog } from './AreaTableDialog';
import { useUrbanEdits } from './use_urban_edits';

type Areas = NonNullable<AnalysisSummary['areas']>;

/** Rows shown at most (largest older populations first); the summary counts all areas. */
const AREA_ROWS = 300;

/**
 * Coverage per area of the boundaries layer (name, level, urban/rural, older people, coverage per
 * threshold, served at the largest threshold) and the summary by level × urban/rural, e.g.
 * "urban communities: 12 of 12 served (100 %)". The wide table (AreaTableDialog) shows every area,
 * sortable, with the urban/rural flag to set and CSV/XLSX export; flags set there show here too.
 */
export function AreaTable({ areas, thresholds }: { areas: Areas; thresholds: Array<{ label: string; shown: string }> }) {
  const { t } = useTranslation();
  const format = useAnalysisFormat();
  const last = thresholds.length - 1;
  const urbanText = (urban: boolean | null) => (urban === null ? t('areaTable.urbanNotSet') : urban ? t('areas.urbanYes') : t('areas.urbanNo'));
  const edits = useUrbanEdits(areas);
  const [wide, setWide] = useState(false);
  const rows = [...edits.figures].sort((a, b) => b.elderly - a.elderly).slice(0, AREA_ROWS);
  const unknown = edits.figures.filter((area) => area.urban === null).length;
  return (
    <section className="subsection" aria-labelledby="area-heading" data-testid="area-table">
      <h3 id="area-heading">{t('areas.heading')}</h3>
      <div className="row wrap">
        <button type="button" onClick={() => setWide(true)} data-testid="area-table-open">
          {t('areaTable.open')}
        </button>
        <span className="muted small">{t('areaTable.openHint')}</span>
      </div>
      {unknown > 0 && (
        <p className="muted small" data-testid="area-urban-missing-hint">
          {t('areaTable.urbanMissing', { count: unknown })}
        </p>
      )}
      {wide &&
        createPortal(
          <AreaTableDialog edits={edits} thresholds={thresholds} servedMinShare={areas.servedMinShare} onClose={() => setWide(false)} />,
          document.body,
        )}
      <ul className="plain" data-testid="area-summary">
        {edits.summary.map((group) => {
          const figures = group.thresholds[last];
          const name = `${t(`areas.levels.${group.level}`)}${group.urban === null ? '' : ` · ${urbanText(group.urban)}`}`;
          return (
            <li key={`${group.level}-${String(group.urban)}`} data-level={group.level} data-urban={String(group.urban)} data-share={figures.areasServedShare ?? ''}>
              {t('areas.summaryRow', {
                group: name,
                served: format.count(figures.areasServed),
                areas: format.count(group.areasWithElderly),
                share: format.percent(figures.areasServedShare),
                threshold: thresholds[last].shown,
              })}
            </li>
          );
        })}
      </ul>
      <p className="muted small">{t('areas.rule', { share: format.percent(areas.servedMinShare) })}</p>
      <div className="table-scroll table-tall">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('areas.name')}</th>
              <th scope="col">{t('areas.level')}</th>
              <th scope="col">{t('areas.urban')}</th>
              <th scope="col" className="num">{t('areas.elderly')}</th>
              {thresholds.map((threshold) => (
                <th key={threshold.label} scope="col" className="num">
                  {threshold.shown}
                </th>
              ))}
              <th scope="col">{t('areas.served')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((area) => {
              const served = area.thresholds[last]?.served ?? null;
              return (
                <tr key={area.id} data-testid="area-row">
                  <th scope="row" className="name">{area.name}</th>
                  <td>{t(`areas.levels.${area.level}`)}</td>
                  <td>{urbanText(area.urban)}</td>
                  <td className="num">{format.count(area.elderly)}</td>
                  {area.thresholds.map((figures) => (
                    <td key={figures.label} className="num">
                      {format.percent(figures.elderlyShare)}
                    </td>
                  ))}
                  <td>{served === null ? t('common.none') : served ? t('common.yes') : t('common.no')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {areas.cellsOutside > 0 && <p className="muted small">{t('areas.outside', { cells: format.count(areas.cellsOutside) })}</p>}
    </section>
  );
}
