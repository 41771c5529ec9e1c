// Node entry point (`@sss/contracts`): everything, including the class-validator DTOs.
export * from './constants';
export * from './server-info.dto';
export * from './parse-server-info';
export * from './example-server-info';
