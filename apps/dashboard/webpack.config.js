// Nest's webpack build, plus the storage worker thread as a second bundle beside main.js
// (platform/storage/storage-worker.ts; started with `new Worker(<dir of main.js>/storage-worker.js)`).
const { dirname, join } = require('node:path');

module.exports = (options) => ({
  ...options,
  entry: { main: options.entry, 'storage-worker': join(__dirname, 'src/platform/storage/storage-worker.ts') },
  // Nest names the output `<app dir>/main.js` under dist/: keep the directory, name each bundle after its entry.
  output: { ...options.output, filename: join(dirname(options.output.filename), '[name].js') },
});
