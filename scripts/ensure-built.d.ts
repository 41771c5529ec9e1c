// Types for the TypeScript that imports ensure-built.js (tests, benches).
/** Rebuilds each of `apps` (default: all) whose sources are newer than its build output. */
export function ensureBuilt(apps?: Array<'dashboard' | 'agent' | 'web'>): void;
