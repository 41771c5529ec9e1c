import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { ThemePreference } from './core/theme-preference.service';

/** The shell: pages come from the router. */
@Component({
  selector: 'sss-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet],
  template: `<router-outlet />`,
})
export class AppComponent {
  constructor() {
    inject(ThemePreference); // applies the saved theme before the first page renders
  }
}
