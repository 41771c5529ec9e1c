// A real OpenID Connect provider (the oidc-provider package, ESM-only, so run
// as a child process rather than inside jest) for the OIDC login tests.
// It listens on a free loopback port at once and prints its issuer; the test
// then writes one JSON line to stdin: { clientId, clientSecret, redirectUri,
// accounts: { login: claims } }, known only once the dashboard listens, and
// waits for "provider ready". Each later line { accounts } replaces the
// accounts (a user's groups changing), and a line { tokenAnswer: { status,
// contentType, body } } makes the token endpoint answer that instead (a provider
// failing at the code exchange; { tokenAnswer: null } heals it). Its dev login
// form accepts any password.
import { createServer } from 'node:http';
import { createInterface } from 'node:readline';
import Provider from 'oidc-provider';

let handler = (_req, res) => res.writeHead(503).end('not configured yet');
let tokenAnswer = null;
const server = createServer((req, res) => {
  if (tokenAnswer && req.method === 'POST' && req.url.startsWith('/token')) {
    res.writeHead(tokenAnswer.status, { 'content-type': tokenAnswer.contentType }).end(tokenAnswer.body);
  } else {
    handler(req, res);
  }
});
server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  console.log(`provider listening ${issuer}`);
  let accounts = {};
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    const message = JSON.parse(line);
    if ('tokenAnswer' in message) {
      tokenAnswer = message.tokenAnswer;
      console.log('provider token answer set');
    } else {
      accounts = message.accounts;
      console.log('provider accounts updated');
    }
  });
  lines.once('line', (line) => {
    const { clientId, clientSecret, redirectUri } = JSON.parse(line);
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: clientId,
          client_secret: clientSecret,
          redirect_uris: [redirectUri],
          grant_types: ['authorization_code'],
          response_types: ['code'],
          token_endpoint_auth_method: 'client_secret_basic',
        },
      ],
      claims: { openid: ['sub'], profile: ['preferred_username', 'groups'], email: ['email'] },
      findAccount: (_ctx, id) => ({ accountId: id, claims: () => ({ sub: id, ...(accounts[id] ?? {}) }) }),
      cookies: { keys: ['oidc-test-cookie-key'] },
    });
    provider.on('server_error', (_ctx, err) => console.error(`provider error ${err.stack}`));
    handler = provider.callback();
    console.log('provider ready');
  });
});
