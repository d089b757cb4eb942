/**
 * User Timing measures (`siting:*`) around the renderer's expensive steps. They cost nothing when
 * unused, show in DevTools' performance panel, and the browser tests print them with data sizes.
 */
export function timed<T>(name: string, work: () => T): T {
  const start = performance.now();
  try {
    return work();
  } finally {
    performance.measure(name, { start, end: performance.now() });
  }
}

export async function timedAsync<T>(name: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    performance.measure(name, { start, end: performance.now() });
  }
}
