/**
 * The task tabs of the side panel, in workflow order, and the one chosen in this window (kept in
 * sessionStorage: a reload keeps it, another window starts from the default).
 */
import { useCallback, useState } from 'react';

export const PANEL_TABS = ['data', 'analyse', 'plan', 'review', 'map', 'project'] as const;
export type PanelTab = (typeof PANEL_TABS)[number];

const STORAGE_KEY = 'siting.panelTab';

function storedTab(): PanelTab | null {
  try {
    const value = sessionStorage.getItem(STORAGE_KEY);
    return (PANEL_TABS as readonly string[]).includes(value ?? '') ? (value as PanelTab) : null;
  } catch {
    return null;
  }
}

/**
 * The chosen tab; until the user chooses one, `fallback` (Data for a project without data,
 * Analyse otherwise).
 */
export function usePanelTab(fallback: PanelTab): [PanelTab, (tab: PanelTab) => void] {
  const [chosen, setChosen] = useState<PanelTab | null>(storedTab);
  const choose = useCallback((tab: PanelTab) => {
    setChosen(tab);
    try {
      sessionStorage.setItem(STORAGE_KEY, tab);
    } catch {
      // Storage refused (private mode): the choice holds until the page reloads.
    }
  }, []);
  return [chosen ?? fallback, choose];
}
