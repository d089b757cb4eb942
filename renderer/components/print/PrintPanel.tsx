import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { MAP_ANALYSIS_THRESHOLDS, MAP_DPIS, MAP_EXPORT_FORMATS, MAP_PREVIEW_MAX_PX, type MapOptions, type MapPage } from '../../../shared/ipc/contract';
import { FacilityKind, type Boundary } from '../../../shared/schemas/entities';
import { ORIENTATIONS, PAPER_NAMES, type Orientation, type PaperName } from '../../../shared/print/paper';
import { PRINT_LANGUAGES, type PrintLanguage } from '../../../shared/print/print_words';
import { PRINT_PURPOSES, type PrintPurpose } from '../../../shared/print/sheet';
import { DEFAULTS } from '../../../shared/settings/siting_settings';
import { limitValues, parseSettingList } from '../../analysis/parse_numbers';
import { useLastAnalysis, type MapAnalysisChoice } from '../../analysis/last_analysis';
import { callWithSignal } from '../../api/client';
import { base64ToBytes, downloadBytes, downloadReply, downloadText } from '../../api/files';
import { useFormatters } from '../../i18n/format';
import { useAppInfo, useServices, type ProjectInfo } from '../../state/app_context';
import '../../styles/print.css';
import { BASELINE_ID } from '../../workspace/use_scenarios';
import { useWorkspace } from '../../workspace/workspace_context';
import { ErrorNotice } from '../ErrorNotice';
import { useModal } from '../use_modal';
import { useAtlasExport } from './use_atlas_export';
import { useBasemapCrs } from '../../map/basemap_crs_store';

type ExportFormat = (typeof MAP_EXPORT_FORMATS)[number];
type Dpi = (typeof MAP_DPIS)[number];

/** Option changes within this time draw one preview (typing a title does not draw each letter). */
const PREVIEW_DEBOUNCE_MS = 400;

/**
 * Width of the preview image, pixels at a device pixel ratio of 1: the host draws it with resvg and the
 * print fonts (what the PNG export draws), so the glyphs are those of the output on every system.
 * Enough for the enlarged view on a common screen.
 */
const PREVIEW_WIDTH_PX = 1600;

const ANALYSIS_CHOICES = ['none', 'last', 'circle', 'network'] as const;
type AnalysisChoice = (typeof ANALYSIS_CHOICES)[number];

/** Today as YYYY-MM-DD in local time (the map date the host would print). */
function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** A drawn preview: the host's PNG (or SVG) as a Blob URL for an <img> (an image runs no script), and its page facts. */
interface Preview {
  url: string;
  page: MapPage;
  /** The options it was drawn for (JSON), to tell a stale preview. */
  key: string;
}

/**
 * The print layout panel (出图): the options of one map sheet as `siting map` takes them, a live
 * preview that is the host's SVG of the sheet (`map:preview`, the very drawing the files get), and
 * PDF / PNG / SVG exports (`map:export`: the save dialog on the desktop, a download in the browser).
 * Option changes are debounced; a newer request aborts the older one, and Cancel leaves the last
 * preview in place.
 */
export function PrintPanel({ info, kinds: appKinds, basemapUrl }: { info: NonNullable<ProjectInfo>; kinds: readonly FacilityKind[]; basemapUrl: string }) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const { api } = useServices();
  const { scenarios } = useWorkspace();
  const dialogs = useAppInfo().data?.dialogs === true;
  const id = useId();
  const [open, setOpen] = useState(false);
  const [paperName, setPaperName] = useState<PaperName>('A4');
  const [orientation, setOrientation] = useState<Orientation>('portrait');
  const [title, setTitle] = useState('');
  const [subtitle, setSubtitle] = useState('');
  const [scenarioChoice, setScenarioChoice] = useState<string | null>(null);
  const [purpose, setPurpose] = useState<PrintPurpose>('internal');
  // The project's tile basemap under an exported map (its tiles are fetched by the host on export; the
  // preview stays without them), in the system the map's basemap setting says (GCJ-02 for AutoNavi).
  const [withBasemap, setWithBasemap] = useState(false);
  const [basemapCrs] = useBasemapCrs(info.path);
  const hasBasemap = /\{z\}/.test(basemapUrl) && /\{x\}/.test(basemapUrl) && /\{y\}/.test(basemapUrl);
  const basemap = withBasemap && hasBasemap ? (basemapCrs === 'gcj02' ? 'gcj02' : 'wgs84') : undefined;
  const [reviewNumber, setReviewNumber] = useState('');
  const [author, setAuthor] = useState('');
  const [mapDate, setMapDate] = useState(today);
  const [dpi, setDpi] = useState<Dpi>(300);
  const [languageChoice, setLanguageChoice] = useState<PrintLanguage | null>(null);
  const uiLanguage: PrintLanguage = i18n.language === 'zh' ? 'zh' : 'en';
  const language = languageChoice ?? uiLanguage;
  const scenario = scenarioChoice ?? scenarios.current?.id ?? null;

  // The analysis drawn: none, the analysis panel's last run, or a circle / network analysis set here
  // (thresholds within the limits of shared/settings/siting_settings.ts; the rest take their defaults).
  const [analysisChoice, setAnalysisChoice] = useState<AnalysisChoice>('none');
  const [radiiText, setRadiiText] = useState(String(DEFAULTS.radiusM));
  const [minutesText, setMinutesText] = useState(String(DEFAULTS.minutes));
  const [kindsChoice, setKindsChoice] = useState<FacilityKind[] | null>(null);
  const lastRun = useLastAnalysis(info.path);
  const hasRoads = (info.counts.roads ?? 0) > 0;
  const chosenKinds = kindsChoice ?? [...appKinds];
  const analysisPick = useMemo((): { choice: MapAnalysisChoice | null; problem: string | null } => {
    if (analysisChoice === 'none') return { choice: null, problem: null };
    if (analysisChoice === 'last') return { choice: lastRun, problem: lastRun ? null : t('print.lastNone') };
    if (analysisChoice === 'network' && !hasRoads) return { choice: null, problem: t('print.networkNeedsRoads') };
    const kinds = FacilityKind.options.filter((kind) => chosenKinds.includes(kind));
    if (kinds.length === 0) return { choice: null, problem: t('print.kindsNone') };
    if (analysisChoice === 'circle') {
      const radiiM = parseSettingList(radiiText, 'radiusM', MAP_ANALYSIS_THRESHOLDS);
      if (!radiiM) return { choice: null, problem: t('print.radiiInvalid', { count: MAP_ANALYSIS_THRESHOLDS, ...limitValues('radiusM') }) };
      return { choice: { analysis: { mode: 'circle', radiiM }, kinds }, problem: null };
    }
    const minutes = parseSettingList(minutesText, 'minutes', MAP_ANALYSIS_THRESHOLDS);
    if (!minutes) return { choice: null, problem: t('print.minutesInvalid', { count: MAP_ANALYSIS_THRESHOLDS, ...limitValues('minutes') }) };
    return { choice: { analysis: { mode: 'network', minutes }, kinds }, problem: null };
    // chosenKinds is a new array each render; its content is what counts
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [analysisChoice, lastRun, hasRoads, chosenKinds.join(), radiiText, minutesText, t]);
  const analysisProblem = analysisPick.problem;
  /** The last run's thresholds and kinds in words. */
  const lastRunText = ({ analysis, kinds }: MapAnalysisChoice) => {
    const list = (values: number[] | undefined) => (values ?? []).map((value) => format.count(value)).join(', ');
    const thresholds = analysis.radiiM ? `${list(analysis.radiiM)} m` : analysis.networkM ? `${list(analysis.networkM)} m` : `${list(analysis.minutes)} min`;
    return `${t(`print.analyses.${analysis.mode}`)}, ${thresholds}; ${kinds.map((kind) => t(`kinds.${kind}`)).join(', ')}`;
  };

  const options = useMemo<MapOptions>(
    () => ({
      paper: paperName,
      orientation,
      ...(title.trim() ? { title: title.trim() } : {}),
      ...(subtitle.trim() ? { subtitle: subtitle.trim() } : {}),
      // The baseline is the existing facilities alone: no scenario to name or draw.
      ...(scenario && scenario !== BASELINE_ID ? { scenario } : {}),
      ...(analysisPick.choice ? { analysis: analysisPick.choice.analysis, kinds: analysisPick.choice.kinds } : {}),
      dpi,
      purpose,
      ...(purpose === 'public' ? { reviewNumber: reviewNumber.trim() } : {}),
      ...(author.trim() ? { author: author.trim() } : {}),
      language,
      ...(/^\d{4}-\d{2}-\d{2}$/.test(mapDate) ? { mapDate } : {}),
    }),
    [paperName, orientation, title, subtitle, scenario, analysisPick.choice, dpi, purpose, reviewNumber, author, language, mapDate],
  );

  // The atlas: a boundary level of the project (its units are the pages); the preview shows one page.
  const [levels, setLevels] = useState<{ level: Boundary['level']; units: string[] }[]>([]);
  const [atlasLevel, setAtlasLevel] = useState<Boundary['level'] | ''>('');
  const [atlasUnit, setAtlasUnit] = useState(0);
  const atlasUnits = levels.find((item) => item.level === atlasLevel)?.units ?? null;
  const atlas = useMemo(
    () => (atlasUnits && atlasLevel !== '' ? { level: atlasLevel, unit: Math.min(atlasUnit, atlasUnits.length - 1) } : null),
    [atlasUnits, atlasLevel, atlasUnit],
  );
  const atlasRun = useAtlasExport();
  // The project's data as the host last reported it: a change (an import, another program) draws again.
  const dataKey = `${info.path}|${JSON.stringify(info.counts)}`;
  const key = `${dataKey}|${JSON.stringify(options)}|${JSON.stringify(atlas)}`;
  // The sheet fits the population grid, the facilities (else the boundaries): without any, nothing to draw.
  const printable = (['population', 'facilities', 'boundaries'] as const).some((layer) => (info.counts[layer] ?? 0) > 0);

  const [preview, setPreview] = useState<Preview | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [cancelledKey, setCancelledKey] = useState<string | null>(null);
  const [previewError, setPreviewError] = useState<unknown>(null);
  const request = useRef<AbortController | null>(null);

  const draw = useCallback(
    (drawKey: string, drawOptions: MapOptions, drawAtlas: typeof atlas) => {
      request.current?.abort();
      const controller = new AbortController();
      request.current = controller;
      setPreviewing(true);
      setPreviewError(null);
      setCancelledKey(null);
      const pngWidthPx = Math.min(MAP_PREVIEW_MAX_PX, Math.round(PREVIEW_WIDTH_PX * Math.min(2, window.devicePixelRatio || 1)));
      callWithSignal(api, 'map:preview', { options: drawOptions, ...(drawAtlas ? { atlas: drawAtlas } : {}), pngWidthPx }, controller.signal).then(
        (reply) => {
          if (request.current !== controller) return;
          request.current = null;
          const image = reply.png ? new Blob([base64ToBytes(reply.png)], { type: 'image/png' }) : new Blob([reply.svg], { type: 'image/svg+xml' });
          const url = URL.createObjectURL(image);
          setPreview({ url, page: reply.page, key: drawKey });
          setPreviewing(false);
        },
        (error: unknown) => {
          if (request.current !== controller) return;
          request.current = null;
          setPreviewError(error);
          setPreviewing(false);
        },
      );
    },
    [api],
  );

  // Draw when the section is open and the options or the data changed (debounced).
  useEffect(() => {
    if (!open || !printable || analysisProblem !== null || preview?.key === key || cancelledKey === key) return;
    const timer = setTimeout(() => draw(key, options, atlas), PREVIEW_DEBOUNCE_MS);
    return () => clearTimeout(timer);
    // preview and cancelledKey only decide whether to draw; a new preview must not draw again
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, printable, analysisProblem, key, draw]);

  // The boundary levels an atlas can use, asked again when the data changes.
  useEffect(() => {
    if (!open) return;
    let live = true;
    api['map:atlas:levels']({}).then(
      (found) => live && setLevels(found),
      () => live && setLevels([]),
    );
    return () => {
      live = false;
    };
  }, [open, api, dataKey]);

  // The Blob URL of a replaced preview is let go; the last one when the panel goes.
  useEffect(() => {
    const url = preview?.url;
    return () => {
      if (url) URL.revokeObjectURL(url);
    };
  }, [preview?.url]);
  useEffect(() => () => request.current?.abort(), []);

  const cancel = () => {
    request.current?.abort();
    request.current = null;
    setPreviewing(false);
    setCancelledKey(key);
  };

  const [enlarged, setEnlarged] = useState(false);
  const [exporting, setExporting] = useState<ExportFormat | null>(null);
  // What was written, said in the current language (kept as the text's key and values).
  const [exported, setExported] = useState<{ key: 'saved' | 'savedWithWorld' | 'downloaded'; values: Record<string, string> } | null>(null);
  const [exportError, setExportError] = useState<unknown>(null);

  const exportAs = async (fileFormat: ExportFormat) => {
    setExporting(fileFormat);
    setExported(null);
    setExportError(null);
    try {
      if (dialogs) {
        const picked = await api['dialog:file:save']({ purpose: 'export', defaultName: `map.${fileFormat}` });
        if (!picked.path) return;
        const result = await api['map:export']({ options: { ...options, ...(basemap ? { basemap } : {}) }, format: fileFormat, path: picked.path });
        const path = result.path ?? picked.path;
        setExported(result.worldFile?.path ? { key: 'savedWithWorld', values: { path, world: result.worldFile.path } } : { key: 'saved', values: { path } });
      } else {
        const result = await api['map:export']({ options: { ...options, ...(basemap ? { basemap } : {}) }, format: fileFormat });
        downloadReply(result);
        if (result.worldFile?.content) downloadText(result.worldFile.name, result.worldFile.content);
        setExported({ key: 'downloaded', values: { name: result.name } });
      }
    } catch (caught) {
      setExportError(caught);
    } finally {
      setExporting(null);
    }
  };

  /** The atlas as one multi-page PDF: to the file the save dialog names on the desktop, else a download. */
  const exportAtlas = async () => {
    if (!atlas) return;
    setExported(null);
    setExportError(null);
    try {
      if (dialogs) {
        const picked = await api['dialog:file:save']({ purpose: 'export', defaultName: `atlas_${atlas.level}.pdf` });
        if (!picked.path) return;
        const ended = await atlasRun.start(options, atlas.level, picked.path);
        if (ended?.state === 'done' && ended.file?.path) setExported({ key: 'saved', values: { path: ended.file.path } });
      } else {
        const ended = await atlasRun.start(options, atlas.level);
        if (ended?.state === 'done' && ended.file?.content) {
          downloadBytes(ended.file.name, base64ToBytes(ended.file.content));
          setExported({ key: 'downloaded', values: { name: ended.file.name } });
        }
      }
    } catch (caught) {
      setExportError(caught);
    }
  };
  const atlasJob = atlasRun.job;

  const stale = preview !== null && preview.key !== key;
  const reviewNumberMissing = purpose === 'public' && reviewNumber.trim() === '';
  const shownTitle = preview?.page.title ?? '';
  const [widthMm, heightMm] = preview?.page.paperMm ?? [0, 0];

  return (
    <details className="section" data-testid="print-section" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        <h2>{t('print.heading')}</h2>
      </summary>
      <div className="stack print-panel">
        <p className="muted small">{t('print.intro')}</p>
        <div className="two-columns">
          <div className="stack">
            <label htmlFor={`${id}-paper`}>{t('print.paper')}</label>
            <select id={`${id}-paper`} data-testid="print-paper" value={paperName} onChange={(e) => setPaperName(e.target.value as PaperName)}>
              {PAPER_NAMES.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </div>
          <div className="stack">
            <label htmlFor={`${id}-orientation`}>{t('print.orientation')}</label>
            <select id={`${id}-orientation`} data-testid="print-orientation" value={orientation} onChange={(e) => setOrientation(e.target.value as Orientation)}>
              {ORIENTATIONS.map((name) => (
                <option key={name} value={name}>
                  {t(`print.orientations.${name}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <label htmlFor={`${id}-title`}>{t('print.title')}</label>
        <input id={`${id}-title`} data-testid="print-title" value={title} maxLength={200} placeholder={shownTitle} onChange={(e) => setTitle(e.target.value)} />
        <label htmlFor={`${id}-subtitle`}>{t('print.subtitle')}</label>
        <input id={`${id}-subtitle`} data-testid="print-subtitle" value={subtitle} maxLength={200} onChange={(e) => setSubtitle(e.target.value)} />
        <div className="two-columns">
          <div className="stack">
            <label htmlFor={`${id}-scenario`}>{t('print.scenario')}</label>
            <select
              id={`${id}-scenario`}
              data-testid="print-scenario"
              value={scenario ?? ''}
              disabled={scenarios.scenarios.length === 0}
              onChange={(e) => setScenarioChoice(e.target.value)}
            >
              {scenarios.scenarios.map((item) => (
                <option key={item.id} value={item.id}>
                  {item.id === BASELINE_ID ? t('workspace.scenarios.baselineName') : item.name}
                </option>
              ))}
            </select>
          </div>
          <div className="stack">
            <label htmlFor={`${id}-language`}>{t('print.language')}</label>
            <select id={`${id}-language`} data-testid="print-language" value={language} onChange={(e) => setLanguageChoice(e.target.value as PrintLanguage)}>
              {PRINT_LANGUAGES.map((name) => (
                <option key={name} value={name}>
                  {t(`print.languages.${name}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <label htmlFor={`${id}-analysis`}>{t('print.analysis')}</label>
        <select id={`${id}-analysis`} data-testid="print-analysis" value={analysisChoice} onChange={(e) => setAnalysisChoice(e.target.value as AnalysisChoice)}>
          {ANALYSIS_CHOICES.map((choice) => (
            <option key={choice} value={choice} disabled={(choice === 'last' && !lastRun) || (choice === 'network' && !hasRoads)}>
              {t(`print.analyses.${choice}`)}
            </option>
          ))}
        </select>
        {analysisChoice === 'circle' && (
          <>
            <label htmlFor={`${id}-radii`}>{t('print.radii', { count: MAP_ANALYSIS_THRESHOLDS })}</label>
            <input id={`${id}-radii`} data-testid="print-radii" value={radiiText} inputMode="decimal" maxLength={100} aria-invalid={analysisProblem !== null} onChange={(e) => setRadiiText(e.target.value)} />
          </>
        )}
        {analysisChoice === 'network' && hasRoads && (
          <>
            <label htmlFor={`${id}-minutes`}>{t('print.minutes', { count: MAP_ANALYSIS_THRESHOLDS })}</label>
            <input id={`${id}-minutes`} data-testid="print-minutes" value={minutesText} inputMode="decimal" maxLength={100} aria-invalid={analysisProblem !== null} onChange={(e) => setMinutesText(e.target.value)} />
          </>
        )}
        {(analysisChoice === 'circle' || analysisChoice === 'network') && (
          <fieldset className="kinds" data-testid="print-kinds">
            <legend>{t('print.kinds')}</legend>
            {FacilityKind.options.map((kind) => (
              <label key={kind} className="check">
                <input
                  type="checkbox"
                  data-testid={`print-kind-${kind}`}
                  checked={chosenKinds.includes(kind)}
                  onChange={(e) => setKindsChoice(e.target.checked ? [...chosenKinds, kind] : chosenKinds.filter((k) => k !== kind))}
                />
                {t(`kinds.${kind}`)}
              </label>
            ))}
          </fieldset>
        )}
        {analysisChoice === 'last' && lastRun && (
          <p className="muted small" data-testid="print-analysis-last">
            {t('print.lastShown', { settings: lastRunText(lastRun) })}
          </p>
        )}
        {analysisProblem !== null && (
          <p className="notice notice-warning" role="status" data-testid="print-analysis-problem">
            {analysisProblem}
          </p>
        )}
        <label htmlFor={`${id}-atlas`}>{t('print.atlas')}</label>
        <div className="two-columns">
          <select id={`${id}-atlas`} data-testid="print-atlas" value={atlasLevel} disabled={levels.length === 0 || atlasJob !== null} onChange={(e) => { setAtlasLevel(e.target.value as Boundary['level'] | ''); setAtlasUnit(0); }}>
            <option value="">{t('print.atlasNone')}</option>
            {levels.map((item) => (
              <option key={item.level} value={item.level}>
                {t('print.atlasLevel', { level: t(`areas.levels.${item.level}`), count: item.units.length })}
              </option>
            ))}
          </select>
          {atlasUnits && atlas && (
            <select data-testid="print-atlas-unit" aria-label={t('print.atlasUnit')} value={atlas.unit} onChange={(e) => setAtlasUnit(Number(e.target.value))}>
              {atlasUnits.map((name, u) => (
                <option key={u} value={u}>
                  {t('print.atlasUnitOption', { page: u + 1, name })}
                </option>
              ))}
            </select>
          )}
        </div>
        {levels.length === 0 && open && (
          <p className="muted small" data-testid="print-atlas-none">
            {t('print.atlasNoLevels')}
          </p>
        )}
        <label htmlFor={`${id}-purpose`}>{t('print.purpose')}</label>
        <select id={`${id}-purpose`} data-testid="print-purpose" value={purpose} onChange={(e) => setPurpose(e.target.value as PrintPurpose)}>
          {PRINT_PURPOSES.map((name) => (
            <option key={name} value={name}>
              {t(`print.purposes.${name}`)}
            </option>
          ))}
        </select>
        {purpose === 'public' && (
          <>
            <label htmlFor={`${id}-review-number`}>{t('print.reviewNumber')}</label>
            <input
              id={`${id}-review-number`}
              data-testid="print-review-number"
              value={reviewNumber}
              maxLength={100}
              aria-invalid={reviewNumberMissing}
              aria-describedby={reviewNumberMissing ? `${id}-review-warning` : undefined}
              onChange={(e) => setReviewNumber(e.target.value)}
            />
            {reviewNumberMissing && (
              <p id={`${id}-review-warning`} className="notice notice-warning" role="status" data-testid="print-review-warning">
                {t('print.reviewNumberMissing')}
              </p>
            )}
          </>
        )}
        <div className="two-columns">
          <div className="stack">
            <label htmlFor={`${id}-author`}>{t('print.author')}</label>
            <input id={`${id}-author`} data-testid="print-author" value={author} maxLength={200} onChange={(e) => setAuthor(e.target.value)} />
          </div>
          <div className="stack">
            <label htmlFor={`${id}-date`}>{t('print.mapDate')}</label>
            <input id={`${id}-date`} type="date" data-testid="print-date" value={mapDate} onChange={(e) => setMapDate(e.target.value)} />
          </div>
        </div>
        <label className="checkbox" title={hasBasemap ? undefined : t('print.basemapNone')}>
          <input type="checkbox" data-testid="print-basemap" checked={withBasemap && hasBasemap} disabled={!hasBasemap} onChange={(e) => setWithBasemap(e.target.checked)} />{' '}
          {t('print.basemap')}
        </label>
        <p className="muted small" data-testid="print-basemap-note">{hasBasemap ? t('print.basemapNote') : t('print.basemapNone')}</p>
        <label htmlFor={`${id}-dpi`}>{t('print.dpi')}</label>
        <select id={`${id}-dpi`} data-testid="print-dpi" value={dpi} onChange={(e) => setDpi(Number(e.target.value) as Dpi)}>
          {MAP_DPIS.map((value) => (
            <option key={value} value={value}>
              {t('print.dpiValue', { dpi: value })}
            </option>
          ))}
        </select>

        <div className="print-preview-head">
          <h3>{t('print.preview')}</h3>
          {previewing ? (
            <>
              <span className="muted small" role="status" data-testid="print-previewing">
                <span className="spinner" aria-hidden="true" /> {t('print.previewing')}
              </span>
              <button type="button" data-testid="print-cancel" onClick={cancel}>
                {t('print.cancel')}
              </button>
            </>
          ) : (
            stale && (
              <button type="button" data-testid="print-refresh" disabled={analysisProblem !== null} onClick={() => draw(key, options, atlas)}>
                {t('print.refresh')}
              </button>
            )
          )}
          {preview && (
            <button type="button" data-testid="print-enlarge" onClick={() => setEnlarged(true)}>
              {t('print.enlarge')}
            </button>
          )}
        </div>
        {cancelledKey === key && !previewing && (
          <p className="muted small" role="status" data-testid="print-cancelled">
            {t('print.cancelled')}
          </p>
        )}
        {!printable && (
          <p className="muted small" data-testid="print-nothing">
            {t('print.nothing')}
          </p>
        )}
        <ErrorNotice error={previewError} testId="print-preview-error" />
        {preview && (
          <figure className="print-preview" aria-busy={previewing} data-stale={stale || previewing ? 'true' : 'false'}>
            <img
              src={preview.url}
              alt={t('print.previewAlt', { title: shownTitle })}
              data-testid="print-preview"
              data-paper={`${widthMm}x${heightMm}`}
              data-title={shownTitle}
              data-scale={preview.page.scaleDenominator}
              data-crs={preview.page.crs}
              style={{ aspectRatio: `${widthMm} / ${heightMm}` }}
            />
            <figcaption className="muted small" data-testid="print-facts">
              {t('print.facts', { width: format.count(widthMm), height: format.count(heightMm), scale: format.count(preview.page.scaleDenominator), crs: preview.page.crs })}
            </figcaption>
          </figure>
        )}

        <div className="print-exports" role="group" aria-label={t('print.export')}>
          <span>{t('print.export')}</span>
          {atlas && atlasUnits && (
            <button type="button" className="primary" data-testid="print-export-atlas" disabled={atlasJob !== null || exporting !== null || analysisProblem !== null} onClick={() => void exportAtlas()}>
              {t('print.atlasExport', { count: atlasUnits.length })}
            </button>
          )}
          {!atlas && MAP_EXPORT_FORMATS.map((fileFormat) => (
            <button
              key={fileFormat}
              type="button"
              className={fileFormat === 'pdf' ? 'primary' : undefined}
              data-testid={`print-export-${fileFormat}`}
              disabled={exporting !== null || !printable || analysisProblem !== null}
              aria-busy={exporting === fileFormat}
              onClick={() => void exportAs(fileFormat)}
            >
              {exporting === fileFormat && <span className="spinner" aria-hidden="true" />}
              {exporting === fileFormat ? t('print.exporting') : t(`print.exportAs.${fileFormat}`)}
            </button>
          ))}
        </div>
        {atlasJob && (
          <div className="print-atlas-progress" role="status" data-testid="print-atlas-progress" data-page={atlasJob.page} data-pages={atlasJob.pages}>
            <progress max={atlasJob.pages} value={atlasJob.page} aria-label={t('print.atlasProgress', { page: atlasJob.page, pages: atlasJob.pages })} />
            <span className="small">
              {atlasJob.cancelRequested
                ? t('print.atlasCancelling')
                : atlasJob.phase === 'writing'
                  ? t('print.atlasWriting', { pages: atlasJob.pages })
                  : t('print.atlasProgress', { page: atlasJob.page, pages: atlasJob.pages })}
            </span>
            <button type="button" data-testid="print-atlas-cancel" disabled={atlasJob.cancelRequested} onClick={atlasRun.cancel}>
              {t('print.cancel')}
            </button>
          </div>
        )}
        {atlasRun.ended?.state === 'cancelled' && (
          <p className="muted small" role="status" data-testid="print-atlas-cancelled">
            {t('print.atlasCancelled')}
          </p>
        )}
        <ErrorNotice error={atlasRun.error} testId="print-atlas-error" />
        {exported && (
          <p className="notice notice-ok" role="status" data-testid="print-exported">
            {String(t(`print.${exported.key}`, exported.values as never))}
          </p>
        )}
        <ErrorNotice error={exportError} testId="print-export-error" />
      </div>
      {enlarged && preview && createPortal(<PreviewDialog url={preview.url} title={shownTitle} onClose={() => setEnlarged(false)} />, document.body)}
    </details>
  );
}

/** The preview over the window, as large as it fits. */
function PreviewDialog({ url, title, onClose }: { url: string; title: string; onClose: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useModal(ref, onClose);
  return (
    <div ref={ref} className="print-preview-overlay" role="dialog" aria-modal="true" aria-label={t('print.dialog')} data-testid="print-preview-dialog">
      <div className="print-preview-toolbar">
        <button type="button" autoFocus data-testid="print-preview-close" onClick={onClose}>
          {t('print.close')}
        </button>
      </div>
      <img src={url} alt={t('print.previewAlt', { title })} />
    </div>
  );
}
