import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Log } from '@sss/log';
import { LogLines } from '../../../test/agent/support/log-lines';
import { lookupPublicIp } from './ip-lookup';

describe('lookupPublicIp', () => {
  let server: Server;
  let answer = { status: 200, body: '203.0.113.7\n' };
  let url = '';
  const logs = new LogLines();
  const log = new Log('agent', { sink: logs });

  beforeAll(async () => {
    server = createServer((_, res) => res.writeHead(answer.status).end(answer.body));
    await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ip`;
  });
  afterAll(() => new Promise((res) => server.close(res)));

  it('returns the address the URL answers with', async () => {
    expect(await lookupPublicIp(url, log)).toBe('203.0.113.7');
  });

  it('gives undefined and a warning for an answer that is not an IP, an error status, or no server', async () => {
    answer = { status: 200, body: '<html>hello</html>' };
    expect(await lookupPublicIp(url, log)).toBeUndefined();
    answer = { status: 503, body: '203.0.113.7' };
    expect(await lookupPublicIp(url, log)).toBeUndefined();
    expect(await lookupPublicIp('http://127.0.0.1:1/ip', log)).toBeUndefined();
    expect(logs.text.match(/WARN .*ip lookup/g)).toHaveLength(3);
  });
});
