import { Fragment, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { basemapOrigins } from '../../shared/ipc/basemap_origins';
import type { Settings, UserPreferences } from '../../shared/ipc/contract';
import type { FacilityKind } from '../../shared/schemas/entities';
import { onHostEvent } from '../api/client';
import { resolveLanguage, switchLanguage } from '../i18n/i18n';
import type { MapController } from '../map/map_controller';
import { useCoverage, useProject, useServices } from '../state/app_context';
import { useExternalChanges, type NoticedChange } from '../state/external_changes';
import { AnalysisControls } from './AnalysisControls';
import { CoveragePanel } from './CoveragePanel';
import { ErrorNotice } from './ErrorNotice';
import { ExternalChangeNotice } from './ExternalChangeNotice';
import { ExportPanel } from './ExportPanel';
import { FacilityList } from './FacilityList';
import { Header } from './Header';
import { ImportPanel } from './ImportPanel';
import { MapView } from './MapView';
import { ProjectActions } from './ProjectActions';
import { ProjectPanel } from './ProjectPanel';
import { SettingsPanel } from './SettingsPanel';
import { AnalysisWorkbench } from './analysis/AnalysisWorkbench';
import { FindBox } from './find/FindBox';
import { LayersPanel } from './layers/LayersPanel';
import { ProposalPanel } from './proposals/ProposalPanel';
import { ReviewPanel } from './review/ReviewPanel';
import { PrintPanel } from './print/PrintPanel';
import { ScenarioPanel } from './scenarios/ScenarioPanel';
import { WorkspaceMapBinding } from '../workspace/map/WorkspaceMapBinding';
import { subscribeTextMenuEdits } from '../workspace/menu_edits';
import { WorkspaceProvider, useWorkspaceState } from '../workspace/workspace_context';
import { GettingStarted, needsData } from './shell/GettingStarted';
import { PanelTabs } from './shell/PanelTabs';
import { usePanelTab, type PanelTab } from './shell/panel_tabs';
import { basemapChoice, displayBasemapUrl } from '../map/basemap';
import '../styles/shell.css';

export interface AnalysisParams {
  radiusM: number;
  kinds: FacilityKind[];
}

/** The whole window: side panel (project, then the task tabs) and the map. */
export function App({
  initialSettings,
  initialPreferences,
  startupError,
}: {
  initialSettings: Settings;
  /** The user's preferences (language, Tianditu key): the same for every project. */
  initialPreferences: UserPreferences;
  startupError: unknown;
}) {
  const { t } = useTranslation();
  const { api, store } = useServices();
  const [settings, setSettings] = useState<Settings>(initialSettings);
  const [preferences, setPreferences] = useState<UserPreferences>(initialPreferences);
  const [settingsError, setSettingsError] = useState<unknown>(startupError);
  const [analysis, setAnalysis] = useState<AnalysisParams>({ radiusM: initialSettings.radiusM, kinds: initialSettings.kinds });
  const [mapController, setMapController] = useState<MapController | null>(null);
  const project = useProject();
  const info = project.data ?? null;
  const hasProject = info !== null;
  // The scenario being worked on: its proposals count in the coverage figures and on the map.
  const workspace = useWorkspaceState({ project: info, radiusM: analysis.radiusM, kinds: analysis.kinds, controller: mapController });
  const scenario = workspace.scenarios.current;
  const scenarioKnown = scenario !== null || workspace.scenarios.error !== undefined;
  const coverage = useCoverage(analysis.radiusM, analysis.kinds, info !== null && scenarioKnown, scenario?.id);

  // Desktop menu: project switches happen in main (we reload everything); Import/Export open
  // their panel here. Counters so that choosing the same menu item twice reveals it twice.
  // Kept with the project they were asked in: the panels of another project mount unrevealed.
  const [reveal, setReveal] = useState({ import: 0, export: 0, path: null as string | null });
  const currentPath = useRef<string | null>(null);
  currentPath.current = info?.path ?? null;
  const revealed = (section: 'import' | 'export') => (reveal.path === currentPath.current ? reveal[section] : 0);
  // Until the user chooses a tab: Data for the first project seen without data, else Analyse (fixed
  // then, so that an import does not move the panel away from its report).
  const firstTab = useRef<PanelTab | null>(null);
  if (firstTab.current === null && info) firstTab.current = needsData(info) ? 'data' : 'analyse';
  const [tab, setTab] = usePanelTab(firstTab.current ?? 'analyse');
  // Edit → Undo/Redo with no project open (the workspace's shortcuts take over once one is).
  useEffect(() => (hasProject ? undefined : subscribeTextMenuEdits()), [hasProject]);
  useEffect(() => {
    const offChanged = onHostEvent('project:changed', () => store.invalidate(''));
    const offMenu = onHostEvent('app:menu:action', (action) => {
      if (action.kind === 'import' || action.kind === 'export') {
        const section = action.kind;
        setTab('data');
        setReveal((current) => ({ ...current, [section]: current[section] + 1, path: currentPath.current }));
      }
    });
    return () => {
      offChanged();
      offMenu();
    };
  }, [store, setTab]);

  /** Saves part of the settings on the host and keeps the saved values. */
  const saveSettings = useCallback(
    async (patch: Partial<Settings>): Promise<Settings> => {
      if (!hasProject) {
        // Settings live in the project file; without a project they apply to this window only.
        const next = { ...settings, ...patch };
        setSettings(next);
        return next;
      }
      try {
        const saved = await api['settings:set'](patch);
        setSettings(saved);
        store.invalidate('project:preset-targets'); // the figures' targets follow the preset (renderer/workspace/use_preset_targets.ts)
        setSettingsError(null);
        return saved;
      } catch (error) {
        setSettingsError(error);
        throw error;
      }
    },
    [api, store, hasProject, settings],
  );

  // Each project file keeps its own settings: load them when another project is opened.
  const settingsPath = useRef<string | null | undefined>(undefined);
  const path = info?.path ?? null;
  useEffect(() => {
    if (project.loading || settingsPath.current === path) return;
    const first = settingsPath.current === undefined;
    settingsPath.current = path;
    if (first || path === null) return;
    // A message about the previous project's settings does not concern this one.
    setSettingsError(null);
    // The language is the user's (preferences), not the project's: it stays as it is.
    api['settings:get']({}).then(
      (loaded) => {
        setSettings(loaded);
        setAnalysis({ radiusM: loaded.radiusM, kinds: loaded.kinds });
      },
      (error: unknown) => setSettingsError(error),
    );
  }, [api, path, project.loading]);

  // The page's Content-Security-Policy admits the basemap origins of the project open when it was
  // loaded (the settings it started with). A basemap elsewhere, saved in the project or brought by
  // another project, needs the page loaded again to get a policy that admits it.
  const admittedOrigins = useRef(basemapOrigins(initialSettings.basemapUrl));
  useEffect(() => {
    if (!hasProject) return;
    if (basemapOrigins(settings.basemapUrl).some((origin) => !admittedOrigins.current.includes(origin))) window.location.reload();
  }, [hasProject, settings.basemapUrl]);
  // Another program changed the project file: every query was invalidated (reloaded); the undo
  // history of proposal edits is kept unless proposals changed, as it would otherwise
  // put back proposals over what that program wrote.
  const [externalChange, setExternalChange] = useState<NoticedChange | null>(null);
  const clearEditHistory = workspace.edits.clearHistory;
  useExternalChanges(path, (change) => {
    if (change.proposalsChanged) clearEditHistory();
    setExternalChange(change);
  });
  useEffect(() => setExternalChange(null), [path]);

  /** Saves part of the user's preferences (config folder, every project) and keeps the saved values. */
  const savePreferences = useCallback(
    async (patch: Partial<UserPreferences>): Promise<UserPreferences> => {
      setPreferences((current) => ({ ...current, ...patch }));
      try {
        const saved = await api['app:preferences:set'](patch);
        setPreferences(saved);
        setSettingsError(null);
        return saved;
      } catch (error) {
        setSettingsError(error);
        throw error;
      }
    },
    [api],
  );

  const changeLanguage = useCallback(
    (language: UserPreferences['language']) => {
      void switchLanguage(resolveLanguage(language));
      savePreferences({ language }).catch(() => undefined);
    },
    [savePreferences],
  );
  // The map's basemap: the project's choice, with the user's Tianditu key (never stored in the project).
  const basemapPreset = basemapChoice(settings.basemapUrl);
  const basemap = {
    url: displayBasemapUrl(settings.basemapUrl, preferences.tiandituKey),
    attribution: basemapPreset === 'none' || basemapPreset === 'custom' ? '' : t(`shell.basemap.attribution.${basemapPreset}`),
  };

  const openImport = useCallback(() => {
    setTab('data');
    setReveal((current) => ({ ...current, import: current.import + 1, path: currentPath.current }));
  }, [setTab]);

  const runAnalysis = useCallback(
    (params: AnalysisParams) => {
      const same = params.radiusM === analysis.radiusM && params.kinds.join() === analysis.kinds.join();
      setAnalysis(params);
      // The same parameters again: run again (data may have changed on disk).
      if (same) store.invalidate('coverage:');
      saveSettings({ radiusM: params.radiusM, kinds: params.kinds }).catch(() => undefined);
    },
    [analysis, saveSettings, store],
  );

  return (
    <WorkspaceProvider value={workspace}>
    <div className="app">
      <aside className="panel" aria-label={t('app.panelLabel')}>
        <Header language={preferences.language} onLanguage={changeLanguage} />
        <ErrorNotice error={settingsError} testId="settings-error" />
        <ExternalChangeNotice change={externalChange} onDismiss={() => setExternalChange(null)} />
        <ProjectPanel project={project} />
        {info ? (
          // The task panels are keyed by the project file: notices, results and errors of the previous
          // project (an import report, an analysis error, an export message) do not stay after a switch.
          // Project actions are not: "Opened …" is about the switch itself.
          <>
            <FindBox key={info.path} project={info} />
            {needsData(info) && <GettingStarted info={info} onImport={openImport} onAnalyse={() => setTab('analyse')} />}
            <PanelTabs
              selected={tab}
              onSelect={setTab}
              panels={{
                data: (
                  <Fragment key={info.path}>
                    <ImportPanel reveal={revealed('import')} />
                    <LayersPanel project={info} />
                    <FacilityList count={info.counts.facilities ?? 0} controller={mapController} />
                    <ExportPanel reveal={revealed('export')} />
                  </Fragment>
                ),
                analyse: (
                  <Fragment key={info.path}>
                    <AnalysisControls value={analysis} running={coverage.loading} onRun={runAnalysis} />
                    <CoveragePanel coverage={coverage} />
                    <AnalysisWorkbench info={info} controller={mapController} kinds={analysis.kinds} />
                  </Fragment>
                ),
                plan: (
                  <Fragment key={info.path}>
                    <ScenarioPanel />
                    <ProposalPanel />
                  </Fragment>
                ),
                review: <ReviewPanel key={info.path} info={info} settings={settings} onSave={saveSettings} controller={mapController} />,
                map: <PrintPanel key={info.path} info={info} kinds={analysis.kinds} basemapUrl={settings.basemapUrl} />,
                project: (
                  <>
                    <ProjectActions open />
                    <SettingsPanel key={info.path} settings={settings} onSave={saveSettings} preferences={preferences} onSavePreferences={savePreferences} />
                  </>
                ),
              }}
            />
          </>
        ) : (
          <>
            <ProjectActions />
            <SettingsPanel settings={settings} onSave={saveSettings} preferences={preferences} onSavePreferences={savePreferences} />
          </>
        )}
      </aside>
      <MapView project={info} coverage={coverage.data ?? null} analysis={analysis} basemapUrl={basemap.url} basemapAttribution={basemap.attribution} onController={setMapController} />
      {info && <WorkspaceMapBinding project={info} />}
    </div>
    </WorkspaceProvider>
  );
}
