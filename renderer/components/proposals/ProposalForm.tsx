import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FACILITY_KINDS, type Proposal } from '../../../shared/schemas/entities';
import { FORM_FIELDS, parseProposalForm, toFormValues, type FieldProblem, type FormField, type FormValues } from '../../workspace/proposal_form';
import { useWorkspace } from '../../workspace/workspace_context';

/** Fields typed as numbers, with the unit shown after the label. */
const UNITS: Partial<Record<FormField, string>> = { floorAreaM2: 'm²', lon: '°', lat: '°' };

/**
 * Edits one proposal: kind, name, day places, beds, nursing beds, floor area and level, target year,
 * note and position. Checked with the Proposal schema on save; each problem is shown at its field
 * (and the first such field gets the focus). Saving is an undoable edit.
 */
export function ProposalForm({ proposal, readOnly }: { proposal: Proposal; readOnly: boolean }) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const id = useId();
  const [values, setValues] = useState<FormValues>(() => toFormValues(proposal));
  const [dirty, setDirty] = useState(false);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [saved, setSaved] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  // Another proposal, or this one changed elsewhere (drag, undo): show it unless the user is typing.
  const shownId = useRef(proposal.id);
  useEffect(() => {
    if (shownId.current !== proposal.id || !dirty) {
      shownId.current = proposal.id;
      setValues(toFormValues(proposal));
      setDirty(false);
      setProblems([]);
    }
    // Only a new proposal value triggers this; `dirty` is read, not watched (typing must not reset).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [proposal]);

  const set = (field: FormField, value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    setDirty(true);
    setSaved(false);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = parseProposalForm(values, proposal);
    if (!result.ok) {
      setProblems(result.problems);
      const first = FORM_FIELDS.find((field) => result.problems.some((p) => p.field === field));
      formRef.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      return;
    }
    setProblems([]);
    setDirty(false);
    if (await workspace.update(result.proposal)) setSaved(true);
  };

  const revert = () => {
    setValues(toFormValues(proposal));
    setDirty(false);
    setProblems([]);
  };

  const problemOf = (field: FormField) => problems.find((p) => p.field === field);
  const field = (name: FormField, input: (props: FieldProps) => ReactNode) => {
    const problem = problemOf(name);
    const inputId = `${id}-${name}`;
    const messageId = `${inputId}-problem`;
    const unit = UNITS[name];
    return (
      <div className={`form-field field-${name}`} key={name}>
        <label htmlFor={inputId}>
          {t(`workspace.form.${name}`)}
          {unit ? ` (${unit})` : ''}
        </label>
        {input({
          id: inputId,
          name,
          value: values[name],
          disabled: readOnly,
          'aria-invalid': problem ? true : undefined,
          'aria-describedby': problem ? messageId : undefined,
          'data-testid': `proposal-${name}`,
          onChange: (event: { target: { value: string } }) => set(name, event.target.value),
        })}
        {problem && (
          <p id={messageId} className="field-problem" role="alert" data-testid={`proposal-${name}-problem`}>
            {t(`workspace.form.problems.${problem.key}`, { min: '', max: '', beds: '', ...problem.values, field: t(`workspace.form.${name}`) })}
          </p>
        )}
      </div>
    );
  };
  const text = (props: FieldProps) => <input type="text" autoComplete="off" {...props} />;
  const numeric = (props: FieldProps) => <input type="text" inputMode="decimal" autoComplete="off" {...props} />;

  return (
    <form className="proposal-form" onSubmit={submit} ref={formRef} noValidate data-testid="proposal-form" aria-label={t('workspace.form.heading', { name: proposal.name })}>
      {field('kind', (props) => (
        <select {...props}>
          {FACILITY_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`kinds.${kind}`)}
            </option>
          ))}
        </select>
      ))}
      {field('name', text)}
      <div className="two-columns">
        {field('capacity', numeric)}
        {field('floorAreaM2', numeric)}
        {field('beds', numeric)}
        {field('nursingBeds', numeric)}
        {field('floorLevel', numeric)}
        {field('targetYear', numeric)}
      </div>
      {field('note', (props) => <textarea rows={2} {...props} />)}
      <div className="two-columns">
        {field('lon', numeric)}
        {field('lat', numeric)}
      </div>
      {!readOnly && (
        <div className="row wrap form-actions">
          <button type="submit" className="primary" data-testid="proposal-save" disabled={!dirty}>
            {t('workspace.form.save')}
          </button>
          <button type="button" onClick={revert} disabled={!dirty} data-testid="proposal-revert">
            {t('workspace.form.revert')}
          </button>
          <button type="button" className="danger" data-testid="proposal-delete" onClick={() => void workspace.remove(proposal.id)}>
            {t('workspace.form.delete')}
          </button>
        </div>
      )}
      <p className="muted small" role="status" data-testid="proposal-form-status">
        {saved && !dirty ? t('workspace.form.saved') : dirty ? t('workspace.form.unsaved') : ''}
      </p>
    </form>
  );
}

interface FieldProps {
  id: string;
  name: FormField;
  value: string;
  disabled: boolean;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
  'data-testid': string;
  onChange: (event: { target: { value: string } }) => void;
}
