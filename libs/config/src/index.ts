export * from './cli-info';
export * from './closest-key';
export * from './config-error';
export * from './config-reader';
export * from './env-overrides';
export * from './secret-source';
export * from './version';
export * from './yaml-file';
