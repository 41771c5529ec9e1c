import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ChildApp, cleanEnv } from '../../support/child-app';
import { ROOT } from '../../support/dashboard-process';

export const AGENT_MAIN = join(ROOT, 'dist/apps/agent/main.js');

/** The built agent as a child process, its output collected for assertions. */
export class AgentProcess extends ChildApp {
  /**
   * Runs the agent (the build's main.js, unless `main`) with `args` (in the repository, unless `cwd`);
   * the environment has no SSS_* variables besides `env`.
   */
  static start(args: string[], env: NodeJS.ProcessEnv = {}, cwd = ROOT, main = AGENT_MAIN): AgentProcess {
    const proc = spawn(process.execPath, [main, ...args], {
      cwd,
      env: { ...cleanEnv(), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new AgentProcess(proc, 'agent');
  }
}
