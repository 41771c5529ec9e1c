import type { Lang } from './i18n.service';
import { TRAFFIC_EN, TRAFFIC_ZH_CN } from './traffic-messages';

/** The detail page's traffic panel strings, loaded with its lazy chunk; the card's (traffic-messages.ts) are there too. */
export const TRAFFIC_DETAIL_EN = {
  ...TRAFFIC_EN,
  'traffic.ofQuota': '{used} of {quota}',
  'traffic.title': 'Traffic',
  'traffic.period': '{start} – {end}',
  'traffic.sent': 'Sent',
  'traffic.recv': 'Received',
  'traffic.used': 'Used',
  'traffic.quota': 'Quota',
  'traffic.noQuota': 'no quota',
  'traffic.direction.sum': 'sent + received',
  'traffic.direction.max': 'the larger of sent and received',
  'traffic.direction.in': 'received',
  'traffic.direction.out': 'sent',
  'traffic.counts': 'Counts: {direction}',
  'traffic.periods': 'Last {count} billing periods (UTC)',
  'traffic.loading': 'Loading traffic…',
  'traffic.failed': 'Traffic could not be loaded.',
} as const;

export type TrafficDetailMessageKey = keyof typeof TRAFFIC_DETAIL_EN;

export const TRAFFIC_DETAIL_ZH_CN: Record<TrafficDetailMessageKey, string> = {
  ...TRAFFIC_ZH_CN,
  'traffic.ofQuota': '{used} / {quota}',
  'traffic.title': '流量',
  'traffic.period': '{start} – {end}',
  'traffic.sent': '上传',
  'traffic.recv': '下载',
  'traffic.used': '已用',
  'traffic.quota': '配额',
  'traffic.noQuota': '无配额',
  'traffic.direction.sum': '上传 + 下载',
  'traffic.direction.max': '上传与下载中较大者',
  'traffic.direction.in': '下载',
  'traffic.direction.out': '上传',
  'traffic.counts': '计费方式：{direction}',
  'traffic.periods': '最近 {count} 个计费周期（UTC）',
  'traffic.loading': '正在加载流量…',
  'traffic.failed': '无法加载流量。',
};

export const TRAFFIC_DETAIL_MESSAGES: Record<Lang, Record<TrafficDetailMessageKey, string>> = {
  en: TRAFFIC_DETAIL_EN,
  'zh-CN': TRAFFIC_DETAIL_ZH_CN,
};
