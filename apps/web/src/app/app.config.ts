import {
  type ApplicationConfig,
  inject,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import { FleetConnection } from './core/fleet-connection.service';

export const appConfig: ApplicationConfig = {
  providers: [
    provideZonelessChangeDetection(),
    provideBrowserGlobalErrorListeners(),
    // The first render waits (briefly) for the fleet's snapshot: see FleetConnection.firstSnapshot.
    provideAppInitializer(() => inject(FleetConnection).firstSnapshot),
  ],
};
