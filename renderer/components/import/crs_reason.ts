import type { TFunction } from 'i18next';
import type { ImportPreview } from '../../../shared/ipc/contract';

type CrsSuggestion = ImportPreview['crsSuggestions'][number];

/**
 * Why a coordinate system is suggested, in the language of `t`, from the host's reason code and
 * params (shared/geodesy/crs_guess.ts); a suggestion without a code (an older host) keeps its text.
 */
export function crsReasonText(t: TFunction, suggestion: CrsSuggestion): string {
  const params = suggestion.reasonParams ?? {};
  switch (suggestion.reasonCode) {
    case undefined:
      return suggestion.reason;
    case 'offset_hint': {
      const system = params.system === 'bd09' ? 'bd09' : 'gcj02';
      const evidence = (['column', 'file_name', 'source_value', 'autonavi_export'] as const).find((e) => e === params.evidence) ?? 'column';
      return t('import.crsReason.offset_hint', {
        system: t(`import.crsSystem.${system}`),
        evidence: t(`import.crsEvidence.${evidence}`, { detail: String(params.detail ?? '') }),
      });
    }
    case 'gauss_kruger_prefix':
      return t(params.swapped ? 'import.crsReason.gauss_kruger_prefix_swapped' : 'import.crsReason.gauss_kruger_prefix', { zone: params.zone, width: params.width });
    case 'metres_without_prefix':
      return t(params.swapped ? 'import.crsReason.metres_without_prefix_swapped' : 'import.crsReason.metres_without_prefix');
    default:
      return t(`import.crsReason.${suggestion.reasonCode}`);
  }
}
