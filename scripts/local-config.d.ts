// Types for the TypeScript that imports local-config.js (tests).
/** The local dashboard and agent config files in `dir`, both written when neither exists; never overwritten. */
export function ensureLocalConfig(dir: string): { dashboard: string; agent: string; created: boolean; missing?: string; warning?: string };
