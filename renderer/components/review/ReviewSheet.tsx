import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { ReviewSheet as ReviewSheetContent, ReviewSheetRule } from '../../../shared/usecases/review_sheet';
import { reviewSheetFileName } from '../../../shared/print/file_names';
import { downloadReply } from '../../api/files';
import { useFormatters } from '../../i18n/format';
import { CHECK_VERDICT_COLORS, ESTATE_VERDICT_COLORS } from '../../../shared/map_style/plan_colors';
import { useAppInfo, useServices } from '../../state/app_context';
import '../../styles/review_sheet.css';
import { ErrorNotice } from '../ErrorNotice';
import { useModal } from '../use_modal';
import { ReviewSheetMap } from './ReviewSheetMap';

/** Class on <html> while a sheet is open: the print styles then show the sheet alone. */
const OPEN_CLASS = 'review-sheet-open';
/** A4 portrait; the sheet's 182 mm × 277 mm content sits inside these margins on screen and on paper. */
const PAGE_RULE = '@page { size: A4 portrait; margin: 10mm 14mm; }';

/**
 * "Review sheet" button of a reviewed estate: opens its review sheet (审查意见表) over the app, by the
 * preset the estate was reviewed with.
 */
export function ReviewSheetButton({ estate, preset }: { estate: { id: string; name: string | null }; preset: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="small" data-testid="review-sheet-open" data-estate={estate.id} aria-label={t('sheet.openFor', { estate: estate.name ?? estate.id })} onClick={() => setOpen(true)}>
        {t('sheet.open')}
      </button>
      {open && createPortal(<ReviewSheetDialog estate={estate} preset={preset} onClose={() => setOpen(false)} />, document.body)}
    </>
  );
}

/**
 * The sheet as a modal overlay with Print (window.print(), the same in Electron), Save as PDF (the
 * print pipeline's vector A4 PDF of the same content, `review:sheet:pdf`: to the save dialog's path on
 * the desktop, a download in the browser) and Close. While it is open, <html> carries OPEN_CLASS and
 * the page rule is in the document, so printing shows the sheet alone on A4, nothing of the app behind it.
 */
export function ReviewSheetDialog({ estate, preset, onClose }: { estate: { id: string; name: string | null }; preset: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { api } = useServices();
  const dialogs = useAppInfo().data?.dialogs === true;
  const [sheet, setSheet] = useState<ReviewSheetContent | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);

  const savePdf = async () => {
    setSaving(true);
    setError(null);
    setSaved(null);
    const language = i18n.language === 'zh' ? 'zh' : 'en';
    try {
      if (dialogs) {
        const picked = await api['dialog:file:save']({ purpose: 'export', defaultName: reviewSheetFileName(estate.id) });
        if (!picked.path) return;
        const result = await api['review:sheet:pdf']({ estate: estate.id, preset, language, path: picked.path });
        setSaved(t('sheet.pdfSaved', { pages: result.pages, path: result.path ?? picked.path }));
      } else {
        const result = await api['review:sheet:pdf']({ estate: estate.id, preset, language });
        downloadReply(result);
        setSaved(t('sheet.pdfDownloaded', { pages: result.pages, name: result.name }));
      }
    } catch (reason) {
      setError(reason);
    } finally {
      setSaving(false);
    }
  };
  const ref = useRef<HTMLDivElement>(null);
  useModal(ref, onClose);

  useEffect(() => {
    let live = true;
    api['review:sheet:get']({ estate: estate.id, preset })
      .then((value) => live && setSheet(value))
      .catch((reason: unknown) => live && setError(reason));
    return () => {
      live = false;
    };
  }, [api, estate.id, preset]);

  useEffect(() => {
    const root = document.documentElement;
    root.classList.add(OPEN_CLASS);
    return () => root.classList.remove(OPEN_CLASS);
  }, []);

  return (
    <div ref={ref} className="review-sheet-overlay" role="dialog" aria-modal="true" aria-label={t('sheet.dialog', { estate: estate.name ?? estate.id })} data-testid="review-sheet" data-ready={sheet ? 'true' : 'false'}>
      <style>{PAGE_RULE}</style>
      <div className="review-sheet-toolbar">
        <button type="button" className="primary" data-testid="review-sheet-print" disabled={!sheet} onClick={() => window.print()}>
          {t('sheet.print')}
        </button>
        <button type="button" data-testid="review-sheet-pdf" disabled={!sheet || saving} onClick={() => void savePdf()}>
          {saving ? t('sheet.savingPdf') : t('sheet.savePdf')}
        </button>
        <button type="button" data-testid="review-sheet-close" autoFocus onClick={onClose}>
          {t('sheet.close')}
        </button>
        {saved && (
          <span className="review-sheet-saved" role="status" data-testid="review-sheet-pdf-saved">
            {saved}
          </span>
        )}
        <ErrorNotice error={error} testId="review-sheet-error" />
      </div>
      {sheet ? <ReviewSheetPage sheet={sheet} /> : !error && <p className="review-sheet-loading">{t('sheet.loading')}</p>}
    </div>
  );
}

/** One A4 sheet, laid out in millimetres (styles/review_sheet.css), from the sheet's content. */
export function ReviewSheetPage({ sheet }: { sheet: ReviewSheetContent }) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const zh = i18n.language === 'zh';
  const { header, inputs, rules, conclusion } = sheet;
  const none = t('common.none');
  const num = (value: number | null | undefined) => (value === null || value === undefined ? none : format.number(Math.round(value * 100) / 100));
  const yesNo = (value: boolean | null) => (value === null ? t('sheet.inputs.notGiven') : value ? t('sheet.inputs.yes') : t('sheet.inputs.no'));
  const date = new Intl.DateTimeFormat(format.locale, { year: 'numeric', month: 'long', day: 'numeric' }).format(new Date(header.reviewedAt));
  const ruleText = (rule: ReviewSheetRule) => (zh ? rule.zh : rule.en);
  const ruleNumber = (id: string) => rules.findIndex((rule) => rule.id === id) + 1;
  const unitText = (rule: ReviewSheetRule) => (rule.unit ? t(`sheet.units.${rule.unit}`) : '');
  const measured = (rule: ReviewSheetRule, value: number | null) => (rule.unit === 'm' && value !== null ? format.count(value) : num(value));
  const missingText = (item: ReviewSheetContent['conclusion']['missing'][number]) => {
    const input = String(t(`sheet.missingInputs.${item.field}` as 'sheet.missingInputs.households', { defaultValue: item.field } as never));
    return item.room === null ? input : t('sheet.missingOfRoom', { input, room: item.room });
  };
  // Each source document once, cited by number in the rule table (the titles are long).
  const documents = [...new Set(rules.map((rule) => rule.source.document))];
  const station = inputs.healthStation;
  const verdictColor = ESTATE_VERDICT_COLORS[conclusion.verdict];

  return (
    <article className="review-sheet-page" lang={zh ? 'zh-CN' : 'en'} data-testid="review-sheet-page" data-verdict={conclusion.verdict} data-estate={header.estate.id}>
      <h1 className="sheet-title">{t('sheet.title')}</h1>

      <h2 className="sheet-section">{t('sheet.sections.basics')}</h2>
      <table className="sheet-grid">
        <tbody>
          <tr>
            <th scope="row">{t('sheet.header.project')}</th>
            <td>{header.project}</td>
            <th scope="row">{t('sheet.header.reviewedAt')}</th>
            <td data-testid="sheet-reviewed-at">
              {date}
              {!header.stored && <span className="sheet-note"> ({t('sheet.header.notStored')})</span>}
            </td>
          </tr>
          <tr>
            <th scope="row">{t('sheet.header.estate')}</th>
            <td data-testid="sheet-estate-name">{header.estate.name ?? none}</td>
            <th scope="row">{t('sheet.header.estateId')}</th>
            <td>{header.estate.id}</td>
          </tr>
          <tr>
            <th scope="row">{t('sheet.header.type')}</th>
            <td>{header.type ? t(`sheet.types.${header.type}`) : t('sheet.inputs.notGiven')}</td>
            <th scope="row">{t('sheet.header.area')}</th>
            <td>{header.area ? t(`sheet.areas.${header.area}`) : t('sheet.inputs.notGiven')}</td>
          </tr>
          <tr>
            <th scope="row">{t('sheet.header.preset')}</th>
            <td colSpan={3} data-testid="sheet-preset" data-preset={header.preset.id} data-version={header.preset.version}>
              {t('sheet.header.presetValue', { name: zh ? header.preset.zh : header.preset.en, id: header.preset.id, version: header.preset.version })}
            </td>
          </tr>
        </tbody>
      </table>

      <h2 className="sheet-section">{t('sheet.sections.inputs')}</h2>
      <table className="sheet-grid sheet-inputs">
        <tbody>
          <tr>
            <th scope="row">{t('sheet.inputs.households')}</th>
            <td data-testid="sheet-households" data-estimated={inputs.householdsEstimated}>
              {inputs.households === null
                ? t('sheet.inputs.notGiven')
                : inputs.householdsEstimated
                  ? t('sheet.inputs.householdsEstimated', { households: format.count(inputs.households), area: num(inputs.residentialFloorAreaM2), unit: num(inputs.averageUnitM2) })
                  : format.count(inputs.households)}
            </td>
          </tr>
          <tr>
            <th scope="row">{t('sheet.inputs.coLocated')}</th>
            <td>{yesNo(inputs.coLocatedWithHealthStation)}</td>
          </tr>
          <tr>
            <th scope="row">{t('sheet.inputs.synchronous')}</th>
            <td>{yesNo(inputs.synchronousProvision)}</td>
          </tr>
          <tr>
            <th scope="row">{t('sheet.inputs.station')}</th>
            <td data-testid="sheet-station" data-station={station?.id ?? ''} data-distance-m={station?.distanceM ?? ''}>
              {station
                ? t('sheet.inputs.stationValue', { name: station.name ?? station.id, distance: format.count(station.distanceM), room: station.room + 1, method: t(`sheet.methods.${station.method}`) })
                : t('sheet.inputs.notGiven')}
            </td>
          </tr>
        </tbody>
      </table>
      <table className="sheet-table sheet-rooms">
        <caption>{t('sheet.inputs.careRooms')}</caption>
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col" className="num">{t('sheet.inputs.floorArea')}</th>
            <th scope="col">{t('sheet.inputs.floors')}</th>
            <th scope="col">{t('sheet.inputs.basement')}</th>
            <th scope="col">{t('sheet.inputs.location')}</th>
          </tr>
        </thead>
        <tbody>
          {inputs.careRooms.map((room) => (
            <tr key={room.number} data-testid="sheet-room">
              <th scope="row">{t('sheet.inputs.room', { number: room.number })}</th>
              <td className="num">{num(room.floorAreaM2)}</td>
              <td>{room.floorLevels ? room.floorLevels.join(', ') : t('sheet.inputs.notGiven')}</td>
              <td>{yesNo(room.basement)}</td>
              <td>{room.lon !== null && room.lat !== null ? `${room.lon.toFixed(5)}, ${room.lat.toFixed(5)}` : t('sheet.inputs.notPlaced')}</td>
            </tr>
          ))}
          {inputs.careRooms.length > 1 && (
            <tr>
              <th scope="row">{t('sheet.inputs.total')}</th>
              <td className="num">{num(inputs.careFloorAreaM2)}</td>
              <td colSpan={3} />
            </tr>
          )}
        </tbody>
      </table>

      <h2 className="sheet-section">{t('sheet.sections.rules')}</h2>
      <table className="sheet-table sheet-rules">
        <colgroup>
          <col style={{ width: '8mm' }} />
          <col />
          <col style={{ width: '27mm' }} />
          <col style={{ width: '15mm' }} />
          <col style={{ width: '15mm' }} />
          <col style={{ width: '15mm' }} />
          <col style={{ width: '9mm' }} />
          <col style={{ width: '16mm' }} />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">{t('sheet.table.number')}</th>
            <th scope="col">{t('sheet.table.rule')}</th>
            <th scope="col">{t('sheet.table.source')}</th>
            <th scope="col" className="num">{t('sheet.table.required')}</th>
            <th scope="col" className="num">{t('sheet.table.provided')}</th>
            <th scope="col" className="num">{t('sheet.table.shortfall')}</th>
            <th scope="col">{t('sheet.table.unit')}</th>
            <th scope="col">{t('sheet.table.verdict')}</th>
          </tr>
        </thead>
        <tbody>
          {rules.map((rule, index) => {
            const flag = rule.providedFlag !== undefined;
            const notes = [!rule.binding ? t('sheet.advisoryRule') : '', rule.estimated ? t('sheet.estimated') : '', rule.method ? t(`sheet.methods.${rule.method}`) : ''].filter(Boolean);
            return (
              <tr
                key={rule.id}
                data-testid="sheet-rule"
                data-rule={rule.id}
                data-verdict={rule.verdict}
                data-required={rule.required ?? ''}
                data-provided={rule.provided ?? ''}
                data-shortfall={rule.shortfall ?? ''}
              >
                <td className="num">{index + 1}</td>
                <td>
                  {ruleText(rule)}
                  {notes.length > 0 && <span className="sheet-note"> ({notes.join('; ')})</span>}
                </td>
                <td className="sheet-source">
                  [{documents.indexOf(rule.source.document) + 1}] {rule.source.clause}
                </td>
                <td className="num">{flag ? t('sheet.inputs.yes') : measured(rule, rule.required)}</td>
                <td className="num">{flag ? yesNo(rule.providedFlag ?? null) : measured(rule, rule.provided)}</td>
                <td className="num">{rule.verdict === 'fail' && rule.shortfall !== null ? measured(rule, rule.shortfall) : ''}</td>
                <td>{unitText(rule)}</td>
                <td className="sheet-verdict" style={{ color: CHECK_VERDICT_COLORS[rule.verdict] }}>
                  {t(`sheet.checkVerdicts.${rule.verdict}`)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <ol className="sheet-sources" data-testid="sheet-sources">
        {documents.map((document, index) => (
          <li key={document}>
            [{index + 1}] {document}
          </li>
        ))}
      </ol>

      <h2 className="sheet-section">{t('sheet.sections.conclusion')}</h2>
      <div className="sheet-conclusion" style={{ borderColor: verdictColor }}>
        <p className="sheet-conclusion-verdict" data-testid="sheet-verdict" style={{ color: verdictColor }}>
          {t('sheet.conclusion.verdict', { verdict: t(`sheet.verdicts.${conclusion.verdict}`) })}
        </p>
        {conclusion.failing.length > 0 && (
          <>
            <p className="sheet-conclusion-head">{t('sheet.conclusion.failing')}</p>
            <ul className="sheet-list">
              {conclusion.failing.map((id) => {
                const rule = rules.find((r) => r.id === id);
                if (!rule) return null;
                const unit = unitText(rule);
                const shortfall = rule.shortfall !== null ? t('sheet.conclusion.shortfall', { shortfall: `${measured(rule, rule.shortfall)} ${unit}`.trim() }) : '';
                const figures =
                  rule.required !== null && rule.provided !== null
                    ? t('sheet.conclusion.failingItem', { rule: `${ruleNumber(id)}. ${ruleText(rule)}`, required: `${measured(rule, rule.required)} ${unit}`.trim(), provided: `${measured(rule, rule.provided)} ${unit}`.trim(), shortfall })
                    : `${ruleNumber(id)}. ${ruleText(rule)}`;
                return (
                  <li key={id} data-testid="sheet-failing" data-rule={id}>
                    {figures}
                  </li>
                );
              })}
            </ul>
          </>
        )}
        {conclusion.missing.length > 0 && (
          <>
            <p className="sheet-conclusion-head">{t('sheet.conclusion.missing')}</p>
            <ul className="sheet-list">
              {conclusion.missing.map((item) => {
                const rule = rules.find((r) => r.id === item.rule);
                return (
                  <li key={item.rule} data-testid="sheet-missing" data-rule={item.rule}>
                    {t('sheet.conclusion.missingItem', { rule: `${ruleNumber(item.rule)}. ${rule ? ruleText(rule) : item.rule}`, input: missingText(item) })}
                  </li>
                );
              })}
            </ul>
          </>
        )}
        {conclusion.verdict === 'compliant' && <p>{t('sheet.conclusion.allMet')}</p>}
      </div>

      <h2 className="sheet-section">{t('sheet.sections.map')}</h2>
      <ReviewSheetMap map={sheet.map} />

      <div className="sheet-signatures">
        {sheet.signatures.map((line) => (
          <div key={line} className="sheet-signature">
            <span>{t(`sheet.signatures.${line}`)}</span>
            <span className="sheet-signature-line" />
          </div>
        ))}
      </div>
    </article>
  );
}
