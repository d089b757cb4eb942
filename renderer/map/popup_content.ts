/**
 * DOM content of map popups (facility, grid cell). Built with createElement/textContent, never
 * innerHTML: names and addresses come from imported files.
 */
import type { Formatters } from '../i18n/format';
import { isIllustrative } from '../../shared/map_style/facility_style';

/** Translated labels the popups need; made by the React side from the active language. */
export interface PopupLabels {
  facility: string;
  cell: string;
  fields: Record<string, string>;
  kinds: Record<string, string>;
  statuses: Record<string, string>;
  illustrativeTag: string;
  yes: string;
  no: string;
}

export const FACILITY_POPUP_FIELDS = [
  'id',
  'kind',
  'status',
  'capacity',
  'beds',
  'nursing_beds',
  'floor_area_m2',
  'floor_level',
  'address',
  'source',
] as const;

const NUMERIC_FIELDS = new Set(['capacity', 'beds', 'nursing_beds', 'floor_area_m2', 'floor_level', 'population', 'elderly', 'age65', 'age80']);

function table(rows: Array<[string, string]>): HTMLTableElement {
  const element = document.createElement('table');
  element.className = 'popup-table';
  for (const [label, value] of rows) {
    const row = element.insertRow();
    const head = document.createElement('th');
    head.scope = 'row';
    head.textContent = label;
    row.appendChild(head);
    row.insertCell().textContent = value;
  }
  return element;
}

function display(field: string, value: unknown, labels: PopupLabels, format: Formatters): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (field === 'kind') return labels.kinds[String(value)] ?? String(value);
  if (field === 'status') return labels.statuses[String(value)] ?? String(value);
  if (NUMERIC_FIELDS.has(field) && typeof value === 'number') return format.number(value);
  return String(value);
}

/** Popup of one facility: name as heading, then the non-empty fields. */
export function facilityPopup(properties: Record<string, unknown>, labels: PopupLabels, format: Formatters): HTMLElement {
  const root = document.createElement('div');
  root.className = 'popup';
  root.dataset.testid = 'facility-popup';
  const heading = document.createElement('h3');
  const name = properties.name ? String(properties.name) : labels.facility;
  heading.textContent = isIllustrative(properties.illustrative) ? `${name} ${labels.illustrativeTag}` : name;
  root.appendChild(heading);
  const rows: Array<[string, string]> = [];
  for (const field of FACILITY_POPUP_FIELDS) {
    const text = display(field, properties[field], labels, format);
    if (text !== null) rows.push([labels.fields[field] ?? field, text]);
  }
  root.appendChild(table(rows));
  return root;
}

/** Popup of one population cell: counts and whether the last analysis covers it. */
export function cellPopup(properties: Record<string, unknown>, covered: boolean | null, labels: PopupLabels, format: Formatters): HTMLElement {
  const root = document.createElement('div');
  root.className = 'popup';
  root.dataset.testid = 'cell-popup';
  const heading = document.createElement('h3');
  heading.textContent = properties.cell_id ? `${labels.cell} ${String(properties.cell_id)}` : labels.cell;
  root.appendChild(heading);
  const rows: Array<[string, string]> = [];
  for (const field of ['elderly', 'age65', 'age80', 'population'] as const) {
    const text = display(field, properties[field], labels, format);
    if (text !== null) rows.push([labels.fields[field] ?? field, text]);
  }
  if (covered !== null) rows.push([labels.fields.covered ?? 'covered', covered ? labels.yes : labels.no]);
  root.appendChild(table(rows));
  return root;
}
