import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FacilityKind, LayerName } from '../../../shared/schemas/entities';
import { findGapAreas } from '../../../shared/engine/gaps/find_gap_areas';
import { gridLayout } from '../../../shared/engine/gaps/grid_layout';
import { useFormatters } from '../../i18n/format';
import { useLayer, type ProjectInfo } from '../../state/app_context';
import { timed } from '../../state/timing';
import { candidateTemplate } from '../../workspace/candidate_template';
import { layerEntries, normalise, proposalEntries, search, type FindEntry } from '../../workspace/search_index';
import { useWorkspace } from '../../workspace/workspace_context';

/** Gaps listed by Find (largest first, by uncovered older people). */
const GAPS_LISTED = 30;

/**
 * Find a facility, proposal, candidate site, estate, boundary or coverage gap by name and go there.
 * A combobox: type, move with ↑/↓, Enter goes; candidate sites and gaps can take a proposal at once.
 */
export function FindBox({ project }: { project: NonNullable<ProjectInfo> }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const workspace = useWorkspace();
  const inputId = useId();
  const listId = useId();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const has = (layer: LayerName) => (project.counts[layer] ?? 0) > 0;
  // Data of layers that are empty now (e.g. after a replace) is not searched.
  const facilityData = useLayer('facilities', has('facilities')).data;
  const candidateData = useLayer('candidates', has('candidates')).data;
  const estateData = useLayer('estates', has('estates')).data;
  const boundaryData = useLayer('boundaries', has('boundaries')).data;
  const facilities = has('facilities') ? facilityData : undefined;
  const candidates = has('candidates') ? candidateData : undefined;
  const estates = has('estates') ? estateData : undefined;
  const boundaries = has('boundaries') ? boundaryData : undefined;

  const staticEntries = useMemo(
    () => [
      ...layerEntries('facility', facilities, (p) => [t(`kinds.${String(p.kind) as FacilityKind}`, { defaultValue: String(p.kind ?? '') }), p.address ? String(p.address) : ''].filter(Boolean).join(' · ')),
      ...layerEntries('candidate', candidates, () => t('workspace.find.candidate')),
      ...layerEntries('estate', estates, () => t('workspace.find.estate')),
      ...layerEntries('boundary', boundaries, () => t('workspace.find.boundary')),
    ],
    [facilities, candidates, estates, boundaries, t],
  );
  const proposals = useMemo(() => proposalEntries(workspace.edits.proposals, (p) => `${t('workspace.find.proposal')} · ${t(`kinds.${p.kind}`)}`), [workspace.edits.proposals, t]);

  // Gaps of the current figures, computed when the search asks for them (not on every edit).
  const wantsGaps = open && normalise(query).length > 0;
  const { snapshot, coveredMask } = workspace.figures;
  const grid = workspace.grid;
  const gaps = useMemo<FindEntry[]>(() => {
    // A new snapshot means new coverage (every edit): the mask is read again.
    const covered = wantsGaps && snapshot ? coveredMask() : null;
    if (!grid || !covered) return [];
    try {
      const result = timed('siting:find-gaps', () => findGapAreas(grid.grid, gridLayout(grid.grid, grid.cellSize ?? {}), covered));
      return result.areas.slice(0, GAPS_LISTED).map((area) => {
        const label = t('workspace.find.gap', { rank: area.rank });
        const detail = t('workspace.find.gapDetail', { elderly: format.count(area.elderly), cells: format.count(area.cells) });
        return { kind: 'gap', key: `gap:${area.rank}`, label, detail, text: normalise(`${label} ${t('workspace.find.gapWords')}`), point: null, bbox: extentOfGap(area.geometry.coordinates), ref: area.rank, properties: { lon: area.elderlyCentroid[0], lat: area.elderlyCentroid[1] } };
      });
    } catch {
      return []; // not a regular grid: no gap areas
    }
  }, [wantsGaps, snapshot, coveredMask, grid, t, format]);

  const results = useMemo(() => search([...proposals, ...staticEntries, ...gaps], query), [proposals, staticEntries, gaps, query]);

  const go = (entry: FindEntry) => {
    const controller = workspace.controller;
    if (!controller) return;
    if (entry.kind === 'facility' && typeof entry.ref === 'number') controller.showFacility(entry.ref);
    else if (entry.point) controller.jumpToWgs84(entry.point[0], entry.point[1], { minZoom: 15 });
    else if (entry.bbox) controller.fitToWgs84(entry.bbox);
    if (entry.kind === 'proposal' && typeof entry.ref === 'string') workspace.select(entry.ref);
    setOpen(false);
  };
  const proposeAt = (entry: FindEntry) => {
    const p = entry.properties ?? {};
    const lon = entry.point?.[0] ?? Number(p.lon);
    const lat = entry.point?.[1] ?? Number(p.lat);
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) return;
    const template = entry.kind === 'candidate' ? candidateTemplate(p, (id) => t('workspace.proposals.fromCandidate', { id })) : { note: entry.label };
    go(entry);
    void workspace.addAt(lon, lat, template);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      setActive((i) => Math.min(results.length - 1, i + 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((i) => Math.max(0, i - 1));
    } else if (event.key === 'Enter' && results[active]) {
      event.preventDefault();
      go(results[active]);
    } else if (event.key === 'Escape') {
      setOpen(false);
    }
  };

  const showList = open && query.trim() !== '';
  return (
    <section className="section find" aria-labelledby={`${inputId}-label`} data-testid="find">
      <label id={`${inputId}-label`} htmlFor={inputId} className="find-label">
        {t('workspace.find.label')}
      </label>
      <input
        id={inputId}
        type="search"
        role="combobox"
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showList && results[active] ? `${listId}-${active}` : undefined}
        placeholder={t('workspace.find.placeholder')}
        value={query}
        data-testid="find-input"
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onKeyDown={onKeyDown}
      />
      {showList && (
        <ul id={listId} role="listbox" className="find-results" data-testid="find-results" aria-label={t('workspace.find.results')}>
          {results.length === 0 && <li className="muted small">{t('workspace.find.none')}</li>}
          {results.map((entry, index) => (
            <li key={entry.key} id={`${listId}-${index}`} role="option" aria-selected={index === active} className={index === active ? 'active' : undefined}>
              <button type="button" className="find-go" tabIndex={-1} onMouseDown={(event) => event.preventDefault()} onClick={() => go(entry)} data-testid={`find-result-${entry.kind}`}>
                <span className={`find-kind find-kind-${entry.kind}`}>{t(`workspace.find.kinds.${entry.kind}`)}</span>
                <span className="find-name">{entry.label}</span>
                <span className="muted small">{entry.detail}</span>
              </button>
              {(entry.kind === 'candidate' || entry.kind === 'gap') && workspace.editable && (
                <button type="button" className="chip find-propose" onMouseDown={(event) => event.preventDefault()} onClick={() => proposeAt(entry)} data-testid={`find-propose-${entry.kind}`}>
                  {t('workspace.find.proposeHere')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function extentOfGap(coordinates: number[][][][]): [number, number, number, number] {
  let west = Infinity, south = Infinity, east = -Infinity, north = -Infinity;
  for (const polygon of coordinates) for (const ring of polygon) for (const [lon, lat] of ring) {
    west = Math.min(west, lon);
    east = Math.max(east, lon);
    south = Math.min(south, lat);
    north = Math.max(north, lat);
  }
  return [west, south, east, north];
}
