/** Set by main.ts once the port is listening; cleared when shutdown starts. */
export class Readiness {
  ready = false;
}
