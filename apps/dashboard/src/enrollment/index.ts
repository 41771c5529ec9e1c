// What other capabilities and the platform may use of enrollment.
export { EnrollmentModule } from './enrollment.module';
export { AgentEnrollment, type EnrollmentClaim, type EnrollmentOutcome } from './application/agent-enrollment';
export {
  ENROLLMENT_OUTCOMES,
  ENROLLMENT_WAYS,
  EnrollmentStats,
  type EnrollmentStatsSnapshot,
} from './application/enrollment-stats';
