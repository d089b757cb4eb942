import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { WALKING_SPEED_PRESETS } from '../../../shared/engine/network/thresholds';
import { limitValues, parseSetting, percentText } from '../../analysis/parse_numbers';
import type { SuggestParams } from '../../analysis/use_site_suggestion';
import { useLayer } from '../../state/app_context';
import { DEFAULTS, LIMITS, SITING_PROBLEMS, type SitingProblemKind } from '../../../shared/settings/siting_settings';

export type SuggestFormParams = Omit<SuggestParams, 'kinds' | 'studyArea'>;

const PROBLEMS: readonly SitingProblemKind[] = SITING_PROBLEMS;
const METHODS = ['auto', 'heuristic', 'exact'] as const;
const SPEED_LABELS = { frail: 'access.speedFrail', default: 'access.speedDefault', younger_old: 'access.speedYounger' } as const;

/**
 * The optimiser's question: goal (max-coverage — optionally capacitated, with day places per site and
 * uptake —, min-facilities, p-median, p-center), k or target, service area (radius or walking time),
 * candidate sites (grid or candidates layer with floor-area and floor-level filters), exclusion zones
 * (the project's boundaries, as `siting optimize --exclude boundary:NAME`), minimum spacing and solver.
 */
export function SuggestForm({
  hasRoads,
  candidateCount,
  busy,
  onRun,
  studyAreaSet = false,
}: {
  hasRoads: boolean;
  candidateCount: number;
  busy: boolean;
  onRun: (params: SuggestFormParams) => void;
  /** A study area is chosen: offer candidate sites outside it too. */
  studyAreaSet?: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [problem, setProblem] = useState<SitingProblemKind>('max-coverage');
  const [kText, setKText] = useState('3');
  const [targetText, setTargetText] = useState('90');
  const [mode, setMode] = useState<'circle' | 'network'>('circle');
  const [radiusText, setRadiusText] = useState(String(DEFAULTS.radiusM));
  const [minutesText, setMinutesText] = useState(String(DEFAULTS.minutes));
  const [speedMps, setSpeedMps] = useState<number>(DEFAULTS.speedMps);
  const [source, setSource] = useState<'grid' | 'layer'>('grid');
  const [gridText, setGridText] = useState(String(DEFAULTS.gridM));
  const [minFloorText, setMinFloorText] = useState('300');
  const [maxLevelText, setMaxLevelText] = useState('');
  const [excludeBasements, setExcludeBasements] = useState(true);
  const [candidatesOutside, setCandidatesOutside] = useState(false);
  const [spacingText, setSpacingText] = useState(String(DEFAULTS.minSpacingM));
  const [method, setMethod] = useState<(typeof METHODS)[number]>('auto');
  const [capacitated, setCapacitated] = useState(false);
  const [siteCapacityText, setSiteCapacityText] = useState('30');
  const [uptakeText, setUptakeText] = useState(percentText(DEFAULTS.uptakeRate));
  const [excluded, setExcluded] = useState<ReadonlySet<string>>(new Set());
  const [invalid, setInvalid] = useState<string | null>(null);
  const boundaries = useLayer('boundaries', true).data?.features ?? [];
  const network = mode === 'network' && hasRoads;
  const layer = source === 'layer' && candidateCount > 0;
  const coverageGoal = problem === 'max-coverage' || problem === 'min-facilities';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const k = parseSetting(kText, 'sites');
    const targetShare = parseSetting(targetText, 'targetShare', { percent: true });
    const radiusM = parseSetting(radiusText, 'radiusM');
    const minutes = parseSetting(minutesText, 'minutes');
    const gridM = parseSetting(gridText, 'gridM');
    const minFloor = minFloorText.trim() === '' ? null : parseSetting(minFloorText, 'minFloorAreaM2');
    const maxLevel = maxLevelText.trim() === '' ? null : parseSetting(maxLevelText, 'maxFloorLevel');
    const spacing = parseSetting(spacingText, 'minSpacingM');
    if (problem !== 'min-facilities' && k === null) return setInvalid(t('suggest.kInvalid', limitValues('sites')));
    if (problem === 'min-facilities' && targetShare === null) return setInvalid(t('suggest.targetInvalid'));
    if (!network && radiusM === null) return setInvalid(t('suggest.radiusInvalid', limitValues('radiusM')));
    if (network && minutes === null) return setInvalid(t('suggest.minutesInvalid', limitValues('minutes')));
    if (!layer && gridM === null) return setInvalid(t('suggest.gridInvalid', limitValues('gridM')));
    if (layer && ((minFloorText.trim() !== '' && minFloor === null) || (maxLevelText.trim() !== '' && maxLevel === null))) {
      return setInvalid(t('suggest.floorInvalid', { minArea: LIMITS.minFloorAreaM2.min, minLevel: LIMITS.maxFloorLevel.min, maxLevel: LIMITS.maxFloorLevel.max }));
    }
    if (spacing === null) return setInvalid(t('suggest.spacingInvalid', limitValues('minSpacingM')));
    const withCapacity = problem === 'max-coverage' && capacitated;
    const siteCapacity = siteCapacityText.trim() === '' ? null : parseSetting(siteCapacityText, 'siteCapacity');
    const uptakeRate = parseSetting(uptakeText, 'uptakeRate', { percent: true });
    if (withCapacity && ((siteCapacityText.trim() !== '' && siteCapacity === null) || uptakeRate === null)) return setInvalid(t('suggest.capacityInvalid'));
    setInvalid(null);
    onRun({
      problem,
      k: k ?? 1,
      targetShare: targetShare ?? 0.9,
      mode: network ? 'network' : 'circle',
      radiusM: radiusM ?? DEFAULTS.radiusM,
      minutes: minutes ?? DEFAULTS.minutes,
      speedMps,
      maxSnapM: DEFAULTS.maxSnapM,
      candidates: layer ? { source: 'layer', minFloorAreaM2: minFloor, maxFloorLevel: maxLevel, excludeBasements } : { source: 'grid', gridM: gridM ?? DEFAULTS.gridM },
      candidatesOutside: studyAreaSet && candidatesOutside,
      minSpacingM: spacing,
      method,
      capacitated: withCapacity ? { siteCapacity, uptakeRate: uptakeRate ?? DEFAULTS.uptakeRate } : null,
      // Only boundaries still in the project (one may have been deleted since it was ticked).
      excludeBoundaries: boundaries.map((f) => String(f.properties.id)).filter((boundaryId) => excluded.has(boundaryId)),
    });
  };
  const toggleExcluded = (boundaryId: string, on: boolean) =>
    setExcluded((before) => {
      const next = new Set(before);
      if (on) next.add(boundaryId);
      else next.delete(boundaryId);
      return next;
    });

  return (
    <form onSubmit={submit} className="stack" data-testid="suggest-form" aria-busy={busy}>
      <label htmlFor={`${id}-problem`}>{t('suggest.problem')}</label>
      <select id={`${id}-problem`} data-testid="suggest-problem" value={problem} onChange={(e) => setProblem(e.target.value as SitingProblemKind)}>
        {PROBLEMS.map((value) => (
          <option key={value} value={value}>
            {t(`suggest.problems.${value}`)}
          </option>
        ))}
      </select>
      {problem === 'min-facilities' ? (
        <>
          <label htmlFor={`${id}-target`}>{t('suggest.target')}</label>
          <input id={`${id}-target`} type="number" min={1} max={100} step="any" data-testid="suggest-target" value={targetText} onChange={(e) => setTargetText(e.target.value)} />
        </>
      ) : (
        <>
          <label htmlFor={`${id}-k`}>{t('suggest.k')}</label>
          <input id={`${id}-k`} type="number" min={LIMITS.sites.min} max={LIMITS.sites.max} step={1} data-testid="suggest-k" value={kText} onChange={(e) => setKText(e.target.value)} />
        </>
      )}
      <fieldset>
        <legend>{t('access.mode')}</legend>
        <div className="segmented" role="radiogroup">
          {(['circle', 'network'] as const).map((value) => (
            <label key={value} className={mode === value ? 'segment segment-active' : 'segment'} aria-disabled={value === 'network' && !hasRoads}>
              <input
                type="radio"
                name={`${id}-mode`}
                value={value}
                data-testid={`suggest-mode-${value}`}
                checked={mode === value}
                disabled={value === 'network' && !hasRoads}
                onChange={() => setMode(value)}
              />
              {t(value === 'circle' ? 'access.modeCircle' : 'access.modeNetwork')}
            </label>
          ))}
        </div>
      </fieldset>
      {network ? (
        <div className="two-columns">
          <div className="stack">
            <label htmlFor={`${id}-minutes`}>{t('suggest.minutes')}</label>
            <input id={`${id}-minutes`} type="number" min={0} max={LIMITS.minutes.max} step="any" data-testid="suggest-minutes" value={minutesText} onChange={(e) => setMinutesText(e.target.value)} />
          </div>
          <div className="stack">
            <label htmlFor={`${id}-speed`}>{t('access.speed')}</label>
            <select id={`${id}-speed`} value={String(speedMps)} onChange={(e) => setSpeedMps(Number(e.target.value))}>
              {WALKING_SPEED_PRESETS.map((preset) => (
                <option key={preset.id} value={String(preset.speedMps)}>
                  {t(SPEED_LABELS[preset.id])}
                </option>
              ))}
            </select>
          </div>
        </div>
      ) : (
        <>
          <label htmlFor={`${id}-radius`}>{coverageGoal ? t('suggest.radius') : t('suggest.radiusCost')}</label>
          <input id={`${id}-radius`} type="number" min={0} max={LIMITS.radiusM.max} step="any" data-testid="suggest-radius" value={radiusText} onChange={(e) => setRadiusText(e.target.value)} />
        </>
      )}
      <fieldset>
        <legend>{t('suggest.candidates')}</legend>
        <label className="check">
          <input type="radio" name={`${id}-source`} data-testid="suggest-candidates-grid" checked={!layer} onChange={() => setSource('grid')} />
          {t('suggest.candidatesGrid')}
        </label>
        <label className="check">
          <input type="radio" name={`${id}-source`} data-testid="suggest-candidates-layer" checked={layer} disabled={candidateCount === 0} onChange={() => setSource('layer')} />
          {candidateCount > 0 ? t('suggest.candidatesLayer', { count: candidateCount }) : t('suggest.candidatesLayerEmpty')}
        </label>
      </fieldset>
      {layer ? (
        <>
          <div className="two-columns">
            <div className="stack">
              <label htmlFor={`${id}-floor`}>{t('suggest.minFloorArea')}</label>
              <input id={`${id}-floor`} type="number" min={0} data-testid="suggest-min-floor" value={minFloorText} onChange={(e) => setMinFloorText(e.target.value)} />
            </div>
            <div className="stack">
              <label htmlFor={`${id}-level`}>{t('suggest.maxFloorLevel')}</label>
              <input id={`${id}-level`} type="number" step={1} data-testid="suggest-max-level" value={maxLevelText} onChange={(e) => setMaxLevelText(e.target.value)} />
            </div>
          </div>
          <label className="check" title={t('plan.basement.hint')}>
            <input type="checkbox" data-testid="suggest-exclude-basements" checked={excludeBasements} onChange={(e) => setExcludeBasements(e.target.checked)} />
            {t('plan.basement.label')}
          </label>
        </>
      ) : (
        <>
          <label htmlFor={`${id}-grid`}>{t('suggest.gridM')}</label>
          <input id={`${id}-grid`} type="number" min={LIMITS.gridM.min} max={LIMITS.gridM.max} step="any" data-testid="suggest-grid" value={gridText} onChange={(e) => setGridText(e.target.value)} />
        </>
      )}
      {problem === 'max-coverage' && (
        <fieldset data-testid="suggest-capacity" aria-label={t('suggest.capacitated')}>
          <label className="check">
            <input type="checkbox" data-testid="suggest-capacitated" checked={capacitated} onChange={(e) => setCapacitated(e.target.checked)} />
            {t('suggest.capacitated')}
          </label>
          {capacitated && (
            <div className="two-columns">
              <div className="stack">
                <label htmlFor={`${id}-capacity`}>{t('suggest.siteCapacity')}</label>
                <input id={`${id}-capacity`} type="number" min={1} step={1} data-testid="suggest-site-capacity" value={siteCapacityText} onChange={(e) => setSiteCapacityText(e.target.value)} />
              </div>
              <div className="stack">
                <label htmlFor={`${id}-uptake`}>{t('suggest.uptake')}</label>
                <input id={`${id}-uptake`} type="number" min={0} max={100} step="any" data-testid="suggest-uptake" value={uptakeText} onChange={(e) => setUptakeText(e.target.value)} />
              </div>
            </div>
          )}
        </fieldset>
      )}
      {studyAreaSet && (
        <label className="check">
          <input type="checkbox" data-testid="suggest-candidates-outside" checked={candidatesOutside} onChange={(e) => setCandidatesOutside(e.target.checked)} />
          {t('plan.studyArea.candidatesOutside')}
        </label>
      )}
      <fieldset data-testid="suggest-exclusions">
        <legend>{t('suggest.exclude')}</legend>
        {boundaries.length === 0 && <p className="muted small">{t('suggest.excludeNone')}</p>}
        {boundaries.map((feature) => {
          const boundaryId = String(feature.properties.id);
          return (
            <label key={boundaryId} className="check">
              <input
                type="checkbox"
                data-testid="suggest-exclude"
                data-id={boundaryId}
                checked={excluded.has(boundaryId)}
                onChange={(e) => toggleExcluded(boundaryId, e.target.checked)}
              />
              {t('suggest.excludeBoundary', { name: String(feature.properties.name), level: t(`areas.levels.${String(feature.properties.level)}`, { defaultValue: String(feature.properties.level) }) })}
            </label>
          );
        })}
      </fieldset>
      <label htmlFor={`${id}-spacing`}>{t('suggest.minSpacing')}</label>
      <input id={`${id}-spacing`} type="number" min={LIMITS.minSpacingM.min} max={LIMITS.minSpacingM.max} step="any" data-testid="suggest-spacing" value={spacingText} onChange={(e) => setSpacingText(e.target.value)} />
      <label htmlFor={`${id}-method`}>{t('suggest.method')}</label>
      <select id={`${id}-method`} data-testid="suggest-method" value={method} onChange={(e) => setMethod(e.target.value as (typeof METHODS)[number])}>
        {METHODS.map((value) => (
          <option key={value} value={value}>
            {t(`suggest.methods.${value}`)}
          </option>
        ))}
      </select>
      {invalid && (
        <p className="notice notice-error" role="alert" data-testid="suggest-problem-text">
          {invalid}
        </p>
      )}
      <button type="submit" className="primary" data-testid="suggest-run" disabled={busy}>
        {t('suggest.run')}
      </button>
    </form>
  );
}
