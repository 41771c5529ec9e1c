// What other capabilities and the platform may use of enrollment.
export { EnrollmentModule } from './enrollment.module';
export { AgentEnrollment, type EnrollmentClaim, type EnrollmentOutcome } from './application/agent-enrollment';
export { EnrollmentStats } from './application/enrollment-stats';
