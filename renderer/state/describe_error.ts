/**
 * Turns any failure into one plain-language sentence in the active language: what went wrong and
 * what to do next. Host errors with a reason (shared/errors.ts ERROR_REASONS) and basemap errors are
 * said entirely in the active language, as are the reasons of the analysis worker's refusals; for others the host's precise message is kept (e.g.
 * "facilities.csv, row 3, field lat: …") with its place (file, row, field) said in the active
 * language. Messages are never parsed.
 */
import type { TFunction } from 'i18next';
import type { InputErrorLocation } from '../../shared/errors';
import { LAYER_NAMES, type LayerName } from '../../shared/schemas/entities';
import { ApiError } from '../api/client';
import { MissingDownloadError, UploadTooLargeError } from '../api/files';
import { BasemapError } from '../map/basemap';
import { WorkerTaskError } from '../workers/task_worker';
import { messageWithoutPlace } from '../../shared/errors';
import { locationOf, reasonOf } from './host_errors';

const withoutFullStop = (text: string) => text.replace(/[.。]\s*$/, '');

/** "facilities.csv, row 3, field lat: <message>" with the place in the active language. */
function placed(message: string, location: InputErrorLocation, t: TFunction): string {
  const parts: string[] = [];
  if (location.file) parts.push(location.file);
  if (location.row !== undefined) parts.push(t('errors.where.row', { row: location.row }));
  if (location.feature !== undefined) parts.push(t('errors.where.feature', { feature: location.feature }));
  if (location.field) parts.push(t('errors.where.field', { field: location.field }));
  const where = parts.join(t('errors.where.separator'));
  const expected = location.expected ? t('errors.where.expected', { expected: location.expected }) : '';
  return where ? t('errors.where.placed', { where, message: `${message}${expected}` }) : `${message}${expected}`;
}

/** A layer name of the host ("facilities") in the active language. */
function layerName(name: unknown, t: TFunction): string {
  return (LAYER_NAMES as readonly string[]).includes(String(name)) ? t(`layers.${name as LayerName}`) : String(name);
}

export function describeError(error: unknown, t: TFunction): string {
  if (error instanceof BasemapError) return describeBasemapError(error, t);
  if (error instanceof UploadTooLargeError) return t('errors.uploadTooLarge', { size: error.sizeMb, limit: error.limitMb });
  if (error instanceof MissingDownloadError) return t('errors.downloadMissing', { name: error.fileName });
  const message = error instanceof Error ? error.message : String(error);
  const clean = withoutFullStop(message);
  if (error instanceof WorkerTaskError) {
    // An analysis or suggestion the worker refused: its reason in the active language, else the
    // engine's message with its place.
    if (error.reason) return String(t(`errors.known.${error.reason}`, { file: error.location.file ?? '', ...error.params } as never));
    if (error.code === 'bad_input') return t('errors.bad_input', { message: withoutFullStop(placed(messageWithoutPlace(message, error.location), error.location, t)) });
    return t('errors.internal', { message: clean });
  }
  if (error instanceof ApiError) {
    const known = reasonOf(error);
    if (known) {
      const namesLayer = known.reason === 'import_no_records' || known.reason === 'project_layer_damaged' || known.reason === 'feature_id_exists';
      const values = namesLayer ? { ...known.values, layer: layerName(known.values.layer, t) } : known.values;
      // The values are the reason's params (shared/errors.ts ERROR_REASONS) and the file; i18next's
      // types would want each key's own set, which a lookup by reason cannot state.
      return String(t(`errors.known.${known.reason}`, values as never));
    }
    switch (error.code) {
      case 'bad_input': {
        const location = locationOf(error.details);
        return t('errors.bad_input', { message: withoutFullStop(placed(messageWithoutPlace(message, location), location, t)) });
      }
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

/** A basemap that could not be shown (renderer/map/basemap.ts), with how to fix it in Settings. */
export function describeBasemapError(error: BasemapError, t: TFunction): string {
  switch (error.reason) {
    case 'invalid':
      return t('errors.basemap.invalid', { url: error.url });
    case 'not_https':
      return t('errors.basemap.notHttps', { url: error.url });
    case 'download':
      return t('errors.basemap.download', { url: error.url });
    case 'http':
      return t('errors.basemap.http', { url: error.url, status: error.status ?? '' });
    case 'not_style':
      return t('errors.basemap.notStyle', { url: error.url });
  }
}

/** Something on the map failed: a basemap, a layer's data, or drawing itself (no WebGL2). */
export function describeMapError(error: unknown, t: TFunction): string {
  if (error instanceof BasemapError) return describeBasemapError(error, t);
  if (error instanceof ApiError) return describeError(error, t);
  return t('errors.map', { message: withoutFullStop(error instanceof Error ? error.message : String(error)) });
}
