import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIFE_CIRCLE_PRESETS, WALKING_SPEED_PRESETS } from '../../../shared/engine/network/thresholds';
import type { Scenario } from '../../../shared/schemas/entities';
import type { AccessibilityParams } from '../../analysis/use_accessibility';
import { limitValues, parseSetting, parseSettingList, percentText } from '../../analysis/parse_numbers';
import { DEFAULTS, LIMITS } from '../../../shared/settings/siting_settings';
import { MAX_TRAVEL_CLASSES } from '../../map/travel_time_colors';
import { BASELINE_ID } from '../../workspace/use_scenarios';

/**
 * What the form asks for. Network mode has walking times (`minutes`) or network distances
 * (`networkM`, level-walking metres), never both: the other list is empty.
 */
export type FormParams = Omit<AccessibilityParams, 'kinds'> & {
  networkM: number[];
  /** Cost of a metre of `highway=steps` relative to level walking, in [1, 10]. */
  stepsFactor: number;
};

const SPEED_LABELS = { frail: 'access.speedFrail', default: 'access.speedDefault', younger_old: 'access.speedYounger' } as const;
const LIFE_MINUTES = LIFE_CIRCLE_PRESETS.map((preset) => preset.minutes).join(', ');
const LIFE_RADII = LIFE_CIRCLE_PRESETS.map((preset) => preset.distanceM).join(', ');

/**
 * Parameters of the accessibility analysis: facilities counted (existing, or with the proposals of
 * the workspace's scenario — choosing here switches the workspace), circle or walking network,
 * thresholds (radii; on the network walking times or network distances, each with its GB 50180
 * life-circle preset), walking speed, cost of steps, capacity with uptake rate, gaps and per-area
 * figures.
 */
export function AccessibilityForm({
  hasRoads,
  hasBoundaries,
  scenarios,
  scenario,
  onScenario,
  busy,
  onRun,
}: {
  hasRoads: boolean;
  hasBoundaries: boolean;
  scenarios: readonly Scenario[];
  scenario: string | null;
  onScenario: (scenario: string) => void;
  busy: boolean;
  onRun: (params: FormParams) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [mode, setMode] = useState<'circle' | 'network'>('circle');
  const [radiiText, setRadiiText] = useState(LIFE_RADII);
  const [basis, setBasis] = useState<'minutes' | 'distance'>('minutes');
  const [minutesText, setMinutesText] = useState(LIFE_MINUTES);
  const [networkMText, setNetworkMText] = useState(LIFE_RADII);
  const [stepsText, setStepsText] = useState(String(DEFAULTS.stepsFactor));
  const [speedMps, setSpeedMps] = useState<number>(DEFAULTS.speedMps);
  const [maxSnapText, setMaxSnapText] = useState(String(DEFAULTS.maxSnapM));
  const [capacity, setCapacity] = useState(false);
  const [uptakeText, setUptakeText] = useState(percentText(DEFAULTS.uptakeRate));
  const [gaps, setGaps] = useState(true);
  const [byArea, setByArea] = useState(hasBoundaries);
  const [problem, setProblem] = useState<string | null>(null);
  const network = mode === 'network' && hasRoads;
  const byDistance = network && basis === 'distance';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const radiiM = parseSettingList(radiiText, 'radiusM', MAX_TRAVEL_CLASSES);
    const minutes = parseSettingList(minutesText, 'minutes', MAX_TRAVEL_CLASSES);
    const networkM = parseSettingList(networkMText, 'networkM', MAX_TRAVEL_CLASSES);
    const stepsFactor = parseSetting(stepsText, 'stepsFactor');
    const maxSnapM = parseSetting(maxSnapText, 'maxSnapM');
    const uptakeRate = parseSetting(uptakeText, 'uptakeRate', { percent: true });
    const count = MAX_TRAVEL_CLASSES;
    if (!network && radiiM === null) return setProblem(t('access.radiiInvalid', { count, ...limitValues('radiusM') }));
    if (network && !byDistance && minutes === null) return setProblem(t('access.minutesInvalid', { count, ...limitValues('minutes') }));
    if (byDistance && networkM === null) return setProblem(t('access.networkMInvalid', { count, ...limitValues('networkM') }));
    if (network && stepsFactor === null) return setProblem(t('access.stepsInvalid', limitValues('stepsFactor')));
    if (network && maxSnapM === null) return setProblem(t('access.snapInvalid', limitValues('maxSnapM')));
    if (capacity && uptakeRate === null) return setProblem(t('access.uptakeInvalid'));
    setProblem(null);
    onRun({
      mode: network ? 'network' : 'circle',
      radiiM: radiiM ?? [],
      minutes: network && !byDistance ? (minutes ?? []) : [],
      networkM: byDistance ? (networkM ?? []) : [],
      speedMps,
      stepsFactor: stepsFactor ?? DEFAULTS.stepsFactor,
      maxSnapM: maxSnapM ?? DEFAULTS.maxSnapM,
      capacity,
      uptakeRate: uptakeRate ?? DEFAULTS.uptakeRate,
      gaps,
      byArea: byArea && hasBoundaries,
      scenario,
    });
  };

  return (
    <form onSubmit={submit} className="stack" data-testid="access-form" aria-busy={busy}>
      <label htmlFor={`${id}-scenario`}>{t('access.scenario')}</label>
      <select id={`${id}-scenario`} data-testid="access-scenario" value={scenario ?? BASELINE_ID} onChange={(event) => onScenario(event.target.value)}>
        {scenarios.length === 0 && <option value={BASELINE_ID}>{t('access.scenarioExisting')}</option>}
        {scenarios.map((item) => (
          <option key={item.id} value={item.id}>
            {item.id === BASELINE_ID ? t('access.scenarioExisting') : t('access.scenarioWith', { name: item.name })}
          </option>
        ))}
      </select>

      <fieldset>
        <legend id={`${id}-mode-legend`}>{t('access.mode')}</legend>
        <div className="segmented" role="radiogroup" aria-labelledby={`${id}-mode-legend`}>
          {(['circle', 'network'] as const).map((value) => (
            <label key={value} className={mode === value ? 'segment segment-active' : 'segment'} aria-disabled={value === 'network' && !hasRoads}>
              <input
                type="radio"
                name={`${id}-mode`}
                value={value}
                data-testid={`access-mode-${value}`}
                checked={mode === value}
                disabled={value === 'network' && !hasRoads}
                onChange={() => setMode(value)}
              />
              {t(value === 'circle' ? 'access.modeCircle' : 'access.modeNetwork')}
            </label>
          ))}
        </div>
        {!hasRoads && (
          <p className="muted small" data-testid="access-network-disabled">
            {t('access.networkNeedsRoads')}
          </p>
        )}
      </fieldset>

      {network ? (
        <>
          <fieldset>
            <legend id={`${id}-basis-legend`}>{t('access.basis')}</legend>
            <div className="segmented" role="radiogroup" aria-labelledby={`${id}-basis-legend`}>
              {(['minutes', 'distance'] as const).map((value) => (
                <label key={value} className={basis === value ? 'segment segment-active' : 'segment'}>
                  <input
                    type="radio"
                    name={`${id}-basis`}
                    value={value}
                    data-testid={`access-basis-${value}`}
                    checked={basis === value}
                    onChange={() => setBasis(value)}
                  />
                  {t(value === 'minutes' ? 'access.basisMinutes' : 'access.basisDistance')}
                </label>
              ))}
            </div>
          </fieldset>
          {byDistance ? (
            <>
              <label htmlFor={`${id}-network-m`}>{t('access.networkM')}</label>
              <div className="row wrap">
                <input
                  id={`${id}-network-m`}
                  type="text"
                  inputMode="decimal"
                  className="grow"
                  data-testid="access-network-m"
                  value={networkMText}
                  aria-describedby={`${id}-network-m-hint`}
                  onChange={(e) => setNetworkMText(e.target.value)}
                />
                <button type="button" className="chip" data-testid="access-network-m-life" onClick={() => setNetworkMText(LIFE_RADII)} title={t('access.lifeCircleSource')}>
                  {t('access.lifeCircleRadii')}
                </button>
              </div>
              <p id={`${id}-network-m-hint`} className="muted small">
                {t('access.networkMHint')}
              </p>
            </>
          ) : (
            <>
              <label htmlFor={`${id}-minutes`}>{t('access.minutes')}</label>
              <div className="row wrap">
                <input id={`${id}-minutes`} type="text" inputMode="decimal" className="grow" data-testid="access-minutes" value={minutesText} onChange={(e) => setMinutesText(e.target.value)} />
                <button type="button" className="chip" onClick={() => setMinutesText(LIFE_MINUTES)} title={t('access.lifeCircleSource')}>
                  {t('access.lifeCircles')}
                </button>
              </div>
            </>
          )}
          <label htmlFor={`${id}-speed`}>{t('access.speed')}</label>
          <select
            id={`${id}-speed`}
            data-testid="access-speed"
            value={String(speedMps)}
            aria-describedby={byDistance ? `${id}-speed-hint` : undefined}
            onChange={(e) => setSpeedMps(Number(e.target.value))}
          >
            {WALKING_SPEED_PRESETS.map((preset) => (
              <option key={preset.id} value={String(preset.speedMps)}>
                {t(SPEED_LABELS[preset.id])}
              </option>
            ))}
          </select>
          {byDistance && (
            <p id={`${id}-speed-hint`} className="muted small">
              {t('access.speedForTimes')}
            </p>
          )}
          <label htmlFor={`${id}-steps`}>{t('access.stepsFactor')}</label>
          <input
            id={`${id}-steps`}
            type="number"
            min={LIMITS.stepsFactor.min}
            max={LIMITS.stepsFactor.max}
            step="any"
            data-testid="access-steps-factor"
            value={stepsText}
            aria-describedby={`${id}-steps-hint`}
            onChange={(e) => setStepsText(e.target.value)}
          />
          <p id={`${id}-steps-hint`} className="muted small">
            {t('access.stepsFactorHint', { factor: DEFAULTS.stepsFactor })}
          </p>
          <label htmlFor={`${id}-snap`}>{t('access.maxSnap')}</label>
          <input id={`${id}-snap`} type="number" min={1} max={LIMITS.maxSnapM.max} data-testid="access-max-snap" value={maxSnapText} onChange={(e) => setMaxSnapText(e.target.value)} />
        </>
      ) : (
        <>
          <label htmlFor={`${id}-radii`}>{t('access.radii')}</label>
          <div className="row wrap">
            <input id={`${id}-radii`} type="text" inputMode="decimal" className="grow" data-testid="access-radii" value={radiiText} onChange={(e) => setRadiiText(e.target.value)} />
            <button type="button" className="chip" onClick={() => setRadiiText(LIFE_RADII)} title={t('access.lifeCircleSource')}>
              {t('access.lifeCircleRadii')}
            </button>
          </div>
        </>
      )}

      <label className="check">
        <input type="checkbox" data-testid="access-capacity" checked={capacity} onChange={(e) => setCapacity(e.target.checked)} />
        {t('access.capacity')}
      </label>
      {capacity && (
        <div className="indent stack">
          <label htmlFor={`${id}-uptake`}>{t('access.uptake')}</label>
          <input id={`${id}-uptake`} type="number" min={0} max={100} step="any" data-testid="access-uptake" value={uptakeText} aria-describedby={`${id}-uptake-hint`} onChange={(e) => setUptakeText(e.target.value)} />
          <p id={`${id}-uptake-hint`} className="muted small">
            {t('access.uptakeHint')}
          </p>
        </div>
      )}
      <label className="check">
        <input type="checkbox" data-testid="access-gaps" checked={gaps} onChange={(e) => setGaps(e.target.checked)} />
        {t('access.gaps')}
      </label>
      <label className="check">
        <input type="checkbox" data-testid="access-by-area" checked={byArea && hasBoundaries} disabled={!hasBoundaries} onChange={(e) => setByArea(e.target.checked)} />
        {t('access.byArea')}
      </label>
      {!hasBoundaries && <p className="muted small">{t('access.byAreaNeedsBoundaries')}</p>}
      {problem && (
        <p className="notice notice-error" role="alert" data-testid="access-problem">
          {problem}
        </p>
      )}
      <button type="submit" className="primary" data-testid="access-run" disabled={busy}>
        {t('access.run')}
      </button>
    </form>
  );
}
