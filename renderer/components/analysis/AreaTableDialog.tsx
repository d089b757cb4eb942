/**
 * The per-area table over the map, as wide as the window: every area (no row limit), columns sortable
 * (click a heading; aria-sort says the order), a heading row that stays in view, a level filter and a
 * name search, the urban/rural flag set per area or for every area shown without one (saved in the
 * project, undoable), the summary by level × urban/rural with the preset's coverage targets, and
 * CSV / XLSX export of the rows shown. The table on screen and the exported one are the same table
 * (shared/tables/area_table.ts), which `siting analyze --areas-out` writes too. Escape closes it.
 */
import { useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AreaFigures, AreaGroupSummary } from '../../../shared/engine/areas/area_coverage';
import { coverageTargetOf } from '../../../shared/rules/preset_targets';
import { AREA_TABLE_WORDS, areaTable, type AreaTableWords } from '../../../shared/tables/area_table';
import type { DataTable, TableCell } from '../../../shared/tables/data_table';
import { downloadReply } from '../../api/files';
import { useAnalysisFormat } from '../../analysis/analysis_format';
import { useAppInfo, useServices } from '../../state/app_context';
import { usePresetTargets } from '../../workspace/use_preset_targets';
import { ErrorNotice } from '../ErrorNotice';
import { useModal } from '../use_modal';
import type { UrbanEdits } from './use_urban_edits';
import '../../styles/area_table.css';

type Level = AreaFigures['level'];
const LEVEL_ORDER: Level[] = ['city', 'district', 'street', 'town', 'community', 'village', 'other'];

interface Props {
  edits: UrbanEdits;
  thresholds: Array<{ label: string; shown: string }>;
  servedMinShare: number;
  onClose: () => void;
}

/** Compares two cells for sorting: unknown (null) last whatever the direction, text in the UI's collation. */
function compareCells(a: TableCell, b: TableCell, collator: Intl.Collator): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

export function AreaTableDialog({ edits, thresholds, servedMinShare, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const format = useAnalysisFormat();
  const { api } = useServices();
  const dialogs = useAppInfo().data?.dialogs === true;
  const titleId = useId();
  const dialogRef = useRef<HTMLDivElement>(null);
  useModal(dialogRef, onClose);
  const targets = usePresetTargets();
  const zh = i18n.language === 'zh';

  const [level, setLevel] = useState<Level | 'all'>('all');
  const [find, setFind] = useState('');
  const [sort, setSort] = useState<{ column: number; descending: boolean }>({ column: 5, descending: true }); // older people, largest first
  const [exported, setExported] = useState<string | null>(null);
  const [exportError, setExportError] = useState<unknown>(null);
  const [exporting, setExporting] = useState(false);

  // The table's words are the app's (renderer/i18n/*_analysis.ts `areas` are made of them): screen, export and CLI agree.
  const words: AreaTableWords = AREA_TABLE_WORDS[zh ? 'zh' : 'en'];

  const levels = useMemo(() => LEVEL_ORDER.filter((l) => edits.figures.some((area) => area.level === l)), [edits.figures]);
  const shownAreas = useMemo(() => {
    const needle = find.trim().toLowerCase();
    return edits.figures.filter((area) => (level === 'all' || area.level === level) && (needle === '' || area.name.toLowerCase().includes(needle)));
  }, [edits.figures, level, find]);

  // One table for the screen and the export: rows in the order shown.
  const table: DataTable & { areas: AreaFigures[] } = useMemo(() => {
    const collator = new Intl.Collator(zh ? 'zh-CN' : 'en', { numeric: true });
    const unsorted = areaTable({ areas: shownAreas }, { words, thresholds: thresholds.map((th) => th.shown), targets, areas: shownAreas });
    const order = unsorted.rows.map((_, index) => index);
    order.sort((x, y) => {
      const a = unsorted.rows[x][sort.column] ?? null;
      const b = unsorted.rows[y][sort.column] ?? null;
      if (a === null || b === null) return a === b ? x - y : a === null ? 1 : -1;
      const compared = compareCells(a, b, collator);
      return (sort.descending ? -compared : compared) || x - y;
    });
    return { ...unsorted, rows: order.map((i) => unsorted.rows[i]), areas: order.map((i) => shownAreas[i]) };
  }, [shownAreas, words, thresholds, targets, sort, zh]);

  const unknown = edits.figures.filter((area) => area.urban === null).length;
  const shownUnknown = shownAreas.filter((area) => area.urban === null);
  const presetName = targets ? (zh ? targets.preset.zh : targets.preset.en) : '';
  const anyTarget = targets !== null && edits.summary.some((group) => coverageTargetOf(targets, group.level, group.urban) !== null);

  const cellText = (value: TableCell, kind: DataTable['columns'][number]['kind']) => {
    if (value === null) return t('common.none');
    if (typeof value === 'string') return value;
    return kind === 'share' ? format.percent(value) : format.count(value);
  };

  const exportTable = async (fileFormat: 'csv' | 'xlsx') => {
    setExporting(true);
    setExportError(null);
    setExported(null);
    const name = t('areaTable.fileName');
    const plain: DataTable = { sheet: table.sheet, columns: table.columns, rows: table.rows };
    try {
      if (dialogs) {
        const picked = await api['dialog:file:save']({ purpose: 'export', defaultName: `${name}.${fileFormat}` });
        if (!picked.path) return;
        const result = await api['table:export']({ format: fileFormat, name, path: picked.path, table: plain });
        setExported(t('areaTable.exportSaved', { count: result.rows, path: result.path ?? picked.path }));
      } else {
        const result = await api['table:export']({ format: fileFormat, name, table: plain });
        downloadReply(result);
        setExported(t('areaTable.exportDownloaded', { count: result.rows, name: result.name }));
      }
    } catch (caught) {
      setExportError(caught);
    } finally {
      setExporting(false);
    }
  };

  const urbanValue = (urban: boolean | null) => (urban === null ? '' : urban ? 'urban' : 'rural');
  const parseUrban = (value: string): boolean | null => (value === 'urban' ? true : value === 'rural' ? false : null);
  const urbanWord = (urban: boolean | null) => (urban === null ? t('areaTable.urbanNotSet') : urban ? t('areas.urbanYes') : t('areas.urbanNo'));
  const status =
    edits.last === null ? null : edits.last.kind === 'set' ? t('areaTable.changed', { count: edits.last.count, urban: urbanWord(edits.last.urban) }) : t(edits.last.kind === 'undo' ? 'areaTable.undone' : 'areaTable.redone');

  const last = thresholds.length - 1;
  const urbanColumn = table.columns.findIndex((column) => column.key === 'urban');
  const groupName = (group: AreaGroupSummary) => `${t(`areas.levels.${group.level}`)}${group.urban === null ? '' : ` · ${urbanWord(group.urban)}`}`;

  return (
    <div ref={dialogRef} className="area-table-overlay" role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid="area-table-dialog">
      <div className="row area-table-head">
        <h2 id={titleId}>{t('areaTable.heading')}</h2>
        <div className="row wrap area-table-tools">
          <label className="inline">
            <span>{t('areaTable.level')}</span>
            <select value={level} onChange={(event) => setLevel(event.target.value as Level | 'all')} data-testid="area-table-level">
              <option value="all">{t('areaTable.allLevels')}</option>
              {levels.map((l) => (
                <option key={l} value={l}>
                  {t(`areas.levels.${l}`)}
                </option>
              ))}
            </select>
          </label>
          <input type="search" value={find} placeholder={t('areaTable.find')} aria-label={t('areaTable.find')} onChange={(event) => setFind(event.target.value)} data-testid="area-table-find" />
          <button type="button" onClick={() => void exportTable('csv')} disabled={exporting || table.rows.length === 0} data-testid="area-table-export-csv">
            {t('areaTable.exportCsv')}
          </button>
          <button type="button" onClick={() => void exportTable('xlsx')} disabled={exporting || table.rows.length === 0} data-testid="area-table-export-xlsx">
            {t('areaTable.exportXlsx')}
          </button>
          <button type="button" className="primary" onClick={onClose} data-testid="area-table-close" autoFocus>
            {t('areaTable.close')}
          </button>
        </div>
      </div>
      <p className="muted small" data-testid="area-table-count">
        {t('areaTable.shown', { count: table.rows.length, total: edits.figures.length })} {t('areaTable.sortHint')} {t('areaTable.exportNote')}
      </p>
      {exported && (
        <p className="notice small" role="status" data-testid="area-table-exported">
          {exported}
        </p>
      )}
      <ErrorNotice error={exportError ?? edits.error} testId="area-table-error" />
      {unknown > 0 && (
        <p className="notice notice-warning small" data-testid="area-table-urban-missing">
          {t('areaTable.urbanMissing', { count: unknown })}
        </p>
      )}
      <div className="row wrap area-table-urban-tools">
        {shownUnknown.length > 0 && (
          <>
            <span className="small">{t('areaTable.bulk')}</span>
            <button type="button" className="chip" disabled={edits.busy} onClick={() => void edits.set(shownUnknown.map((area) => ({ id: area.id, urban: true })))} data-testid="area-table-bulk-urban">
              {t('areaTable.bulkUrban')}
            </button>
            <button type="button" className="chip" disabled={edits.busy} onClick={() => void edits.set(shownUnknown.map((area) => ({ id: area.id, urban: false })))} data-testid="area-table-bulk-rural">
              {t('areaTable.bulkRural')}
            </button>
          </>
        )}
        <button type="button" className="chip" disabled={edits.busy || !edits.canUndo} onClick={() => void edits.undo()} data-testid="area-urban-undo">
          {t('areaTable.undo')}
        </button>
        <button type="button" className="chip" disabled={edits.busy || !edits.canRedo} onClick={() => void edits.redo()} data-testid="area-urban-redo">
          {t('areaTable.redo')}
        </button>
        {status && (
          <span className="muted small" role="status" data-testid="area-urban-status">
            {status}
          </span>
        )}
      </div>
      <div className="area-table-body">
        <div className="area-table-scroll" data-testid="area-table-scroll">
          <table className="data-table area-wide-table" data-testid="area-wide-table">
            <thead>
              <tr>
                {table.columns.map((column, c) => {
                  const sorted = sort.column === c;
                  return (
                    <th
                      key={column.key}
                      scope="col"
                      className={column.kind === 'text' ? '' : 'num'}
                      aria-sort={sorted ? (sort.descending ? 'descending' : 'ascending') : 'none'}
                      data-column={column.key}
                    >
                      <button
                        type="button"
                        className="sort-button"
                        onClick={() => setSort((current) => ({ column: c, descending: current.column === c ? !current.descending : column.kind !== 'text' }))}
                        data-testid={`area-sort-${column.key}`}
                      >
                        {column.title}
                        <span aria-hidden="true" className="sort-mark">
                          {sorted ? (sort.descending ? ' ▼' : ' ▲') : ''}
                        </span>
                        {sorted && <span className="visually-hidden">{sort.descending ? t('areaTable.sortedDescending') : t('areaTable.sortedAscending')}</span>}
                      </button>
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, r) => {
                const area = table.areas[r];
                return (
                  <tr key={area.id} data-testid="area-wide-row" data-id={area.id} data-urban={String(area.urban)}>
                    {row.map((value, c) => {
                      const column = table.columns[c];
                      if (c === urbanColumn) {
                        return (
                          <td key={column.key}>
                            <select
                              value={urbanValue(area.urban)}
                              disabled={edits.busy}
                              aria-label={t('areaTable.urbanOf', { name: area.name })}
                              onChange={(event) => void edits.set([{ id: area.id, urban: parseUrban(event.target.value) }])}
                              data-testid="area-urban-select"
                            >
                              <option value="">{t('areaTable.urbanNotSet')}</option>
                              <option value="urban">{t('areas.urbanYes')}</option>
                              <option value="rural">{t('areas.urbanNo')}</option>
                            </select>
                          </td>
                        );
                      }
                      if (c === 0) {
                        return (
                          <th key={column.key} scope="row" className="name">
                            {value}
                          </th>
                        );
                      }
                      return (
                        <td key={column.key} className={column.kind === 'text' ? '' : 'num'}>
                          {cellText(value, column.kind)}
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <section className="area-table-summary" aria-labelledby={`${titleId}-summary`}>
          <h3 id={`${titleId}-summary`}>{t('areaTable.summaryHeading')}</h3>
          <table className="data-table" data-testid="area-group-table">
            <thead>
              <tr>
                <th scope="col">{t('areaTable.group')}</th>
                <th scope="col" className="num">{t('areaTable.areas')}</th>
                <th scope="col" className="num">{t('areaTable.withFacility')}</th>
                <th scope="col" className="num">{t('areaTable.target')}</th>
                <th scope="col" className="num">{t('areaTable.served', { threshold: thresholds[last]?.shown ?? '' })}</th>
              </tr>
            </thead>
            <tbody>
              {edits.summary.map((group) => {
                const target = targets ? coverageTargetOf(targets, group.level, group.urban) : null;
                const share = group.areas > 0 ? group.areasWithFacility / group.areas : null;
                const figures = group.thresholds[last];
                return (
                  <tr key={`${group.level}-${String(group.urban)}`} data-testid="area-group-row" data-level={group.level} data-urban={String(group.urban)} data-target={target ?? ''}>
                    <th scope="row">{groupName(group)}</th>
                    <td className="num">{format.count(group.areas)}</td>
                    <td className={`num ${target !== null && share !== null ? (share >= target ? 'meets' : 'falls-short') : ''}`} data-testid="area-group-with-facility" data-share={share ?? ''}>
                      {`${format.count(group.areasWithFacility)} (${format.percent(share)})`}
                    </td>
                    <td className="num" data-testid="area-group-target">{target === null ? t('common.none') : format.percent(target)}</td>
                    <td className="num">{figures ? `${format.count(figures.areasServed)} / ${format.count(group.areasWithElderly)} (${format.percent(figures.areasServedShare)})` : t('common.none')}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p className="muted small">
            {t('areas.rule', { share: format.percent(servedMinShare) })}
            {targets ? ` ${t(anyTarget ? 'areaTable.targetSource' : 'areaTable.noTarget', { preset: presetName })}` : ''}
          </p>
        </section>
      </div>
    </div>
  );
}
