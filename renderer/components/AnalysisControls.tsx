import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FACILITY_KINDS, type FacilityKind } from '../../shared/schemas/entities';
import { FACILITY_KIND_COLORS } from '../../shared/map_style/facility_style';
import type { AnalysisParams } from './App';

/** GB 50180-2018 life circles: 5, 10 and 15 minutes' walk. */
const PRESETS = [
  { radiusM: 300, label: 'analysis.preset300' },
  { radiusM: 500, label: 'analysis.preset500' },
  { radiusM: 1000, label: 'analysis.preset1000' },
] as const;

const MAX_RADIUS_M = 100_000;

/**
 * Service radius (metres) and facility kinds of the coverage analysis. Presets and kind boxes run
 * the analysis at once; a typed radius runs on Enter or the button.
 */
export function AnalysisControls({ value, running, onRun }: { value: AnalysisParams; running: boolean; onRun: (params: AnalysisParams) => void }) {
  const { t } = useTranslation();
  const radiusId = useId();
  const hintId = useId();
  const [radiusText, setRadiusText] = useState(String(value.radiusM));
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => setRadiusText(String(value.radiusM)), [value.radiusM]);

  const parsedRadius = (): number | null => {
    const radiusM = Number(radiusText.replace(/[,\s]/g, ''));
    return Number.isFinite(radiusM) && radiusM >= 1 && radiusM <= MAX_RADIUS_M ? radiusM : null;
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const radiusM = parsedRadius();
    if (radiusM === null) return setProblem(t('analysis.radiusInvalid'));
    setProblem(null);
    onRun({ radiusM, kinds: value.kinds });
  };

  const toggleKind = (kind: FacilityKind, checked: boolean) => {
    const kinds = FACILITY_KINDS.filter((k) => (k === kind ? checked : value.kinds.includes(k)));
    if (kinds.length === 0) return setProblem(t('analysis.kindsInvalid'));
    setProblem(null);
    onRun({ radiusM: parsedRadius() ?? value.radiusM, kinds });
  };

  return (
    <section className="section" aria-labelledby="analysis-heading">
      <h2 id="analysis-heading">{t('analysis.heading')}</h2>
      <form onSubmit={submit} className="analysis-form">
        <label htmlFor={radiusId}>{t('analysis.radiusLabel')}</label>
        <div className="row">
          <input
            id={radiusId}
            data-testid="radius-input"
            type="number"
            inputMode="numeric"
            min={1}
            max={MAX_RADIUS_M}
            step={1}
            value={radiusText}
            aria-describedby={problem ? hintId : undefined}
            aria-invalid={problem !== null}
            onChange={(event) => setRadiusText(event.target.value)}
          />
          <button type="submit" data-testid="analysis-run" disabled={running} aria-busy={running}>
            {running ? <span className="spinner" aria-hidden="true" /> : null}
            {running ? t('analysis.running') : t('analysis.run')}
          </button>
        </div>
        <fieldset className="presets">
          <legend>{t('analysis.presets')}</legend>
          {PRESETS.map((preset) => (
            <button
              key={preset.radiusM}
              type="button"
              className={value.radiusM === preset.radiusM ? 'chip chip-active' : 'chip'}
              aria-pressed={value.radiusM === preset.radiusM}
              data-testid={`radius-preset-${preset.radiusM}`}
              onClick={() => {
                setProblem(null);
                onRun({ radiusM: preset.radiusM, kinds: value.kinds });
              }}
            >
              {t(preset.label)}
            </button>
          ))}
        </fieldset>
        <fieldset className="kinds">
          <legend>{t('analysis.kindsLabel')}</legend>
          {FACILITY_KINDS.map((kind) => (
            <label key={kind} className="check">
              <input
                type="checkbox"
                data-testid={`kind-${kind}`}
                checked={value.kinds.includes(kind)}
                onChange={(event) => toggleKind(kind, event.target.checked)}
              />
              <span className="swatch swatch-dot" style={{ background: FACILITY_KIND_COLORS[kind] }} aria-hidden="true" />
              {t(`kinds.${kind}`)}
            </label>
          ))}
        </fieldset>
        {problem && (
          <p id={hintId} className="notice notice-error" role="alert">
            {problem}
          </p>
        )}
      </form>
    </section>
  );
}
