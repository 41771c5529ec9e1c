import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ChildApp, cleanEnv } from './child-app';
import { notWitnessed } from './leak-witness';

/** Claims of the provider's users, by login. */
export type ProviderAccounts = Record<string, Record<string, unknown>>;

/** What the token endpoint answers instead of redeeming the code. */
export interface TokenAnswer {
  status: number;
  contentType: string;
  body: string;
}

/** A real OpenID Connect provider (test/support/oidc-provider.mjs) on a free loopback port. */
export class OidcProviderProcess extends ChildApp {
  issuer = '';

  static async start(): Promise<OidcProviderProcess> {
    const proc = spawn(process.execPath, [join(__dirname, 'oidc-provider.mjs')], { env: cleanEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    const provider = new OidcProviderProcess(proc, 'oidc-provider');
    provider.issuer = (await provider.waitForLog(/provider listening (\S+)/, 30_000))[1];
    notWitnessed(provider.issuer);
    return provider;
  }

  /** Registers the dashboard as its one client, with these users. */
  async configure(client: { clientId: string; clientSecret: string; redirectUri: string }, accounts: ProviderAccounts): Promise<void> {
    this.proc.stdin!.write(`${JSON.stringify({ ...client, accounts })}\n`);
    await this.waitForLog(/provider ready/, 30_000);
  }

  /** Replaces the users' claims (e.g. a user moved to another group). */
  async setAccounts(accounts: ProviderAccounts): Promise<void> {
    const before = this.countLog(/provider accounts updated/);
    this.proc.stdin!.write(`${JSON.stringify({ accounts })}\n`);
    await this.waitForLogCount(/provider accounts updated/, before + 1);
  }

  /** Makes the token endpoint answer `answer` to every request (null: redeem codes again). */
  async setTokenAnswer(answer: TokenAnswer | null): Promise<void> {
    const before = this.countLog(/provider token answer set/);
    this.proc.stdin!.write(`${JSON.stringify({ tokenAnswer: answer })}\n`);
    await this.waitForLogCount(/provider token answer set/, before + 1);
  }
}
