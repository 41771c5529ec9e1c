export * from './log';
export * from './rate-limiter';
