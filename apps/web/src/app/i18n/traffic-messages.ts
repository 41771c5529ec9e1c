import type { Lang } from './i18n.service';

/** The card's traffic line strings; the detail page's traffic panel has more (traffic-detail-messages.ts, in its lazy chunk). */
export const TRAFFIC_EN = {
  'traffic.label': 'Traffic',
  'traffic.resets': 'resets {date}',
} as const;

export type TrafficMessageKey = keyof typeof TRAFFIC_EN;

export const TRAFFIC_ZH_CN: Record<TrafficMessageKey, string> = {
  'traffic.label': '流量',
  'traffic.resets': '{date}重置',
};

export const TRAFFIC_MESSAGES: Record<Lang, Record<TrafficMessageKey, string>> = { en: TRAFFIC_EN, 'zh-CN': TRAFFIC_ZH_CN };
