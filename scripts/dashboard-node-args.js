'use strict';
/**
 * The Node flags the dashboard runs with wherever this project starts it: `npm start`,
 * `npm run dashboard` and `npm run bench:history` (package.json repeats them), the benchmark
 * and the e2e tests.
 *
 * --single-threaded-gc: the dashboard is one event loop, usually given about one
 * core (a container's CPU limit, or the benchmark's pinning). V8 sizes its garbage
 * collector's helper threads by the host's CPUs; on one core they take turns with
 * the event loop, which then stands still during each major collection at
 * thousands of agents. Collecting on the main thread, in small steps, keeps the
 * latency tail short (figures: README "The dashboard's Node flags").
 */
exports.DASHBOARD_NODE_ARGS = ['--single-threaded-gc'];
