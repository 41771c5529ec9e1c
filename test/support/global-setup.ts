import { ensureBuilt } from './ensure-built';

/** Cross-process tests run the production builds: rebuild whatever is stale first. */
export default function globalSetup(): void {
  ensureBuilt();
}
