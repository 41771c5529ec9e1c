import { version } from '../../../package.json';

/** The project's version, from the root package.json (bundled into each build, so it holds wherever the app runs). */
export const VERSION: string = version;
