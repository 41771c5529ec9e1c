// Browser entry point (`@sss/contracts/constants`): types and constants only,
// so class-validator never reaches the browser bundle.
export * from './protocol';
export * from './server-info';
export * from './history-api';
export * from './auth-api';
export * from './admin-api';
export * from './report-readings';
export * from './traffic-api';
export * from './admin-servers-api';
export * from './admin-enrollment-api';
