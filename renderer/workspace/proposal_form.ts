/**
 * New proposals and the proposal form: the text of each field → a Proposal checked with the
 * entity's zod schema, with one plain message per field (translated by the form).
 */
import { Proposal, type FacilityKind } from '../../shared/schemas/entities';

/** Form fields, in the form's (and the keyboard's) order. */
export const FORM_FIELDS = ['kind', 'name', 'capacity', 'beds', 'nursingBeds', 'floorAreaM2', 'floorLevel', 'targetYear', 'note', 'lon', 'lat'] as const;
export type FormField = (typeof FORM_FIELDS)[number];
export type FormValues = Record<FormField, string>;

const NUMBER_FIELDS = new Set<FormField>(['capacity', 'beds', 'nursingBeds', 'floorAreaM2', 'floorLevel', 'targetYear', 'lon', 'lat']);
/** Fields that must hold a number (the others may stay empty = unknown). */
const REQUIRED_NUMBERS = new Set<FormField>(['lon', 'lat']);

/** A problem with one field: an i18n key under workspace.form.problems and its values. */
export interface FieldProblem {
  field: FormField;
  key: 'number' | 'required' | 'whole' | 'min' | 'max' | 'kind' | 'nursingOverBeds' | 'tooLong' | 'other';
  values?: Record<string, number | string>;
}

export type FormResult = { ok: true; proposal: Proposal } | { ok: false; problems: FieldProblem[] };

/** A fresh id for a proposal (unique per project: time + random). */
export function newProposalId(): string {
  const random = typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID().slice(0, 8) : Math.random().toString(36).slice(2, 10);
  return `p-${Date.now().toString(36)}-${random}`;
}

/**
 * A new proposal at (lon, lat) in `scenarioId`; `template` fills fields (e.g. from a candidate site).
 * Coordinates are kept to 7 decimals (~1 cm), like the project's exports.
 */
export function draftProposal(scenarioId: string, lon: number, lat: number, name: string, template: Partial<Proposal> = {}): Proposal {
  const round = (value: number) => Math.round(value * 1e7) / 1e7;
  return Proposal.parse({
    id: newProposalId(),
    scenarioId,
    name,
    kind: 'day_care' satisfies FacilityKind,
    capacity: null,
    beds: null,
    nursingBeds: null,
    floorAreaM2: null,
    floorLevel: null,
    targetYear: null,
    note: null,
    ...template,
    lon: round(lon),
    lat: round(lat),
  });
}

export function toFormValues(p: Proposal): FormValues {
  const text = (value: number | string | null) => (value === null ? '' : String(value));
  return {
    kind: p.kind,
    name: p.name,
    capacity: text(p.capacity),
    beds: text(p.beds),
    nursingBeds: text(p.nursingBeds),
    floorAreaM2: text(p.floorAreaM2),
    floorLevel: text(p.floorLevel),
    targetYear: text(p.targetYear),
    note: p.note ?? '',
    lon: text(p.lon),
    lat: text(p.lat),
  };
}

/** "1,200" and "1 200" are 1200; empty is null; anything else not a number is NaN. */
function parseNumber(text: string): number | null {
  const cleaned = text.trim().replace(/[,\s\u00a0\u202f]/g, '');
  if (cleaned === '') return null;
  return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(cleaned) ? Number(cleaned) : Number.NaN;
}

/** The form's text → a Proposal (id and scenario from `base`), or the problems per field. */
export function parseProposalForm(values: FormValues, base: Proposal): FormResult {
  const problems: FieldProblem[] = [];
  const numbers: Partial<Record<FormField, number | null>> = {};
  for (const field of NUMBER_FIELDS) {
    const value = parseNumber(values[field]);
    if (value !== null && Number.isNaN(value)) problems.push({ field, key: 'number' });
    else if (value === null && REQUIRED_NUMBERS.has(field)) problems.push({ field, key: 'required' });
    else numbers[field] = value;
  }
  const note = values.note.trim();
  const candidate = {
    id: base.id,
    scenarioId: base.scenarioId,
    name: values.name.trim(),
    kind: values.kind,
    lon: numbers.lon ?? base.lon,
    lat: numbers.lat ?? base.lat,
    capacity: numbers.capacity ?? null,
    beds: numbers.beds ?? null,
    nursingBeds: numbers.nursingBeds ?? null,
    floorAreaM2: numbers.floorAreaM2 ?? null,
    floorLevel: numbers.floorLevel ?? null,
    targetYear: numbers.targetYear ?? null,
    note: note === '' ? null : note,
  };
  const parsed = Proposal.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as FormField;
      if (!FORM_FIELDS.includes(field) || problems.some((p) => p.field === field)) continue;
      problems.push(problemOf(field, issue as unknown as ZodIssueLike));
    }
  }
  if (candidate.beds !== null && candidate.nursingBeds !== null && candidate.nursingBeds > candidate.beds && !problems.some((p) => p.field === 'nursingBeds')) {
    problems.push({ field: 'nursingBeds', key: 'nursingOverBeds', values: { beds: candidate.beds } });
  }
  if (candidate.name.length > 200) problems.push({ field: 'name', key: 'tooLong', values: { max: 200 } });
  if (problems.length > 0 || !parsed.success) {
    return { ok: false, problems: problems.length > 0 ? problems : [{ field: 'name', key: 'other' }] };
  }
  return { ok: true, proposal: parsed.data };
}

interface ZodIssueLike {
  code: string;
  expected?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
}

function problemOf(field: FormField, issue: ZodIssueLike): FieldProblem {
  switch (issue.code) {
    case 'too_small':
      return { field, key: 'min', values: { min: Number(issue.minimum) } };
    case 'too_big':
      return { field, key: 'max', values: { max: Number(issue.maximum) } };
    case 'invalid_type':
      return { field, key: issue.expected === 'int' ? 'whole' : 'number' };
    case 'invalid_value':
      return { field, key: 'kind' };
    default:
      return { field, key: 'other' };
  }
}
