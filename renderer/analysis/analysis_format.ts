/**
 * Number formats of the analysis panels in the active language, on top of the app's formatters:
 * walking minutes, speeds, areas in km², seconds, kilometres, and percentages of any precision.
 */
import { useMemo } from 'react';
import { useFormatters, type Formatters } from '../i18n/format';

export interface AnalysisFormatters extends Formatters {
  /** 12.34 → "12.3 min" / "12.3分钟"; 15 → "15 min" */
  minutes(value: number | null): string;
  /** 1 → "1.0 m/s" */
  speed(value: number): string;
  /** 1 234 567 m² → "1.23 km²" */
  squareKm(areaM2: number): string;
  /** 2072.1 → "2,072.1 km" */
  km(value: number): string;
  /** 31.2 → "31.2 s" */
  seconds(value: number): string;
  /** 0.000301 → "0.03%" (two decimals, for optimality gaps) */
  finePercent(ratio: number): string;
  /** Any number with up to `digits` decimals. */
  decimal(value: number, digits: number): string;
}

export function useAnalysisFormat(): AnalysisFormatters {
  const base = useFormatters();
  return useMemo(() => {
    const locale = base.locale;
    const unit = (unitName: string, digits: number, minimumDigits = digits) =>
      new Intl.NumberFormat(locale, { style: 'unit', unit: unitName, unitDisplay: 'short', maximumFractionDigits: digits, minimumFractionDigits: minimumDigits });
    // Thresholds read "5 min", "7.5 min"; measured means keep their decimal ("3.8 min").
    const minutes = unit('minute', 1, 0);
    const speed = unit('meter-per-second', 1);
    const km = unit('kilometer', 1);
    const seconds = unit('second', 1);
    const area = new Intl.NumberFormat(locale, { maximumFractionDigits: 2, minimumFractionDigits: 2 });
    const fine = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2, minimumFractionDigits: 2 });
    return {
      ...base,
      minutes: (value) => (value === null || !Number.isFinite(value) ? base.percent(null) : minutes.format(value)),
      speed: (value) => speed.format(value),
      squareKm: (areaM2) => `${area.format(areaM2 / 1e6)} km²`,
      km: (value) => km.format(value),
      seconds: (value) => seconds.format(value),
      finePercent: (ratio) => fine.format(ratio),
      decimal: (value, digits) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value),
    };
  }, [base]);
}
