/**
 * English texts of the GeoTIFF population import's raster fields step (RasterFieldsStep.tsx) and of
 * the population note (PopulationNote.tsx); spread into en.ts. Counts are named with the import
 * dialog's field names (import.fieldNames).
 */
export const enRaster = {
  rasterFields: {
    heading: 'Files and bands per count',
    intro:
      'Tick the files (or bands) whose values are added up into each count, cell by cell. All files must lie on the same grid. A count with nothing ticked is not imported.',
    suggested: 'Suggested from the file names (WorldPop age and sex groups, “60plus” …); change the ticks as needed.',
    waiting: 'The bands of each file are listed once the files have been read.',
    source: 'File',
    band: 'band {{band}}',
    ticked: '{{count, number}} ticked',
    notImported: 'not imported',
    suggest: 'Suggest again',
  },
  populationNote: {
    heading: 'Population grid',
    /** One line per import whose cells the layer holds. */
    imported: '{{date}}: {{cells, number}} cells from {{files}} ({{format}}, {{crs}})',
    appended: '{{date}}: {{cells, number}} cells appended from {{files}} ({{format}}, {{crs}})',
    field: '{{total, number}} persons in {{cells, number}} cells ← {{sources}}',
    notImported: 'not imported',
    /** Many sources: the first and last, and how many there are. */
    manySources: '{{first}} … {{last}} ({{count, number}} in all)',
    labelSeparator: ': ',
    listSeparator: ', ',
  },
};

/** Texts of the raster import's error reasons (shared/errors.ts), spread into errors.known. */
export const enRasterErrors = {
  raster_grid_mismatch:
    'The grid of {{file}} differs from that of {{other}} (size, origin, cell size or coordinate system), so their cells cannot be added up. Nothing was imported. Resample the rasters onto one grid first, or import them separately.',
  raster_count_unknown:
    'The names of the {{count, number}} rasters do not say which count they add up to. Tick a count for each file under “Files and bands per count”.',
  raster_band_missing: '{{file}} has {{bands, number}} band(s) only. Choose among its bands.',
  raster_file_unknown: 'A count takes {{file}}, which is not among the chosen files. Choose the files again.',
  raster_file_unused: '{{file}} is not added to any count. Tick a count for it, or choose the files again without it.',
};
