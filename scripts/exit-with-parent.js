// Stops this process once its parent is gone, by sending it SIGTERM so its own graceful shutdown runs.
// `npm start` loads it in itself and (with --require) in the dashboard and the agent it runs, because a
// parent can go without passing anything on: `kill <npm pid>` makes npm forward SIGTERM to its `sh -c`,
// which dies of it and leaves `node scripts/start.js` running; a SIGKILLed start.js leaves its children.
// Node has no parent-death signal, so it polls: a process whose parent died is re-parented (new ppid).
'use strict';

const parent = process.ppid;
const watch = setInterval(() => {
  if (process.ppid === parent) return;
  clearInterval(watch);
  process.kill(process.pid, 'SIGTERM');
}, 500);
watch.unref(); // never what keeps a process alive
