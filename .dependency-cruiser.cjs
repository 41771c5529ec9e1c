// The layering rules of docs/architecture.md, checked on every `npm run lint`.
// Paths are relative to the directory depcruise runs in (the repository root).
// Capability rules are written over any folder `apps/dashboard/src/<cap>/` other than
// `platform/`, with `$1` standing for the capability the importing file sits in, so a new
// capability is covered without editing this file.

const SRC = '^apps/dashboard/src/';
// Any folder directly under src/ except platform/ is a capability; group 1 is its name.
const CAPABILITY = `${SRC}(?!platform/)([^/]+)/`;
// Unit tests sit beside the code and may wire real adapters into what they test.
const SPEC = '\\.spec\\.ts$';
// A package as resolved (`node_modules/` may sit behind a symlink, so the path is not anchored).
const pkg = (names) => `(^|/)node_modules/(${names})/`;
// Node's own modules when written without the `node:` prefix are resolved as "core" too; both fail the allow-lists below.

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-imports-only-rxjs-and-contracts',
      comment:
        'A domain is plain TypeScript: it imports rxjs, @sss/contracts and its own domain files, nothing else (no Nest, ws, Node built-ins or drivers).',
      severity: 'error',
      from: { path: `${CAPABILITY}domain/`, pathNot: SPEC },
      to: { pathNot: [`${SRC}$1/domain/`, '^libs/contracts/', pkg('rxjs')] },
    },
    {
      name: 'application-imports-only-domain-ports-and-public-apis',
      comment:
        "Use cases import their own domain and application, @sss/contracts, @sss/log, rxjs and other capabilities' index.ts; never adapters, platform, Nest, ws, Node built-ins or drivers.",
      severity: 'error',
      from: { path: `${CAPABILITY}application/`, pathNot: SPEC },
      to: {
        pathNot: [`${SRC}$1/(domain|application)/`, `${SRC}(?!platform/|$1/)[^/]+/index\\.ts$`, '^libs/(contracts|log)/', pkg('rxjs')],
      },
    },
    {
      name: 'inbound-adapters-not-to-outbound',
      comment: 'Inbound adapters reach outbound ones only through use cases and ports.',
      severity: 'error',
      from: { path: `${SRC}[^/]+/adapters/inbound/`, pathNot: SPEC },
      to: { path: `${SRC}[^/]+/adapters/outbound/` },
    },
    {
      name: 'outbound-adapters-not-to-inbound',
      comment: 'Outbound adapters implement ports; they never call into sockets, requests or timers.',
      severity: 'error',
      from: { path: `${SRC}[^/]+/adapters/outbound/`, pathNot: SPEC },
      to: { path: `${SRC}[^/]+/adapters/inbound/` },
    },
    {
      name: 'capability-only-through-index',
      comment: "One capability imports another only through that capability's public index.ts.",
      severity: 'error',
      from: { path: CAPABILITY, pathNot: SPEC },
      to: { path: `${SRC}(?!platform/|$1/)[^/]+/`, pathNot: `${SRC}[^/]+/index\\.ts$` },
    },
    {
      name: 'contracts-import-nothing-app-specific',
      comment:
        'libs/contracts is shared by every app and the browser: it imports only itself, class-validator, class-transformer and reflect-metadata.',
      severity: 'error',
      from: { path: '^libs/contracts/', pathNot: SPEC },
      to: { pathNot: ['^libs/contracts/', pkg('class-validator|class-transformer|reflect-metadata')] },
    },
    {
      name: 'console-contracts-constants-only',
      comment: 'The console imports @sss/contracts/constants (types and constants), never the validating @sss/contracts entry point.',
      severity: 'error',
      from: { path: '^apps/web/' },
      to: { path: '^libs/contracts/', pathNot: '^libs/contracts/src/constants\\.ts$' },
    },
    {
      name: 'console-never-reaches-class-validator',
      comment: 'class-validator and class-transformer must not reach the browser bundle, directly or through another module.',
      severity: 'error',
      from: { path: '^apps/web/' },
      to: { path: pkg('class-validator|class-transformer'), reachable: true },
    },
    {
      name: 'agent-without-nest',
      comment: 'The agent stays small and flat: no Nest.',
      severity: 'error',
      from: { path: '^apps/agent/' },
      to: { path: pkg('@nestjs/[^/]+') },
    },
    {
      name: 'apps-independent',
      comment: 'An app never imports another app; what they share lives in libs/.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/(?!$1/)' },
    },
    {
      name: 'no-circular',
      comment: 'Circular imports hide the layering and break module initialisation order.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|fixtures)/' },
    // Type-only imports count: a domain that imports a Nest type still depends on Nest.
    tsPreCompilationDeps: true,
    // Resolves the @sss/* aliases.
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
