import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PANEL_TABS, type PanelTab } from './panel_tabs';

/**
 * The side panel's task tabs (WAI-ARIA tabs pattern, automatic activation): arrow keys move between
 * tabs, Home/End go to the first and last; only the selected tab is in the Tab order. Every panel
 * stays mounted (hidden when its tab is not selected) so that its state survives a tab switch.
 */
export function PanelTabs({ selected, onSelect, panels }: { selected: PanelTab; onSelect: (tab: PanelTab) => void; panels: Record<PanelTab, ReactNode> }) {
  const { t } = useTranslation();
  const buttons = useRef(new Map<PanelTab, HTMLButtonElement>());
  const move = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = PANEL_TABS.indexOf(selected);
    const target =
      event.key === 'ArrowRight' ? PANEL_TABS[(index + 1) % PANEL_TABS.length]
      : event.key === 'ArrowLeft' ? PANEL_TABS[(index - 1 + PANEL_TABS.length) % PANEL_TABS.length]
      : event.key === 'Home' ? PANEL_TABS[0]
      : event.key === 'End' ? PANEL_TABS[PANEL_TABS.length - 1]
      : null;
    if (!target) return;
    event.preventDefault();
    onSelect(target);
    buttons.current.get(target)?.focus();
  };
  return (
    <>
      <div className="panel-tabs" role="tablist" aria-label={t('shell.tabsLabel')} onKeyDown={move} data-testid="panel-tabs">
        {PANEL_TABS.map((tab) => (
          <button
            key={tab}
            ref={(element) => {
              if (element) buttons.current.set(tab, element);
              else buttons.current.delete(tab);
            }}
            type="button"
            role="tab"
            id={`panel-tab-${tab}`}
            aria-selected={tab === selected}
            aria-controls={`panel-tabpanel-${tab}`}
            tabIndex={tab === selected ? 0 : -1}
            className={tab === selected ? 'panel-tab panel-tab-selected' : 'panel-tab'}
            data-testid={`tab-${tab}`}
            onClick={() => onSelect(tab)}
          >
            {t(`shell.tabs.${tab}`)}
          </button>
        ))}
      </div>
      {PANEL_TABS.map((tab) => (
        <div
          key={tab}
          role="tabpanel"
          id={`panel-tabpanel-${tab}`}
          aria-labelledby={`panel-tab-${tab}`}
          hidden={tab !== selected}
          className="panel-tabpanel"
          data-testid={`tabpanel-${tab}`}
        >
          {panels[tab]}
        </div>
      ))}
    </>
  );
}
