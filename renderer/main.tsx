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
import { DEFAULT_SETTINGS, DEFAULT_USER_PREFERENCES, type Settings, type UserPreferences } from '../shared/ipc/contract';
import { connectApi } from './api/client';
import { App } from './components/App';
import { initI18n, resolveLanguage } from './i18n/i18n';
import { ServicesProvider } from './state/app_context';
import { QueryStore } from './state/query_store';

maplibregl.setWorkerUrl(workerUrl);

async function start(): Promise<void> {
  const api = connectApi();
  let settings: Settings = DEFAULT_SETTINGS;
  let preferences: UserPreferences = DEFAULT_USER_PREFERENCES;
  let startupError: unknown = null;
  try {
    [settings, preferences] = await Promise.all([api['settings:get']({}), api['app:preferences:get']({})]);
  } catch (error) {
    // Shown in the panel; the app still starts so the user sees what to do.
    startupError = error;
  }
  // The language is the user's preference, whatever the project says (its setting is the CLI's).
  await initI18n(resolveLanguage(preferences.language));
  const container = document.getElementById('root');
  if (!container) throw new Error('index.html has no #root element');
  createRoot(container).render(
    <StrictMode>
      <ServicesProvider services={{ api, store: new QueryStore() }}>
        <App initialSettings={settings} initialPreferences={preferences} startupError={startupError} />
      </ServicesProvider>
    </StrictMode>,
  );
}

void start();
