import { ChangeDetectionStrategy, Component } from '@angular/core';
import { DEFAULT_PORT } from '@sss/contracts/constants';

/** Skeleton shell; the live fleet board replaces it in the console issue. */
@Component({
  selector: 'sss-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<h1>SimpleServerStatus</h1>
    <p>The dashboard listens on port {{ port }}.</p>`,
})
export class AppComponent {
  protected readonly port = DEFAULT_PORT;
}
