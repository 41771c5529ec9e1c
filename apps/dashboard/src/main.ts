import 'reflect-metadata';
import { Log } from '@sss/log';
import { AppModule } from './app.module';
import { runDashboard } from './platform/bootstrap';

runDashboard((config, log) => AppModule.register(config, log)).catch((err: unknown) => {
  new Log('dashboard').error('failed to start', { error: String((err as Error)?.stack ?? err) });
  process.exit(1);
});
