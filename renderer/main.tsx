/**
 * Entry point: connects to the host, reads the settings (for the language), sets up i18n and
 * renders the app. MapLibre's worker comes from a bundled file (no CDN, works offline).
 */
import 'maplibre-gl/dist/maplibre-gl.css';
import './styles/app.css';
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { DEFAULT_SETTINGS, type Settings } from '../shared/ipc/contract';
import { connectApi } from './api/client';
import { App } from './components/App';
import { initI18n, resolveLanguage } from './i18n/i18n';
import { ServicesProvider } from './state/app_context';
import { QueryStore } from './state/query_store';

maplibregl.setWorkerUrl(workerUrl);

async function start(): Promise<void> {
  const api = connectApi();
  let settings: Settings = DEFAULT_SETTINGS;
  let startupError: unknown = null;
  try {
    settings = await api['settings:get']({});
  } catch (error) {
    // Shown in the panel; the app still starts so the user sees what to do.
    startupError = error;
  }
  await initI18n(resolveLanguage(settings.language));
  const container = document.getElementById('root');
  if (!container) throw new Error('index.html has no #root element');
  createRoot(container).render(
    <StrictMode>
      <ServicesProvider services={{ api, store: new QueryStore() }}>
        <App initialSettings={settings} startupError={startupError} />
      </ServicesProvider>
    </StrictMode>,
  );
}

void start();
