import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  input,
  signal,
  untracked,
  ViewEncapsulation,
} from '@angular/core';
import type { SeriesUnit } from '@sss/contracts/constants';
import uPlot from 'uplot';
import { ThemePreference } from '../core/theme-preference.service';
import { formatBytes, formatSpeed } from '../format/bytes';
import { DETAIL_MESSAGES } from '../i18n/detail-messages';
import { I18n } from '../i18n/i18n.service';
import type { ChartData, ChartLine } from './history-chart-data';

const HEIGHT = 200;
/** Tick steps for bytes: 1, 2 and 5 (and 10, 20, 50...) of B, KB, MB... so the axis reads `4 GB`, not `4.7 GB`. */
const BYTE_STEPS = [0, 1, 2, 3, 4, 5].flatMap((power) => [1, 2, 5, 10, 20, 50, 100, 200, 500].map((n) => n * 1024 ** power));
/** Distinct on light and dark backgrounds alike; a series keeps its colour across ranges. */
const COLOURS = ['#3b82f6', '#f59e0b', '#10b981', '#ef4444', '#a855f7', '#06b6d4', '#ec4899', '#84cc16'];

/** A value in a series' unit, as the legend and the y axis show it. */
export function formatValue(value: number | null | undefined, unit: SeriesUnit): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  switch (unit) {
    case 'percent':
      return `${value.toFixed(1)}%`;
    case 'bytes':
      return formatBytes(value);
    case 'bytes/s':
      return formatSpeed(value);
    case 'celsius':
      return `${value.toFixed(1)} °C`;
    case 'load':
      return value.toFixed(2);
    case 'count':
      return String(Math.round(value));
  }
}

/**
 * One uPlot chart of a server's history, as wide as its container (phones
 * included) and redrawn in the page's theme. The legend under it shows the
 * values at the cursor with their units. uPlot and its stylesheet load with
 * the detail page only (this component's styles are global: uPlot builds its
 * DOM outside Angular).
 */
@Component({
  selector: 'sss-history-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  encapsulation: ViewEncapsulation.None,
  template: '',
  styleUrl: './history-chart.component.css',
})
export class HistoryChartComponent {
  readonly chart = input.required<ChartData>();
  /** The legend's name of each line. */
  readonly labels = input.required<string[]>();

  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
  private readonly theme = inject(ThemePreference).theme;
  private readonly lang = inject(I18n).lang;
  private readonly t = inject(I18n).translator(DETAIL_MESSAGES);
  private readonly systemDark = signal(false);
  private plot?: uPlot;
  /** What the current plot was built for; anything else than new data needs a new plot. */
  private builtFor = '';

  constructor() {
    const media = matchMedia('(prefers-color-scheme: dark)');
    this.systemDark.set(media.matches);
    const onMedia = (event: MediaQueryListEvent) => this.systemDark.set(event.matches);
    media.addEventListener('change', onMedia);
    // Only a new width resizes the plot, a frame later: resizing inside the callback changes the
    // host's height, which the browser would report as a ResizeObserver loop.
    let width = 0;
    let frame = 0;
    const resize = new ResizeObserver(() => {
      if (this.width() === width) return;
      width = this.width();
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => this.plot?.setSize({ width: this.width(), height: HEIGHT }));
    });
    resize.observe(this.host);
    inject(DestroyRef).onDestroy(() => {
      media.removeEventListener('change', onMedia);
      resize.disconnect();
      cancelAnimationFrame(frame);
      this.plot?.destroy();
    });
    // A view effect runs after the root ones, so ThemePreference has set data-theme and the colours read are the new ones.
    effect(() => {
      const chart = this.chart();
      const labels = this.labels();
      const key = [this.theme(), this.systemDark(), this.lang(), ...labels].join('\n');
      untracked(() => this.draw(chart, labels, key));
    });
  }

  private draw(chart: ChartData, labels: string[], key: string): void {
    if (this.plot && key === this.builtFor) {
      this.plot.setData(chart.data);
      return;
    }
    this.plot?.destroy();
    this.builtFor = key;
    this.plot = new uPlot(this.options(chart.lines, labels), chart.data, this.host);
  }

  private width(): number {
    return Math.max(200, this.host.clientWidth);
  }

  private options(lines: ChartLine[], labels: string[]): uPlot.Options {
    // The host's colour is the theme's muted text, its border colour the theme's border (CSS).
    const style = getComputedStyle(this.host);
    const text = style.color;
    const grid = style.borderTopColor;
    const unit = lines[0].unit;
    const lang = this.lang();
    const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
    let colour = -1;
    return {
      width: this.width(),
      height: HEIGHT,
      cursor: { drag: { x: false, y: false } },
      scales: {
        // From zero, or below it for a temperature under zero.
        y: { range: (_u, min, max) => (unit === 'percent' ? [0, 100] : [Math.min(0, min * 1.1), max > 0 ? max * 1.1 : 1]) },
      },
      // Time labels (`10:15pm`) need room; uPlot's default spacing overlaps them on a phone.
      axes: [
        { ...axis, space: 80 },
        {
          ...axis,
          size: 72,
          incrs: unit === 'bytes' || unit === 'bytes/s' ? BYTE_STEPS : undefined,
          values: (_u, splits) => splits.map((v) => formatValue(v, unit)),
        },
      ],
      series: [
        { label: this.t('chart.time'), value: (_u, seconds) => (seconds === null ? '–' : new Date(seconds * 1000).toLocaleString(lang)) },
        ...lines.map((line, i): uPlot.Series => {
          if (!line.max) colour++;
          return {
            label: labels[i],
            stroke: COLOURS[colour % COLOURS.length],
            width: line.max ? 1 : 1.5,
            dash: line.max ? [4, 3] : undefined,
            value: (_u, v) => formatValue(v, line.unit),
          };
        }),
      ],
    };
  }
}
