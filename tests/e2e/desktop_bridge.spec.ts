/**
 * The renderer's Electron path, exercised in Chromium: a `window.siting` bridge with the preload's
 * shape (invoke + on) carries the calls to the real local host, and the test plays the part of the
 * desktop menu by emitting host events.
 */
import { join } from 'node:path';
import { expect, test, waitForCoverage, waitForMap } from './fixtures';
import { openTab } from './tabs';

declare global {
  interface Window {
    __emitHostEvent?: (name: string, payload: unknown) => void;
    siting?: { invoke(channel: string, input: unknown): Promise<unknown> };
  }
}

/** Same surface as electron/preload/preload.ts; transport = the local host's HTTP API. */
function installBridge(): void {
  const token = new URL(location.href).searchParams.get('token') ?? '';
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  Object.defineProperty(window, 'siting', {
    value: {
      invoke: async (channel: string, input: unknown) => {
        const response = await fetch(`/api/${channel}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify(input),
        });
        return response.json();
      },
      on: (name: string, listener: (payload: unknown) => void) => {
        const set = listeners.get(name) ?? new Set();
        set.add(listener);
        listeners.set(name, set);
        return () => set.delete(listener);
      },
    },
  });
  window.__emitHostEvent = (name, payload) => listeners.get(name)?.forEach((listener) => listener(payload));
}

test('through the preload bridge: calls reach the host, menu events open panels and reload the project', async ({ page, server, workDir }) => {
  await page.addInitScript(installBridge);
  await page.goto(server.url);
  await waitForMap(page);
  await waitForCoverage(page);
  await openTab(page, 'analyse');
  await expect(page.getByTestId('coverage-elderly-total')).toHaveText('of 518,264');

  // Menu "Export…": the export panel opens and takes the focus.
  await openTab(page, 'data');
  await expect(page.getByTestId('export-layer')).toBeHidden();
  await page.evaluate(() => window.__emitHostEvent?.('app:menu:action', { kind: 'export' }));
  await expect(page.getByTestId('export-layer')).toBeVisible();
  await expect(page.getByTestId('export-layer')).toBeFocused();
  // A payload that does not match the contract is dropped.
  await page.evaluate(() => window.__emitHostEvent?.('app:menu:action', { kind: 'format-disk' }));

  // Main switched the project (menu "Save As…"): the renderer reloads everything on project:changed.
  // Inside the browser host's projects folder (the config folder's, set by the fixture).
  const copyPath = join(workDir, 'config', 'projects', 'menu-copy.gpkg');
  const info = await page.evaluate(
    (path) => window.siting?.invoke('project:save-as', { path }) as Promise<{ ok: boolean; value: unknown }>,
    copyPath,
  );
  expect(info.ok).toBe(true);
  await page.evaluate((value) => window.__emitHostEvent?.('project:changed', value), info.value);
  await expect(page.getByTestId('project-path')).toHaveText(copyPath);
  await waitForCoverage(page);
  await openTab(page, 'analyse');
  await expect(page.getByTestId('coverage-elderly-total')).toHaveText('of 518,264');
});
