import type { Lang } from './i18n.service';

/** Traffic accounting's strings (the card's traffic line and the detail page's panel), loaded with them, not with the board. */
export const TRAFFIC_EN = {
  'traffic.label': 'Traffic',
  'traffic.resets': 'resets {date}',
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

export type TrafficMessageKey = keyof typeof TRAFFIC_EN;

export const TRAFFIC_ZH_CN: Record<TrafficMessageKey, string> = {
  'traffic.label': '流量',
  'traffic.resets': '{date}重置',
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

export const TRAFFIC_MESSAGES: Record<Lang, Record<TrafficMessageKey, string>> = { en: TRAFFIC_EN, 'zh-CN': TRAFFIC_ZH_CN };
