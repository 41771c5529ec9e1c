// Types for the TypeScript that imports ensure-chromium.js (the e2e global setup, the browser tests).
/** The path of a Chromium to launch; throws a one-line error when there is none and it cannot be installed. */
export function ensureChromium(env?: NodeJS.ProcessEnv): string;
/** ensureChromium(), or its one line on stderr and exit code 1. */
export function ensureChromiumOrExit(): string;
