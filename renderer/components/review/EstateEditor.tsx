/**
 * The reviewer enters and corrects estates (issue 12): a form for one estate and its planned care
 * rooms, checked with the Estate schema as it is typed (estate_form.ts; Save stays disabled while a
 * field is invalid, each problem named in the UI language). A save is one `estates:apply` (one
 * transaction, an audit entry per estate); it goes on the estates' undo stack with the inverse the
 * host's reply implies, and Undo/Redo apply that through `estates:apply` too. A new estate is placed
 * by a click on the map (MapController.clickInterceptor); an existing one keeps its geometry.
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Estate } from '../../../shared/schemas/entities';
import { ESTATE_AREA_TYPES } from '../../../shared/schemas/entities';
import type { MapController } from '../../map/map_controller';
import { KEYS, useServices, type ProjectInfo } from '../../state/app_context';
import { useQuery } from '../../state/query_store';
import { EditHistory, inverseOf, type ChangeSet, type HistoryEntry } from '../../workspace/edit_history';
import '../../styles/estate_edit.css';
import { ErrorNotice } from '../ErrorNotice';
import { emptyRoom, freeEstateId, parseEstateForm, toEstateValues, type EstateGeometry, type EstateProblem, type EstateValues, type RoomValues, type Tri } from './estate_form';

/** The estates as records; under the estates layer's key, so whatever refreshes the layer refreshes them. */
export const ESTATE_RECORDS_KEY = `${KEYS.layer('estates')}:records`;

type Action = 'add' | 'edit' | 'delete';
/** Where a map click goes while picking: the estate's location, or care room n's. */
type PickTarget = { kind: 'estate' } | { kind: 'room'; index: number };

interface Draft {
  id: string;
  isNew: boolean;
  geometry: EstateGeometry | null;
  source: string | null;
  values: EstateValues;
}

const round = (value: number) => Math.round(value * 1e7) / 1e7;

export function EstateEditor({ info, controller, onSaved }: {
  info: NonNullable<ProjectInfo>;
  controller: MapController | null;
  /** Called after every saved change (edit, delete, undo, redo), e.g. to run the review again. */
  onSaved?: () => void;
}) {
  const { t } = useTranslation();
  const { api, store } = useServices();
  const id = useId();
  const records = useQuery(store, ESTATE_RECORDS_KEY, () => api['estates:list']({}));
  const estates = useMemo(() => records.data ?? [], [records.data]);
  const [chosen, setChosen] = useState('');
  const [draft, setDraft] = useState<Draft | null>(null);
  const [picking, setPicking] = useState<PickTarget | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const history = useRef(new EditHistory<Estate>());
  // For each edit on the stacks, the estates as the host stored them when it was last applied (either
  // way): an undo or redo goes ahead only while the file still holds exactly that.
  const expected = useRef(new WeakMap<HistoryEntry<Estate>, ChangeSet<Estate>>());
  const [tops, setTops] = useState<{ undo: HistoryEntry<Estate> | null; redo: HistoryEntry<Estate> | null }>({ undo: null, redo: null });
  const showTops = () => setTops({ undo: history.current.peekUndo(), redo: history.current.peekRedo() });

  // Another project: its estates, its history.
  useEffect(() => {
    history.current.clear();
    setTops({ undo: null, redo: null });
    setDraft(null);
    setChosen('');
    setError(null);
    setNotice(null);
  }, [info.path]);

  // While picking, the next map click is the location (and opens no popup).
  useEffect(() => {
    if (!picking || !controller) return undefined;
    const previous = controller.clickInterceptor;
    const interceptor = (event: { lngLat: { lng: number; lat: number } }) => {
      // Event positions are WGS84 (MapController converts from a GCJ-02 basemap).
      const lon = round(event.lngLat.lng);
      const lat = round(event.lngLat.lat);
      setDraft((current) => {
        if (!current) return current;
        if (picking.kind === 'estate') return { ...current, geometry: { type: 'Point', coordinates: [lon, lat] } };
        const rooms = current.values.rooms.map((room, index) => (index === picking.index ? { ...room, lon: String(lon), lat: String(lat) } : room));
        return { ...current, values: { ...current.values, rooms } };
      });
      setPicking(null);
      return true;
    };
    controller.clickInterceptor = interceptor;
    const canvas = controller.map.getCanvas();
    canvas.style.cursor = 'crosshair';
    controller.container.dataset.picking = 'estate-editor';
    return () => {
      if (controller.clickInterceptor === interceptor) controller.clickInterceptor = previous;
      canvas.style.cursor = '';
      delete controller.container.dataset.picking;
    };
  }, [picking, controller]);

  const result = useMemo(() => (draft ? parseEstateForm(draft.values, draft.id, draft.geometry, draft.source) : null), [draft]);
  const problems = result && !result.ok ? result.problems : [];

  const fieldLabel = useCallback(
    (field: string) => {
      const room = /^careRooms\.(\d+)\.(\w+)$/.exec(field);
      if (room) return t('estateEdit.fields.room', { n: Number(room[1]) + 1, field: t(`estateEdit.fields.${room[2]}` as 'estateEdit.fields.lon') });
      return t(`estateEdit.fields.${field}` as 'estateEdit.fields.name');
    },
    [t],
  );
  const problemText = (problem: EstateProblem) => t(`estateEdit.problems.${problem.key}`, { field: fieldLabel(problem.field), ...problem.values });

  const refresh = () => store.invalidate(KEYS.layer('estates'), KEYS.project);

  /** Saves `change` and records it for undo; false when the host refused it (the error is shown). */
  const apply = async (change: ChangeSet<Estate>, action: Action, subject: string): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      const reply = await api['estates:apply']({ put: change.put, delete: change.delete, action: `estate:${action}` });
      const entry: HistoryEntry<Estate> = { action, subject, forward: change, inverse: inverseOf(change, reply, 'estates') };
      expected.current.set(entry, { put: reply.after, delete: change.delete });
      history.current.record(entry);
      showTops();
      return true;
    } catch (caught) {
      setError(caught);
      return false;
    } finally {
      setBusy(false);
      refresh();
    }
  };

  /** Whether the file holds the estates of `entry` as they were left when it was last applied. */
  const stillAsLeft = async (entry: HistoryEntry<Estate>): Promise<boolean> => {
    const left = expected.current.get(entry);
    if (!left) return false;
    const now = new Map((await api['estates:list']({})).map((estate) => [estate.id, estate]));
    return left.put.every((estate) => JSON.stringify(now.get(estate.id)) === JSON.stringify(estate)) && left.delete.every((id) => !now.has(id));
  };

  const step = async (direction: 'undo' | 'redo') => {
    const entry = direction === 'undo' ? history.current.peekUndo() : history.current.peekRedo();
    if (!entry) return;
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const change = direction === 'undo' ? entry.inverse : entry.forward;
      if (!(await stillAsLeft(entry))) {
        // Changed elsewhere since (import, QGIS, another window): putting back records by id could
        // restore or delete the wrong ones.
        history.current.clear();
        setNotice(t('estateEdit.historyStale'));
        return;
      }
      const reply = await api['estates:apply']({ put: change.put, delete: change.delete, action: `estate:${direction}` });
      expected.current.set(entry, { put: reply.after, delete: change.delete });
      if (direction === 'undo') history.current.undone();
      else history.current.redone();
      // The form shows the estate as it is now (or closes when it is gone).
      setDraft((current) => {
        if (!current) return current;
        const now = change.put.find((estate) => estate.id === current.id);
        if (now) return { id: now.id, isNew: false, geometry: now.geometry, source: now.source, values: toEstateValues(now) };
        return change.delete.includes(current.id) ? null : current;
      });
      onSaved?.();
    } catch (caught) {
      // The file no longer matches the history (changed elsewhere): it cannot be applied any more.
      history.current.clear();
      setError(caught);
    } finally {
      showTops();
      setBusy(false);
      refresh();
    }
  };

  const openEstate = (estateId: string) => {
    const estate = estates.find((e) => e.id === estateId);
    if (!estate) return;
    setDraft({ id: estate.id, isNew: false, geometry: estate.geometry, source: estate.source, values: toEstateValues(estate) });
    setConfirmDelete(false);
    setNotice(null);
  };

  const newEstate = () => {
    setDraft({ id: freeEstateId(estates.map((e) => e.id)), isNew: true, geometry: null, source: null, values: toEstateValues(null) });
    setChosen('');
    setConfirmDelete(false);
    setNotice(null);
    setPicking({ kind: 'estate' });
  };

  const save = async () => {
    if (!draft || !result?.ok) return;
    const estate = result.estate;
    if (await apply({ put: [estate], delete: [] }, draft.isNew ? 'add' : 'edit', estate.name)) {
      setDraft({ ...draft, isNew: false });
      setChosen(estate.id);
      setNotice(t('estateEdit.saved', { name: estate.name }));
      onSaved?.();
    }
  };

  const remove = async () => {
    if (!draft || draft.isNew) return;
    const name = estates.find((e) => e.id === draft.id)?.name ?? draft.id;
    if (await apply({ put: [], delete: [draft.id] }, 'delete', name)) {
      setDraft(null);
      setChosen('');
      setNotice(t('estateEdit.deleted', { name }));
      onSaved?.();
    }
    setConfirmDelete(false);
  };

  const setValues = (patch: Partial<EstateValues>) => setDraft((current) => (current ? { ...current, values: { ...current.values, ...patch } } : current));
  const setRoom = (index: number, patch: Partial<RoomValues>) =>
    setDraft((current) => (current ? { ...current, values: { ...current.values, rooms: current.values.rooms.map((room, k) => (k === index ? { ...room, ...patch } : room)) } } : current));

  const stepLabel = (direction: 'undo' | 'redo', entry: HistoryEntry<Estate> | null) =>
    entry ? t(`estateEdit.${direction}`, { action: t(`estateEdit.actions.${entry.action as Action}`), subject: entry.subject }) : t(`estateEdit.${direction}None`);
  const invalid = (field: string) => problems.some((p) => p.field === field);

  const numberInput = (field: keyof EstateValues, testId: string, note?: string) => (
    <label className="estate-field">
      <span>{t(`estateEdit.fields.${field}` as 'estateEdit.fields.name')}</span>
      <input type="text" inputMode="decimal" data-testid={testId} aria-invalid={invalid(field)} value={draft?.values[field] as string} onChange={(event) => setValues({ [field]: event.target.value })} />
      {note && <span className="muted small">{note}</span>}
    </label>
  );
  const triSelect = (field: 'urban' | 'coLocatedHealthStation' | 'synchronousProvision', testId: string) => (
    <label className="estate-field">
      <span>{t(`estateEdit.fields.${field}`)}</span>
      <select data-testid={testId} value={draft?.values[field]} onChange={(event) => setValues({ [field]: event.target.value as Tri })}>
        {(['yes', 'no', 'unknown'] as const).map((value) => (
          <option key={value} value={value}>
            {field === 'urban' ? t(`estateEdit.urbanOptions.${value}`) : t(`estateEdit.tri.${value}`)}
          </option>
        ))}
      </select>
    </label>
  );
  const pickButton = (target: PickTarget, testId: string) => {
    const active = picking !== null && picking.kind === target.kind && (target.kind === 'estate' || (picking.kind === 'room' && picking.index === target.index));
    return (
      <button type="button" data-testid={testId} aria-pressed={active} disabled={!controller} onClick={() => setPicking(active ? null : target)}>
        {active ? t('estateEdit.picking') : t('estateEdit.pick')}
      </button>
    );
  };

  const geometryText = (geometry: EstateGeometry | null) => {
    if (!geometry) return t('estateEdit.locationMissing');
    if (geometry.type !== 'Point') return t('estateEdit.locationPolygon');
    return t('estateEdit.locationPoint', { lon: geometry.coordinates[0].toFixed(6), lat: geometry.coordinates[1].toFixed(6) });
  };

  return (
    <section className="subsection estate-editor" aria-labelledby={`${id}-heading`} data-testid="estate-editor" data-busy={busy ? 'yes' : ''}>
      <h3 id={`${id}-heading`}>{t('estateEdit.heading')}</h3>
      <p className="muted small">{t('estateEdit.intro')}</p>
      <div className="row wrap">
        <select aria-label={t('estateEdit.choose')} data-testid="estate-edit-choose" value={chosen} onChange={(event) => setChosen(event.target.value)}>
          <option value="">{t('estateEdit.chooseNone')}</option>
          {estates.map((estate) => (
            <option key={estate.id} value={estate.id}>
              {estate.name || estate.id}
            </option>
          ))}
        </select>
        <button type="button" data-testid="estate-edit-open" disabled={!chosen || busy} onClick={() => openEstate(chosen)}>
          {t('estateEdit.edit')}
        </button>
        <button type="button" data-testid="estate-edit-new" disabled={busy} onClick={newEstate}>
          {t('estateEdit.add')}
        </button>
      </div>
      <div className="row wrap">
        <button type="button" data-testid="estate-undo" disabled={busy || !tops.undo} onClick={() => void step('undo')}>
          {stepLabel('undo', tops.undo)}
        </button>
        <button type="button" data-testid="estate-redo" disabled={busy || !tops.redo} onClick={() => void step('redo')}>
          {stepLabel('redo', tops.redo)}
        </button>
      </div>
      <ErrorNotice error={error ?? records.error} testId="estate-edit-error" />
      {notice && (
        <p className="notice notice-ok" role="status" data-testid="estate-edit-notice">
          {notice}
        </p>
      )}
      {draft && (
        <form
          className="estate-form stack"
          data-testid="estate-form"
          data-estate={draft.id}
          data-valid={result?.ok ? 'yes' : 'no'}
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <h4>{draft.isNew ? t('estateEdit.formNew', { id: draft.id }) : t('estateEdit.formEdit', { name: draft.values.name, id: draft.id })}</h4>
          <label className="estate-field">
            <span>{t('estateEdit.fields.name')}</span>
            <input type="text" data-testid="estate-name" aria-invalid={invalid('name')} value={draft.values.name} onChange={(event) => setValues({ name: event.target.value })} />
          </label>
          <label className="estate-field">
            <span>{t('estateEdit.fields.areaType')}</span>
            <select data-testid="estate-type" value={draft.values.areaType} onChange={(event) => setValues({ areaType: event.target.value as EstateValues['areaType'] })}>
              {ESTATE_AREA_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`estateEdit.areaTypes.${type}`)}
                </option>
              ))}
            </select>
          </label>
          <div className="estate-field">
            <span>{t('estateEdit.fields.geometry')}</span>
            <span data-testid="estate-location" data-placed={draft.geometry ? 'yes' : 'no'}>
              {geometryText(draft.geometry)}
            </span>
            {draft.isNew && pickButton({ kind: 'estate' }, 'estate-pick')}
          </div>
          {numberInput('households', 'estate-households')}
          <div className="two-columns">
            {numberInput('residentialFloorAreaM2', 'estate-residential-area')}
            {numberInput('averageUnitM2', 'estate-average-unit')}
          </div>
          <p className="muted small">{t('estateEdit.householdsNote')}</p>
          {triSelect('urban', 'estate-urban')}
          {triSelect('coLocatedHealthStation', 'estate-co-located')}
          {triSelect('synchronousProvision', 'estate-synchronous')}
          <fieldset className="estate-rooms">
            <legend>{t('estateEdit.rooms')}</legend>
            {draft.values.rooms.length === 0 && <p className="muted small">{t('estateEdit.noRooms')}</p>}
            {draft.values.rooms.map((room, index) => (
              <div key={index} className="estate-room stack" data-testid="estate-room" data-index={index}>
                <div className="row wrap">
                  <strong>{t('estateEdit.room', { n: index + 1 })}</strong>
                  <button type="button" className="link" data-testid="estate-room-remove" onClick={() => setDraft({ ...draft, values: { ...draft.values, rooms: draft.values.rooms.filter((_, k) => k !== index) } })}>
                    {t('estateEdit.removeRoom', { n: index + 1 })}
                  </button>
                </div>
                <div className="two-columns">
                  <label className="estate-field">
                    <span>{t('estateEdit.fields.floorAreaM2')}</span>
                    <input type="text" inputMode="decimal" data-testid="estate-room-area" aria-invalid={invalid(`careRooms.${index}.floorAreaM2`)} value={room.floorAreaM2} onChange={(event) => setRoom(index, { floorAreaM2: event.target.value })} />
                  </label>
                  <label className="estate-field">
                    <span>{t('estateEdit.fields.floorLevels')}</span>
                    <input type="text" data-testid="estate-room-levels" placeholder={t('estateEdit.levelsHint')} aria-invalid={invalid(`careRooms.${index}.floorLevels`)} value={room.floorLevels} onChange={(event) => setRoom(index, { floorLevels: event.target.value })} />
                  </label>
                </div>
                <label className="estate-field">
                  <span>{t('estateEdit.fields.basement')}</span>
                  <select data-testid="estate-room-basement" value={room.basement} onChange={(event) => setRoom(index, { basement: event.target.value as Tri })}>
                    {(['yes', 'no', 'unknown'] as const).map((value) => (
                      <option key={value} value={value}>
                        {t(`estateEdit.tri.${value}`)}
                      </option>
                    ))}
                  </select>
                </label>
                <span className="small">{t('estateEdit.roomLocation')}</span>
                <div className="two-columns">
                  <label className="estate-field">
                    <span>{t('estateEdit.fields.lon')}</span>
                    <input type="text" inputMode="decimal" data-testid="estate-room-lon" aria-invalid={invalid(`careRooms.${index}.lon`)} value={room.lon} onChange={(event) => setRoom(index, { lon: event.target.value })} />
                  </label>
                  <label className="estate-field">
                    <span>{t('estateEdit.fields.lat')}</span>
                    <input type="text" inputMode="decimal" data-testid="estate-room-lat" aria-invalid={invalid(`careRooms.${index}.lat`)} value={room.lat} onChange={(event) => setRoom(index, { lat: event.target.value })} />
                  </label>
                </div>
                {pickButton({ kind: 'room', index }, 'estate-room-pick')}
              </div>
            ))}
            <button type="button" data-testid="estate-room-add" onClick={() => setValues({ rooms: [...draft.values.rooms, emptyRoom()] })}>
              {t('estateEdit.addRoom')}
            </button>
          </fieldset>
          {numberInput('careFloorAreaM2', 'estate-care-total', t('estateEdit.careFloorNote'))}
          {problems.length > 0 && (
            <div className="notice notice-warning" data-testid="estate-problems" aria-live="polite">
              <p>{t('estateEdit.problemsHeading')}</p>
              <ul>
                {problems.map((problem) => (
                  <li key={`${problem.field}-${problem.key}`} data-testid="estate-problem" data-field={problem.field} data-key={problem.key}>
                    {problemText(problem)}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <div className="row wrap">
            <button type="submit" className="primary" data-testid="estate-save" disabled={busy || !result?.ok}>
              {busy ? t('estateEdit.saving') : t('estateEdit.save')}
            </button>
            <button
              type="button"
              data-testid="estate-cancel"
              onClick={() => {
                setDraft(null);
                setPicking(null);
              }}
            >
              {t('estateEdit.cancel')}
            </button>
            {!draft.isNew && (
              <button type="button" data-testid="estate-delete" disabled={busy} onClick={() => setConfirmDelete(true)}>
                {t('estateEdit.delete')}
              </button>
            )}
          </div>
          {confirmDelete && (
            <div className="notice notice-warning" role="alertdialog" data-testid="estate-delete-confirm">
              <p>{t('estateEdit.deleteConfirm', { name: draft.values.name || draft.id })}</p>
              <div className="row">
                <button type="button" className="danger" data-testid="estate-delete-yes" onClick={() => void remove()}>
                  {t('estateEdit.deleteYes')}
                </button>
                <button type="button" data-testid="estate-delete-no" onClick={() => setConfirmDelete(false)}>
                  {t('estateEdit.deleteNo')}
                </button>
              </div>
            </div>
          )}
        </form>
      )}
    </section>
  );
}
