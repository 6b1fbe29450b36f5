import { ensurePreferenceCenterBuilt } from '../../scripts/build-web.js';

/** Vitest global setup: the browser and bundle tests need a preference-center build that matches the sources. */
export default async function buildPreferenceCenterWhenStale(): Promise<void> {
  const started = Date.now();
  if (await ensurePreferenceCenterBuilt()) console.log(`[setup] built the preference center in ${Date.now() - started} ms`);
}
