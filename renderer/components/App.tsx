import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { basemapOrigins } from '../../shared/ipc/basemap_origins';
import type { Settings } from '../../shared/ipc/contract';
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

export interface AnalysisParams {
  radiusM: number;
  kinds: FacilityKind[];
}

/** The whole window: side panel (project, analysis, data) and the map. */
export function App({ initialSettings, startupError }: { initialSettings: Settings; startupError: unknown }) {
  const { t } = useTranslation();
  const { api, store } = useServices();
  const [settings, setSettings] = useState<Settings>(initialSettings);
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
  const [reveal, setReveal] = useState({ import: 0, export: 0 });
  // Edit → Undo/Redo with no project open (the workspace's shortcuts take over once one is).
  useEffect(() => (hasProject ? undefined : subscribeTextMenuEdits()), [hasProject]);
  useEffect(() => {
    const offChanged = onHostEvent('project:changed', () => store.invalidate(''));
    const offMenu = onHostEvent('app:menu:action', (action) => {
      if (action.kind === 'import' || action.kind === 'export') {
        const section = action.kind;
        setReveal((current) => ({ ...current, [section]: current[section] + 1 }));
      }
    });
    return () => {
      offChanged();
      offMenu();
    };
  }, [store]);

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
    api['settings:get']({}).then(
      (loaded) => {
        setSettings(loaded);
        setAnalysis({ radiusM: loaded.radiusM, kinds: loaded.kinds });
        void switchLanguage(resolveLanguage(loaded.language));
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

  const changeLanguage = useCallback(
    (language: Settings['language']) => {
      void switchLanguage(resolveLanguage(language));
      setSettings((current) => ({ ...current, language }));
      saveSettings({ language }).catch(() => undefined);
    },
    [saveSettings],
  );

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
        <Header language={settings.language} onLanguage={changeLanguage} />
        <ErrorNotice error={settingsError} testId="settings-error" />
        <ExternalChangeNotice change={externalChange} onDismiss={() => setExternalChange(null)} />
        <ProjectPanel project={project} />
        {info && (
          <>
            <FindBox project={info} />
            <ScenarioPanel />
            <ProposalPanel />
            <AnalysisControls value={analysis} running={coverage.loading} onRun={runAnalysis} />
            <CoveragePanel coverage={coverage} />
            <AnalysisWorkbench info={info} controller={mapController} kinds={analysis.kinds} />
            <ReviewPanel info={info} settings={settings} onSave={saveSettings} controller={mapController} />
            <PrintPanel info={info} kinds={analysis.kinds} basemapUrl={settings.basemapUrl} />
            <LayersPanel project={info} />
            <FacilityList count={info.counts.facilities ?? 0} controller={mapController} />
            <ImportPanel reveal={reveal.import} />
            <ExportPanel reveal={reveal.export} />
          </>
        )}
        <ProjectActions />
        <SettingsPanel settings={settings} onSave={saveSettings} />
      </aside>
      <MapView project={info} coverage={coverage.data ?? null} analysis={analysis} basemapUrl={settings.basemapUrl} onController={setMapController} />
      {info && <WorkspaceMapBinding project={info} />}
    </div>
    </WorkspaceProvider>
  );
}
