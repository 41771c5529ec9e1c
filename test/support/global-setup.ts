const { ensureBuilt } = require('../../scripts/ensure-built') as { ensureBuilt: (apps?: string[]) => void };

/** Cross-process tests run the production builds: rebuild whatever is stale first. */
export default function globalSetup(): void {
  ensureBuilt();
}
