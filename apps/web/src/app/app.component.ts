import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { AdminPageComponent } from './admin/admin-page.component';
import { BoardComponent } from './board/board.component';
import { Navigation } from './core/navigation.service';
import { ThemePreference } from './core/theme-preference.service';
import { LoginPageComponent } from './login/login-page.component';
import { ServerDetailComponent } from './server-detail/server-detail.component';

/** The shell: the board, or a server's page, the login or the admin area loaded on demand (the board is what a wall screen opens). */
@Component({
  selector: 'sss-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AdminPageComponent, BoardComponent, LoginPageComponent, ServerDetailComponent],
  template: `
    @let page = navigation.page();
    @if (page.kind === 'detail') {
      @defer (on immediate) {
        <sss-server-detail [id]="page.id" [range]="page.range" />
      }
    } @else if (page.kind === 'login' || page.kind === 'setup') {
      @defer (on immediate) {
        <sss-login-page [mode]="page.kind" />
      }
    } @else if (page.kind === 'admin') {
      @defer (on immediate) {
        <sss-admin-page [section]="page.section" />
      }
    } @else {
      <sss-board />
    }
  `,
})
export class AppComponent {
  protected readonly navigation = inject(Navigation);

  constructor() {
    inject(ThemePreference); // applies the saved theme before the first page renders
  }
}
