import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** What went wrong, in the API's words: its message and one line per invalid field. */
export interface Problem {
  message: string;
  details: readonly string[];
}

@Component({
  selector: 'sss-api-problem',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { role: 'alert', class: 'problem' },
  template: `
    <p>{{ problem().message }}</p>
    @if (problem().details.length) {
      <ul>
        @for (line of problem().details; track $index) {
          <li>{{ line }}</li>
        }
      </ul>
    }
  `,
  styles: `
    :host {
      display: block;
      margin: 0.5rem 0;
      padding: 0.5rem 0.75rem;
      border-left: 3px solid var(--crit);
      color: var(--crit-text);
      background: color-mix(in srgb, var(--crit) 8%, transparent);
    }
    p,
    ul {
      margin: 0;
    }
    ul {
      padding-left: 1.2rem;
    }
  `,
})
export class ApiProblemComponent {
  readonly problem = input.required<Problem>();
}
