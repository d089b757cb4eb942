/** Opens a project for one CLI command and always closes it. */
import { ProjectStore } from '../services/store/project_store';

export async function withProject<T>(path: string, fn: (store: ProjectStore) => Promise<T> | T): Promise<T> {
  const store = ProjectStore.open(path);
  try {
    return await fn(store);
  } finally {
    store.close();
  }
}
