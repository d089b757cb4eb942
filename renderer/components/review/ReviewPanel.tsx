import { Fragment, useCallback, useEffect, useId, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ComplianceReply, EstateReviewReply, Settings } from '../../../shared/ipc/contract';
import { useFormatters } from '../../i18n/format';
import type { MapController } from '../../map/map_controller';
import { CHECK_VERDICT_COLORS, ESTATE_VERDICT_COLORS } from '../../map/review_style';
import { useServices, type ProjectInfo } from '../../state/app_context';
import '../../styles/analysis.css';
import '../../styles/review.css';
import { ErrorNotice } from '../ErrorNotice';
import { ReviewMapLegend } from './ReviewMapLegend';
import { PresetEditor, presetLabel, usePresets } from './PresetEditor';
import { estateCheckNote, findPreset, ruleText } from './rule_texts';

/** The floor-area rule (required = households ÷ 100 × rate), shown in the batch table. */
export const FLOOR_AREA_RULE = 'care_floor_area_per_100_households';

type EstateRow = EstateReviewReply['estates'][number];
type DistrictRow = ComplianceReply['checks'][number];

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
  const [review, setReview] = useState<EstateReviewReply | null>(null);
  const [district, setDistrict] = useState<ComplianceReply | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [busy, setBusy] = useState<'review' | 'check' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const estates = info.counts.estates ?? 0;
  const { presets, reload: reloadPresets } = usePresets(info.path);

  // Another project: the results belonged to the old one.
  useEffect(() => {
    setReview(null);
    setDistrict(null);
    setOpen(null);
    setError(null);
  }, [info.path]);

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
      setReview(await api['review:run']({ preset: settings.rulesPreset, codes: true }));
      setOpen(null);
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
      setDistrict(await api['compliance:check']({ preset: settings.rulesPreset }));
    } catch (reason) {
      setError(reason);
    } finally {
      setBusy(null);
    }
  };

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
      <div className="row wrap">
        <button type="button" className="primary" data-testid="review-run" disabled={busy !== null || estates === 0} onClick={() => void runReview()}>
          {busy === 'review' ? t('review.running') : t('review.run')}
        </button>
        <button type="button" data-testid="compliance-run" disabled={busy !== null} onClick={() => void runCheck()}>
          {busy === 'check' ? t('review.checking') : t('review.checkRun')}
        </button>
      </div>
      <ErrorNotice error={error} testId="review-error" />
      {review && (
        <section className="subsection" data-testid="review-result" data-preset={review.preset.id} data-version={review.preset.version}>
          <p data-testid="review-summary" data-estates={review.summary.estates} data-compliant={review.summary.compliant}>
            {t('review.reviewedWith', { preset: presetName(review.preset.id), version: review.preset.version, ...review.summary })}
          </p>
          <p data-testid="review-new-share" data-new={review.newEstates.estates} data-new-compliant={review.newEstates.compliant}>
            {review.newEstates.estates > 0
              ? t('review.newShare', { compliant: review.newEstates.compliant, estates: review.newEstates.estates, share: format.percent(review.newEstates.share) })
              : t('review.newNone')}
          </p>
          <p className="muted small">{t('review.expandHint')}</p>
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
                    onToggle={() => setOpen((current) => (current === estate.id ? null : estate.id))}
                    ruleText={(rule) => textOf(review.preset.id, rule)}
                    num={num}
                  />
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      {district && (
        <section className="subsection" data-testid="compliance-result" data-preset={district.preset.id}>
          <h3>{t('review.districtHeading')}</h3>
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
                  <DistrictRowView key={`${check.rule}-${check.scope}-${check.group ?? ''}-${index}`} check={check} ruleText={textOf(district.preset.id, check.rule)} shown={districtValue} />
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      <ReviewMapLegend controller={controller} review={review} />
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

function EstateRows({ estate, expanded, onToggle, ruleText, num }: {
  estate: EstateRow;
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

function DistrictRowView({ check, ruleText, shown }: { check: DistrictRow; ruleText: string; shown: (value: number | null | undefined, unit: string) => string }) {
  const { t } = useTranslation();
  const failing = check.failing.slice(0, 10).join('、') + (check.failing.length > 10 ? ` … (${check.failing.length})` : '');
  return (
    <tr data-testid="compliance-row" data-rule={check.rule} data-scope={check.scope} data-group={check.group ?? ''} data-value={check.value ?? ''} data-target={check.target ?? ''} data-verdict={check.verdict}>
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
      <td>{check.scope === 'district' ? t('review.districtScope') : check.scope}</td>
      <td className="num">{shown(check.value, check.unit)}</td>
      <td className="num">{shown(check.target, check.unit)}</td>
      <td className="num">{check.verdict === 'fail' ? shown(check.gap, check.unit) : ''}</td>
      <td>
        <VerdictText verdict={check.verdict} text={t(`review.districtVerdicts.${check.verdict}`)} color={CHECK_VERDICT_COLORS[check.verdict]} />
      </td>
    </tr>
  );
}
