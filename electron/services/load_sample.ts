/**
 * Built-in sample projects, made from the real data in data/samples (see data/README.md).
 */
import { join } from 'node:path';
import type { SampleName } from '../../shared/ipc/contract';
import { appRoot } from './app_paths';
import { importLayer } from './import/import_into_project';
import type { ProjectStore } from './store/project_store';

const WORLDPOP_ATTRIBUTION =
  'Population: WorldPop (www.worldpop.org), Global 2000-2020 age and sex structures, 100 m, CC BY 4.0; Wuhan extraction by Worobey et al. 2022 (CC0)';
const OSM_ATTRIBUTION = 'Boundary © OpenStreetMap contributors, ODbL 1.0';

/** Fills an empty project with a sample's layers, in the store's transactions. */
export async function loadSample(store: ProjectStore, sample: SampleName): Promise<void> {
  switch (sample) {
    case 'wuhan-core': {
      const folder = join(appRoot(), 'data', 'samples', 'wuhan-core');
      // The population import writes the population note (total ← pop20plus: this WorldPop source has
      // no 0-19 bands, so the total is adults 20+, see data/README.md).
      await importLayer(store, 'population', { path: join(folder, 'wuhan_core_grid_100m.csv') }, {
        map: { cell_id: 'cell_id', population: 'pop20plus', elderly: 'pop60plus', age65: 'pop65plus', age80: 'pop80plus' },
        replace: true,
      });
      await importLayer(store, 'boundaries', { path: join(folder, 'wuhan_boundary_osm.geojson') }, {
        map: { name: 'name' },
        replace: true,
      });
      store.setSetting('sample', sample);
      store.setSetting('attributions', [WORLDPOP_ATTRIBUTION, OSM_ATTRIBUTION]);
      return;
    }
  }
}
