import { Fragment, useCallback, useEffect, useId, useMemo, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { FeatureCollection } from 'geojson';
import { REVIEW_EXPORT_FORMATS, type ComplianceReply, type EstateReviewReply, type Settings, type StoredReviewReply } from '../../../shared/ipc/contract';
import { BOUNDARY_LEVELS, type Boundary } from '../../../shared/schemas/entities';
import { downloadReply } from '../../api/files';
import { useFormatters } from '../../i18n/format';
import type { MapController } from '../../map/map_controller';
import { CHECK_VERDICT_COLORS, ESTATE_VERDICT_COLORS } from '../../../shared/map_style/plan_colors';
import { useAppInfo, useLayer, useServices, type ProjectInfo } from '../../state/app_context';
import '../../styles/analysis.css';
import '../../styles/review.css';
import { ErrorNotice } from '../ErrorNotice';
import { ReviewMapLegend, type EstateSelection, type FailingUnits } from './ReviewMapLegend';
import { EstateEditor } from './EstateEditor';
import { ReviewSheetButton } from './ReviewSheet';
import { PresetEditor, presetLabel, usePresets } from './PresetEditor';
import { estateCheckNote, findPreset, ruleText } from './rule_texts';

/** The floor-area rule (required = households ÷ 100 × rate), shown in the batch table. */
export const FLOOR_AREA_RULE = 'care_floor_area_per_100_households';

type EstateRow = EstateReviewReply['estates'][number];
type DistrictRow = ComplianceReply['checks'][number];
/** A review as shown: what review:run answered, or (with the date) what the project has stored. */
type ShownReview = EstateReviewReply | StoredReviewReply;
type ByArea = Boundary['level'] | '';

/** The failing units of a district check on the map: by their ids in the boundaries layer. */
function failingUnitsOf(check: DistrictRow): FailingUnits | null {
  return check.failingIds.length > 0 ? { ids: check.failingIds } : null;
}

/**
 * The reviewer's desk (审查): the project's rule preset (saved in its settings), the review of every
 * estate (the host's `review:run`, as `siting review`: stored in the project) as a batch table whose
 * rows open each rule's check, and the district compliance table (`compliance:check`, as `siting check`).
 */
export function ReviewPanel({ info, settings, onSave, controller }: {
  info: NonNullable<ProjectInfo>;
  settings: Settings;
  onSave: (patch: Partial<Settings>) => Promise<Settings>;
  controller: MapController | null;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const { api } = useServices();
  const id = useId();
  const zh = i18n.language === 'zh';
  const dialogs = useAppInfo().data?.dialogs === true;
  const [review, setReview] = useState<ShownReview | null>(null);
  const [district, setDistrict] = useState<ComplianceReply | null>(null);
  const [selection, setSelection] = useState<EstateSelection | null>(null);
  const [byArea, setByArea] = useState<ByArea>('');
  const [districtRow, setDistrictRow] = useState<number | null>(null);
  const [busy, setBusy] = useState<'review' | 'check' | 'export' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [exported, setExported] = useState<string | null>(null);
  const estates = info.counts.estates ?? 0;
  const open = selection?.id ?? null;
  const hasBoundaries = (info.counts.boundaries ?? 0) > 0;
  const boundaries = useLayer('boundaries', hasBoundaries).data as FeatureCollection | undefined;
  // The boundary levels present in the project, in the schema's order (the per-area chooser).
  const levels = useMemo(() => {
    const present = new Set((boundaries?.features ?? []).map((feature) => String(feature.properties?.level ?? '')));
    return BOUNDARY_LEVELS.filter((level) => present.has(level));
  }, [boundaries]);
  const { presets, reload: reloadPresets } = usePresets(info.path);

  // Another project: the results belonged to the old one; its stored review, if any, comes back.
  useEffect(() => {
    setReview(null);
    setDistrict(null);
    setSelection(null);
    setDistrictRow(null);
    setByArea('');
    setError(null);
    setExported(null);
    let current = true;
    api['review:stored']({}).then(
      (stored) => {
        if (current) setReview((shown) => shown ?? stored);
      },
      (reason: unknown) => {
        if (current) setError(reason);
      },
    );
    return () => {
      current = false;
    };
  }, [api, info.path]);

  // An estate chosen on the map: its row opens and scrolls into view.
  useEffect(() => {
    if (selection?.from !== 'map') return;
    document.querySelector(`[data-testid="review-estate-row"][data-estate="${CSS.escape(selection.id)}"]`)?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [selection]);
  const selectFromMap = useCallback((estateId: string) => setSelection({ id: estateId, from: 'map' }), []);

  const textOf = useCallback(
    (presetId: string, ruleId: string) => {
      const rule = findPreset(presets, presetId)?.rules.find((r) => r.id === ruleId);
      return rule ? ruleText(rule, zh, t) : ruleId;
    },
    [zh, presets, t],
  );
  const presetName = (presetId: string) => {
    const preset = findPreset(presets, presetId);
    return preset ? (zh ? preset.zh : preset.en) : presetId;
  };

  const choosePreset = (presetId: string) => {
    setError(null);
    onSave({ rulesPreset: presetId }).catch((reason: unknown) => setError(reason));
  };

  const runReview = async () => {
    setBusy('review');
    setError(null);
    try {
      const run = await api['review:run']({ preset: settings.rulesPreset, codes: true });
      // Read back as stored: with the date, and the estates without a review.
      setReview((await api['review:stored']({})) ?? run);
      setSelection(null);
      setExported(null);
    } catch (reason) {
      setError(reason);
    } finally {
      setBusy(null);
    }
  };

  const runCheck = async () => {
    setBusy('check');
    setError(null);
    try {
      setDistrict(await api['compliance:check']({ preset: settings.rulesPreset, ...(byArea ? { byArea } : {}) }));
      setDistrictRow(null);
    } catch (reason) {
      setError(reason);
    } finally {
      setBusy(null);
    }
  };

  const exportReviews = async (fileFormat: (typeof REVIEW_EXPORT_FORMATS)[number]) => {
    setBusy('export');
    setError(null);
    setExported(null);
    try {
      if (dialogs) {
        const picked = await api['dialog:file:save']({ purpose: 'export', defaultName: `estate_reviews.${fileFormat}` });
        if (!picked.path) return;
        const result = await api['review:export']({ format: fileFormat, path: picked.path });
        setExported(t('review.exportSaved', { rows: result.rows, estates: result.estates, path: result.path ?? picked.path }));
      } else {
        const result = await api['review:export']({ format: fileFormat });
        downloadReply(result);
        setExported(t('review.exportDownloaded', { rows: result.rows, estates: result.estates, name: result.name }));
      }
    } catch (reason) {
      setError(reason);
    } finally {
      setBusy(null);
    }
  };

  const dateText = (iso: string) => new Intl.DateTimeFormat(format.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  const stored = review && 'reviewedAt' in review ? review : null;
  const failing = district && districtRow !== null && district.checks[districtRow] ? failingUnitsOf(district.checks[districtRow]) : null;

  const num = (value: number | null | undefined) => (value === null || value === undefined ? t('common.none') : format.number(value));
  const districtValue = (value: number | null | undefined, unit: string) =>
    value === null || value === undefined ? t('common.none') : unit.startsWith('share') ? format.percent(value) : format.number(Math.round(value * 10) / 10);

  return (
    <section className="section" aria-labelledby={`${id}-heading`} data-testid="review-panel" data-busy={busy ?? ''}>
      <h2 id={`${id}-heading`}>{t('review.heading')}</h2>
      <p className="muted small">{t('review.intro')}</p>
      <label htmlFor={`${id}-preset`}>{t('review.preset')}</label>
      <select id={`${id}-preset`} data-testid="review-preset" value={settings.rulesPreset} disabled={busy !== null} onChange={(event) => choosePreset(event.target.value)}>
        {!findPreset(presets, settings.rulesPreset) && <option value={settings.rulesPreset}>{settings.rulesPreset}</option>}
        {[...(presets?.bundled ?? []), ...(presets?.edited ?? [])].map((preset) => (
          <option key={preset.id} value={preset.id}>
            {presetLabel(preset, presets?.edited.includes(preset) ?? false, zh, t)}
          </option>
        ))}
      </select>
      <p className="muted small">{t('review.presetSaved')}</p>
      <PresetEditor presets={presets} currentId={settings.rulesPreset} disabled={busy !== null} reload={reloadPresets} choose={(presetId) => onSave({ rulesPreset: presetId })} />
      {estates === 0 && <p className="muted" data-testid="review-no-estates">{t('review.noEstates')}</p>}
      <label htmlFor={`${id}-by-area`}>{t('review.byArea')}</label>
      <select id={`${id}-by-area`} data-testid="compliance-by-area" value={byArea} disabled={busy !== null} onChange={(event) => setByArea(event.target.value as ByArea)}>
        <option value="">{t('review.byAreaNone')}</option>
        {levels.map((level) => (
          <option key={level} value={level}>
            {t('review.byAreaLevel', { level: t(`areas.levels.${level}`) })}
          </option>
        ))}
      </select>
      <div className="row wrap">
        <button type="button" className="primary" data-testid="review-run" disabled={busy !== null || estates === 0} onClick={() => void runReview()}>
          {busy === 'review' ? t('review.running') : t('review.run')}
        </button>
        <button type="button" data-testid="compliance-run" disabled={busy !== null} onClick={() => void runCheck()}>
          {busy === 'check' ? t('review.checking') : t('review.checkRun')}
        </button>
      </div>
      <ErrorNotice error={error} testId="review-error" />
      {/* Estates entered or corrected here: a review on screen is run again after each save. */}
      <EstateEditor info={info} controller={controller} onSaved={() => review && busy === null && void runReview()} />
      {review && (
        <section className="subsection" data-testid="review-result" data-preset={review.preset.id} data-version={review.preset.version}>
          <p data-testid="review-summary" data-estates={review.summary.estates} data-compliant={review.summary.compliant}>
            {t('review.reviewedWith', { preset: presetName(review.preset.id), version: review.preset.version, ...review.summary })}
          </p>
          {stored && (
            <p className="muted small" data-testid="review-stored" data-reviewed-at={stored.reviewedAt} data-presets={stored.presets.map((p) => `${p.id}@${p.version}`).join(' ')}>
              {t('review.storedOn', {
                date: dateText(stored.reviewedAt),
                presets: stored.presets.map((p) => t('review.presetVersion', { name: presetName(p.id), version: p.version })).join(zh ? '、' : ', '),
              })}
              {stored.unreviewed > 0 && <span className="review-note">{t('review.unreviewed', { count: stored.unreviewed })}</span>}
            </p>
          )}
          {stored?.estatesChangedAt && (
            <p className="notice" role="status" data-testid="review-estates-changed" data-changed-at={stored.estatesChangedAt}>
              {t('review.estatesChanged', { date: dateText(stored.estatesChangedAt) })}
            </p>
          )}
          <p data-testid="review-new-share" data-new={review.newEstates.estates} data-new-compliant={review.newEstates.compliant}>
            {review.newEstates.estates > 0
              ? t('review.newShare', { compliant: review.newEstates.compliant, estates: review.newEstates.estates, share: format.percent(review.newEstates.share) })
              : t('review.newNone')}
          </p>
          <p className="muted small">
            {t('review.expandHint')} {t('review.mapHint')}
          </p>
          <div className="table-scroll review-tall">
            <table className="data-table review-table">
              <caption className="muted small">{t('review.floorAreaCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('review.estate')}</th>
                  <th scope="col">{t('review.verdict')}</th>
                  <th scope="col" className="num">{t('review.required')}</th>
                  <th scope="col" className="num">{t('review.provided')}</th>
                  <th scope="col" className="num">{t('review.shortfall')}</th>
                </tr>
              </thead>
              <tbody>
                {review.estates.map((estate) => (
                  <EstateRows
                    key={estate.id}
                    estate={estate}
                    expanded={open === estate.id}
                    onToggle={() => setSelection((current) => (current?.id === estate.id ? null : { id: estate.id, from: 'table' }))}
                    ruleText={(rule) => textOf(review.preset.id, rule)}
                    preset={review.preset.id}
                    num={num}
                  />
                ))}
              </tbody>
            </table>
          </div>
          <div className="row wrap" data-testid="review-export">
            <span>{t('review.exportHeading')}:</span>
            {REVIEW_EXPORT_FORMATS.map((fileFormat) => (
              <button key={fileFormat} type="button" data-testid={`review-export-${fileFormat}`} disabled={busy !== null} onClick={() => void exportReviews(fileFormat)}>
                {t(fileFormat === 'csv' ? 'review.exportCsv' : 'review.exportXlsx')}
              </button>
            ))}
          </div>
          <p className="muted small">{t('review.exportHint')}</p>
          {exported && (
            <p role="status" data-testid="review-exported">
              {exported}
            </p>
          )}
        </section>
      )}
      {district && (
        <section className="subsection" data-testid="compliance-result" data-preset={district.preset.id} data-by-area={district.byArea ?? ''}>
          <h3>{t('review.districtHeading')}</h3>
          {district.checks.some((check) => check.failing.length > 0) && <p className="muted small">{t('review.failingHint')}</p>}
          <div className="table-scroll review-tall">
            <table className="data-table review-table">
              <thead>
                <tr>
                  <th scope="col">{t('review.rule')}</th>
                  <th scope="col">{t('review.scope')}</th>
                  <th scope="col" className="num">{t('review.value')}</th>
                  <th scope="col" className="num">{t('review.target')}</th>
                  <th scope="col" className="num">{t('review.gap')}</th>
                  <th scope="col">{t('review.verdict')}</th>
                </tr>
              </thead>
              <tbody>
                {district.checks.map((check, index) => (
                  <DistrictRowView
                    key={`${check.rule}-${check.scope}-${check.group ?? ''}-${index}`}
                    check={check}
                    ruleText={textOf(district.preset.id, check.rule)}
                    shown={districtValue}
                    selected={districtRow === index}
                    onSelect={() => setDistrictRow((current) => (current === index ? null : index))}
                  />
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      <ReviewMapLegend controller={controller} review={review} selection={selection} onMapSelect={selectFromMap} failing={failing} />
    </section>
  );
}

function VerdictText({ verdict, text, color }: { verdict: string; text: string; color: string }) {
  return (
    <span className="verdict" data-verdict={verdict} style={{ color, fontWeight: 600 }}>
      <span aria-hidden="true" className="swatch swatch-dot" style={{ background: color }} /> {text}
    </span>
  );
}

function EstateRows({ estate, expanded, onToggle, ruleText, num, preset }: {
  estate: EstateRow;
  preset: string;
  expanded: boolean;
  onToggle: () => void;
  ruleText: (rule: string) => string;
  num: (value: number | null | undefined) => string;
}) {
  const { t } = useTranslation();
  const floor = estate.checks.find((check) => check.rule === FLOOR_AREA_RULE) ?? null;
  const shortfall = floor && floor.verdict === 'fail' && floor.required !== null && floor.provided !== null ? floor.required - floor.provided : null;
  return (
    <Fragment>
      <tr
        data-testid="review-estate-row"
        data-estate={estate.id}
        data-verdict={estate.verdict}
        data-required={floor?.required ?? ''}
        data-provided={floor?.provided ?? ''}
        data-floor-verdict={floor?.verdict ?? ''}
        aria-expanded={expanded}
        aria-selected={expanded}
        className="review-estate"
        tabIndex={0}
        onClick={onToggle}
        onKeyDown={(event) => {
          if (event.key === 'Enter' || event.key === ' ') {
            event.preventDefault();
            onToggle();
          }
        }}
      >
        <td>{estate.name ?? estate.id}</td>
        <td>
          <VerdictText verdict={estate.verdict} text={t(`review.verdicts.${estate.verdict}`)} color={ESTATE_VERDICT_COLORS[estate.verdict]} />
        </td>
        <td className="num">{num(floor?.required)}</td>
        <td className="num">{num(floor?.provided)}</td>
        <td className="num">{shortfall === null ? '' : num(shortfall)}</td>
      </tr>
      {expanded && (
        <tr data-testid="review-estate-checks" data-estate={estate.id}>
          <td colSpan={5}>
            <ul className="review-checks">
              {estate.checks.map((check) => {
                const unit = check.unit ? ` ${t(`review.units.${check.unit}`)}` : '';
                const figures = [
                  check.required !== null ? `${t('review.required')} ${num(check.required)}${unit}` : '',
                  check.provided !== null ? `${t('review.provided')} ${num(check.provided)}${unit}` : '',
                ].filter(Boolean);
                const note = [estateCheckNote(check, t), check.method ? t(`review.methods.${check.method}`) : ''].filter(Boolean);
                return (
                  <li key={check.rule} data-testid="review-check-row" data-rule={check.rule} data-verdict={check.verdict} data-required={check.required ?? ''} data-provided={check.provided ?? ''}>
                    <span className="review-rule">{ruleText(check.rule)}</span>
                    <VerdictText verdict={check.verdict} text={t(`review.checkVerdicts.${check.verdict}`)} color={CHECK_VERDICT_COLORS[check.verdict]} />
                    {figures.length > 0 && <span> · {figures.join(' · ')}</span>}
                    {note.length > 0 && <span className="review-note">{note.join('; ')}</span>}
                  </li>
                );
              })}
            </ul>
            <ReviewSheetButton estate={estate} preset={preset} />
          </td>
        </tr>
      )}
    </Fragment>
  );
}

/** A kind of boundary unit (a check's group, e.g. urban_community) in the UI language; an unknown one as it is. */
function unitKind(kind: string, t: TFunction): string {
  return String(t(`review.unitKinds.${kind}`, { defaultValue: kind } as never));
}

/** What a not-checkable check lacks, in the UI language (its code), else the host's words. */
function missingText(check: DistrictRow, t: TFunction): string {
  const missing = check.missing;
  if (!missing) return check.reason ?? '';
  const { params } = missing;
  if (missing.input === 'units') return t(params.inArea === 'yes' ? 'review.districtMissing.unitsInArea' : 'review.districtMissing.units', { units: unitKind(params.units ?? '', t) });
  if (missing.input === 'boundaries_of_level') return t('review.districtMissing.boundaries_of_level', { level: t(`areas.levels.${params.level}`, { defaultValue: params.level } as never) });
  return t(`review.districtMissing.${missing.input}`);
}

function DistrictRowView({ check, ruleText, shown, selected, onSelect }: {
  check: DistrictRow;
  ruleText: string;
  shown: (value: number | null | undefined, unit: string) => string;
  selected: boolean;
  onSelect: () => void;
}) {
  const { t } = useTranslation();
  const failing = check.failing.slice(0, 10).join('、') + (check.failing.length > 10 ? ` … (${check.failing.length})` : '');
  // A row with failing units shows them on the map when chosen.
  const choosable = check.failing.length > 0;
  return (
    <tr
      data-testid="compliance-row"
      data-rule={check.rule}
      data-scope={check.scope}
      data-group={check.group ?? ''}
      data-value={check.value ?? ''}
      data-target={check.target ?? ''}
      data-verdict={check.verdict}
      data-failing={check.failing.length}
      className={choosable ? 'compliance-row-failing' : undefined}
      aria-selected={choosable ? selected : undefined}
      tabIndex={choosable ? 0 : undefined}
      onClick={choosable ? onSelect : undefined}
      onKeyDown={
        choosable
          ? (event) => {
              if (event.key === 'Enter' || event.key === ' ') {
                event.preventDefault();
                onSelect();
              }
            }
          : undefined
      }
    >
      <td className="review-rule-cell">
        {ruleText}
        {check.group ? ` (${unitKind(check.group, t)})` : ''}
        {check.reason ? <span className="review-note">{t('review.missing', { input: missingText(check, t) })}</span> : null}
        {failing && (
          <span className="review-note" data-testid="compliance-failing">
            {t('review.failing')}: {failing}
          </span>
        )}
      </td>
      <td className="review-scope-cell">{check.scope === 'district' ? t('review.districtScope') : check.scope}</td>
      <td className="num">{shown(check.value, check.unit)}</td>
      <td className="num">{shown(check.target, check.unit)}</td>
      <td className="num">{check.verdict === 'fail' ? shown(check.gap, check.unit) : ''}</td>
      <td>
        <VerdictText verdict={check.verdict} text={t(`review.districtVerdicts.${check.verdict}`)} color={CHECK_VERDICT_COLORS[check.verdict]} />
      </td>
    </tr>
  );
}
