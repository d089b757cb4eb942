/**
 * English strings of the wide per-area table (renderer/components/analysis/AreaTableDialog.tsx):
 * sorting, filtering, the urban/rural flag set per area, undo, CSV/XLSX export (spread into en.ts;
 * zh_area_table.ts has the same keys, checked by its type).
 */
export const enAreaTable = {
  areaTable: {
    open: 'Open as a wide table',
    openHint: 'Sort, filter, set urban or rural, export CSV or Excel.',
    heading: 'Coverage by area',
    targetSource: 'Targets: share of areas with a facility inside, as the preset {{preset}} states for each group (urban/rural apart).',
    close: 'Close',
    level: 'Level',
    allLevels: 'All levels',
    find: 'Find an area',
    shown_one: '{{count, number}} area shown of {{total, number}}.',
    shown_other: '{{count, number}} areas shown of {{total, number}}.',
    sortHint: 'Click a column heading to sort; click again to reverse.',
    sortedAscending: 'sorted ascending',
    sortedDescending: 'sorted descending',
    urbanNotSet: 'not set',
    urbanOf: 'Urban or rural: {{name}}',
    urbanMissing_one: '{{count, number}} area has no urban/rural flag in the boundaries layer. Set it in the Urban / rural column: it is saved in the project, and the urban and rural targets of the rule preset (here and in the district check under Review) use it.',
    urbanMissing_other: '{{count, number}} areas have no urban/rural flag in the boundaries layer. Set it in the Urban / rural column: it is saved in the project, and the urban and rural targets of the rule preset (here and in the district check under Review) use it.',
    bulk: 'Areas shown without a flag:',
    bulkUrban: 'Mark urban',
    bulkRural: 'Mark rural',
    undo: 'Undo',
    redo: 'Redo',
    changed_one: 'Saved: {{count, number}} area is now {{urban}}.',
    changed_other: 'Saved: {{count, number}} areas are now {{urban}}.',
    undone: 'Undone.',
    redone: 'Redone.',
    exportCsv: 'Export CSV',
    exportXlsx: 'Export Excel (XLSX)',
    exportSaved_one: 'Saved {{count, number}} row to {{path}}.',
    exportSaved_other: 'Saved {{count, number}} rows to {{path}}.',
    exportDownloaded_one: 'Downloaded {{name}} ({{count, number}} row).',
    exportDownloaded_other: 'Downloaded {{name}} ({{count, number}} rows).',
    exportNote: 'The export holds the rows shown, in the order shown; shares as fractions (Excel: percentages).',
    fileName: 'coverage_by_area',
    summaryHeading: 'By level and urban/rural',
    group: 'Group',
    areas: 'Areas',
    withFacility: 'With a facility inside',
    target: 'Target (preset)',
    served: 'Served ({{threshold}})',
    noTarget: 'The preset {{preset}} states no coverage target for these groups.',
  },
};

export type AreaTableMessages = typeof enAreaTable;
