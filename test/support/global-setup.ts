import { ensureBuilt } from '../../scripts/ensure-built';
import { ensureChromiumOrExit } from '../../scripts/ensure-chromium';

/**
 * Cross-process tests run the production builds and a real Chromium: get Chromium first (installing it when this
 * can, else stopping the run with one line that says what to run), then rebuild whatever is stale.
 */
export default function globalSetup(): void {
  ensureChromiumOrExit();
  ensureBuilt();
}
