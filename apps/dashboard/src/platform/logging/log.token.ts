/** Injection token for the process's root `Log` (from @sss/log). */
export const LOG = Symbol('Log');
