export * from './config-error';
export * from './config-reader';
export * from './env-overrides';
export * from './secret-source';
export * from './yaml-file';
