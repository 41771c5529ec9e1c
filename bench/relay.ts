/**
 * The bare relay baseline: authenticates agents by header, JSON.parses each
 * report and broadcasts its text to every frontend. No validation, no
 * registry, no Nest. Usage: relay.ts PORT SERVERS_JSON_FILE
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { WebSocket, WebSocketServer } from 'ws';
import { AUTH_SECRET_HEADER, FRONTEND_PATH, REPORT_PATH, SERVER_ID_HEADER } from '../libs/contracts/src/protocol';

const [port, serversFile] = process.argv.slice(2);
const secrets = new Map<string, string>(
  (JSON.parse(readFileSync(serversFile, 'utf8')) as { id: string; secret: string }[]).map((s) => [s.id, s.secret]),
);
const frontends = new Set<WebSocket>();
const agents = new WebSocketServer({ noServer: true });
const browsers = new WebSocketServer({ noServer: true });

agents.on('connection', (ws, req) => {
  const id = req.headers[SERVER_ID_HEADER] as string;
  if (secrets.get(id) !== req.headers[AUTH_SECRET_HEADER]) return ws.close(1008, 'authentication failed');
  ws.on('message', (data: Buffer) => {
    JSON.parse(data.toString());
    for (const f of frontends) f.send(data, { binary: false });
  });
});
browsers.on('connection', (ws) => {
  frontends.add(ws);
  ws.on('close', () => frontends.delete(ws));
});

const server = createServer((_, res) => res.end('relay'));
server.on('upgrade', (req, socket, head) => {
  const wss = req.url === REPORT_PATH ? agents : req.url === FRONTEND_PATH ? browsers : undefined;
  if (!wss) return socket.destroy();
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
});
server.listen(Number(port), '127.0.0.1', () => {
  const address = server.address();
  console.log(`relay listening port=${typeof address === 'object' && address ? address.port : port}`);
});
process.on('SIGTERM', () => process.exit(0));
