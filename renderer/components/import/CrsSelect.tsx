import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { crsGroups } from './crs_options';

/**
 * A coordinate-system picker: the first option (value '') is the caller's default ("as the file
 * says", "WGS 84"), then every system the app knows in groups; GCJ-02/BD-09 only with `offsets`.
 */
export function CrsSelect({
  id,
  value,
  onChange,
  defaultLabel,
  offsets,
  disabled = false,
  testId,
  describedBy,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  defaultLabel: string;
  offsets: boolean;
  disabled?: boolean;
  testId?: string;
  describedBy?: string;
}) {
  const { t } = useTranslation();
  const groups = useMemo(() => crsGroups({ offsets: offsets ? { gcj02: t('crs.gcj02'), bd09: t('crs.bd09') } : null }), [offsets, t]);
  const listed = value === '' || groups.some((group) => group.options.some((option) => option.value === value));
  return (
    <select id={id} value={value} disabled={disabled} data-testid={testId} aria-describedby={describedBy} onChange={(e) => onChange(e.target.value)}>
      <option value="">{defaultLabel}</option>
      {!listed && <option value={value}>{value}</option>}
      {groups.map((group) => (
        <optgroup key={group.key} label={t(`crs.groups.${group.key}`)}>
          {group.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}
