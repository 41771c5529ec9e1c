import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Log } from '@sss/log';
import type { AddressInfo } from 'node:net';
import { LOG } from '../../../../platform/logging/log.token';
import { Accounts } from '../../../application/accounts';

/**
 * With no admin yet, prints the one-time link that creates the first one,
 * once the dashboard listens (so the link has the real port). The token is
 * in the fragment: browsers never send it, so no proxy or access log keeps it.
 */
@Injectable()
export class SetupLink implements OnApplicationBootstrap {
  constructor(
    private readonly accounts: Accounts,
    private readonly http: HttpAdapterHost,
    @Inject(LOG) private readonly log: Log,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const token = await this.accounts.openSetup().catch((err: Error) => {
      this.log.warn('cannot tell whether an admin exists (storage unavailable); no setup link', { error: err.message });
      return undefined;
    });
    if (!token) return;
    const server = this.http.httpAdapter.getHttpServer() as import('node:http').Server;
    server.once('listening', () => {
      const { address, port } = server.address() as AddressInfo;
      const host = address === '0.0.0.0' || address === '::' ? 'localhost' : address.includes(':') ? `[${address}]` : address;
      this.log.info(`no admin account yet: create one at http://${host}:${port}/setup#${token} (the link works once)`);
    });
  }
}
