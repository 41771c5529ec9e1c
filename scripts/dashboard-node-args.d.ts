// Types for the TypeScript that imports dashboard-node-args.js (tests, benches).
/** The Node flags the dashboard runs with wherever this project starts it. */
export const DASHBOARD_NODE_ARGS: string[];
