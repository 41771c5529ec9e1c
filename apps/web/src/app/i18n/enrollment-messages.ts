import type { Lang } from './i18n.service';

/** The enrollment keys section's strings (`/admin/enrollment`), loaded with the admin area, not with the board. */
const ENROLLMENT_EN = {
  'enrollment.intro':
    'An agent presenting an enrollment key with an id its pattern allows, and that is not registered yet, is registered and given a secret of its own.',
  'enrollment.name': 'Name',
  'enrollment.idPattern': 'Id pattern',
  'enrollment.idPatternHint': 'A regular expression the whole server id must match, e.g. edge-[0-9]+',
  'enrollment.group': 'Group',
  'enrollment.expires': 'Expires',
  'enrollment.never': 'never',
  'enrollment.status': 'Status',
  'enrollment.active': 'active',
  'enrollment.revoked': 'revoked',
  'enrollment.expired': 'expired',
  'enrollment.source': 'Source',
  'enrollment.fromConfig': 'config file (read-only)',
  'enrollment.createdBy': 'added by {user}',
  'enrollment.create': 'Create key',
  'enrollment.revoke': 'Revoke',
  'enrollment.delete': 'Delete',
  'enrollment.confirmRevoke': 'Revoke {name}? It enrolls no more agents; servers it enrolled keep their own secrets.',
  'enrollment.confirmDelete': 'Delete {name}? It enrolls no more agents; servers it enrolled keep their own secrets.',
  'enrollment.none': 'No enrollment keys yet.',
  'enrollment.shownOnce': 'Copy the key now: it is shown only once.',
  'enrollment.secret': 'Enrollment key',
  'enrollment.systemd': 'On a host with the systemd unit (the id is the host’s short name)',
  'enrollment.container': 'As a container',
  'enrollment.env': 'Environment variables',
};

type EnrollmentMessageKey = keyof typeof ENROLLMENT_EN;

const ENROLLMENT_ZH_CN: Record<EnrollmentMessageKey, string> = {
  'enrollment.intro': '出示注册密钥、且其 ID 符合密钥模式并尚未注册的代理，将被注册并获得自己的密钥。',
  'enrollment.name': '名称',
  'enrollment.idPattern': 'ID 模式',
  'enrollment.idPatternHint': '整个服务器 ID 必须匹配的正则表达式，例如 edge-[0-9]+',
  'enrollment.group': '分组',
  'enrollment.expires': '过期时间',
  'enrollment.never': '永不',
  'enrollment.status': '状态',
  'enrollment.active': '有效',
  'enrollment.revoked': '已吊销',
  'enrollment.expired': '已过期',
  'enrollment.source': '来源',
  'enrollment.fromConfig': '配置文件（只读）',
  'enrollment.createdBy': '由 {user} 添加',
  'enrollment.create': '创建密钥',
  'enrollment.revoke': '吊销',
  'enrollment.delete': '删除',
  'enrollment.confirmRevoke': '吊销 {name}？它将不再注册代理；已注册的服务器保留各自的密钥。',
  'enrollment.confirmDelete': '删除 {name}？它将不再注册代理；已注册的服务器保留各自的密钥。',
  'enrollment.none': '还没有注册密钥。',
  'enrollment.shownOnce': '请立即复制此密钥：它只显示这一次。',
  'enrollment.secret': '注册密钥',
  'enrollment.systemd': '在装有 systemd 单元的主机上（ID 为主机短名）',
  'enrollment.container': '以容器运行',
  'enrollment.env': '环境变量',
};

export const ENROLLMENT_MESSAGES: Record<Lang, Record<EnrollmentMessageKey, string>> = { en: ENROLLMENT_EN, 'zh-CN': ENROLLMENT_ZH_CN };
