import {
  type ApplicationConfig,
  inject,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { routes } from './app.routes';
import { FleetConnection } from './core/fleet-connection.service';

export const appConfig: ApplicationConfig = {
  providers: [
    provideZonelessChangeDetection(),
    provideBrowserGlobalErrorListeners(),
    provideRouter(routes, withComponentInputBinding()),
    // The first render waits (briefly) for the fleet's snapshot: see FleetConnection.firstSnapshot.
    provideAppInitializer(() => inject(FleetConnection).firstSnapshot),
  ],
};
