// Types for the TypeScript that imports ensure-kubectl.js (the manifest tests).
/** The kubectl to render deploy/k8s with; throws a one-line error when there is none with kustomize v4+. */
export function ensureKubectl(env?: NodeJS.ProcessEnv): string;
