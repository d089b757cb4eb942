/**
 * Turns any failure into one plain-language sentence in the active language: what went wrong
 * (the host's precise message, e.g. "facilities.csv, row 3, field lat: …") and what to do next.
 */
import type { TFunction } from 'i18next';
import { ApiError } from '../api/client';

export function describeError(error: unknown, t: TFunction): string {
  const message = error instanceof Error ? error.message : String(error);
  const clean = message.replace(/[.。]\s*$/, '');
  if (error instanceof ApiError) {
    switch (error.code) {
      case 'bad_input':
        return t('errors.bad_input', { message: clean });
      case 'not_found':
        return t('errors.not_found', { message: clean });
      case 'no_project':
        return t('errors.no_project');
      case 'cancelled':
        return t('errors.cancelled');
      case 'unsupported':
        return t('errors.unsupported', { message: clean });
      case 'internal':
        return t('errors.internal', { message: clean });
      case 'network':
        return t('errors.network');
      case 'unauthorized':
        return t('errors.unauthorized');
      case 'bad_reply':
        return t('errors.bad_reply', { message: clean });
    }
  }
  return t('errors.unknown', { message: clean });
}
