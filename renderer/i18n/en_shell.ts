/**
 * English strings of the window's frame: the task tabs of the side panel, the getting-started card
 * of an empty project and the basemap chooser (Settings). Spread into en.ts; zh_shell.ts has the same keys.
 */
export const enShell = {
  shell: {
    tabsLabel: 'Tasks',
    tabs: { data: 'Data', analyse: 'Analyse', plan: 'Plan', review: 'Review', map: 'Map', project: 'Project' },
    start: {
      heading: 'Next steps',
      intro: 'An analysis needs a population grid and facilities. Each step is ticked once its data is in the project.',
      population: 'Import the population grid (older people per cell: GeoTIFF, CSV or GeoJSON)',
      facilities: 'Import the existing facilities (CSV with coordinates, GeoJSON or shapefile)',
      boundaries: 'Import boundaries (district, streets) to choose a study area — optional',
      analyse: 'Look at coverage and gaps',
      importAction: 'Import…',
      analyseAction: 'Open Analyse',
      done: 'done',
      todo: 'to do',
      sampleHint: 'To look around first, create a project from the Wuhan central-city sample (Project tab).',
    },
    basemap: {
      label: 'Basemap',
      presets: {
        none: 'None (offline)',
        tianditu: 'Tianditu (vector map with place names)',
        amap: 'AutoNavi (GCJ-02)',
        osm: 'OpenStreetMap',
        custom: 'Custom address (XYZ, WMTS tiles or MapLibre style)',
      },
      presetHints: {
        none: 'No remote tiles: the project layers on a plain background, with the roads layer as context when the project has one.',
        tianditu: 'The national map service (CGCS2000, drawn as WGS 84). Needs your own Tianditu key.',
        amap: 'AutoNavi tiles use GCJ-02: the project layers are drawn shifted to line up with them; data and exports stay WGS 84.',
        osm: 'The OpenStreetMap standard map (WGS 84). Fair use: for viewing, not bulk downloading.',
        custom: 'An https address with {z}/{x}/{y} (XYZ or a WMTS in web Mercator), or a MapLibre style URL.',
      },
      tiandituKey: 'Tianditu key',
      tiandituKeyHint: 'Your key from the Tianditu console (a browser-side key). Kept in your user settings on this computer for every project, never in the project file.',
      tiandituKeyMissing: 'Tianditu needs your key: enter it above.',
      tiandituKeyInvalid: 'A Tianditu key has only letters and digits.',
      attribution: { tianditu: '© 天地图 Tianditu', amap: '© 高德地图 AutoNavi', osm: '© OpenStreetMap contributors' },
      tilesFailing: 'The basemap tiles cannot be loaded (offline, or the server refuses them): the map shows the project layers only.',
      tilesFailingRoads: 'The basemap tiles cannot be loaded (offline, or the server refuses them): the project’s roads are drawn as context.',
    },
  },
};
