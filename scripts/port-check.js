// Whether the dashboard will be able to listen, asked before anything starts: a second `npm start` must
// leave a running one alone instead of starting an agent that takes over its connection.
'use strict';
const { createServer } = require('node:net');

/**
 * Listens on host:port for a moment, as the dashboard is about to.
 * @returns {Promise<string | undefined>} one line saying why it cannot, or undefined when it can
 */
function whyPortIsUnusable(host, port) {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', (err) =>
      resolve(
        err.code === 'EADDRINUSE'
          ? `sss: port ${port} is in use: something already listens there (another npm start?); ` +
              `stop it, or pick another port: SSS_PORT=${port + 1} npm start`
          : `sss: cannot listen on ${host} port ${port} (${err.code ?? err.message}); pick another port with SSS_PORT or host with SSS_HOST`,
      ),
    );
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve(undefined)));
  });
}

module.exports = { whyPortIsUnusable };
