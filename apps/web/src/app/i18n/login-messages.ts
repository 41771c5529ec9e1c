import type { Lang } from './i18n.service';

/** The login and setup page's strings, loaded with that page, not with the board. */
const LOGIN_EN = {
  'login.title': 'Log in',
  'login.setupTitle': 'Create the first admin',
  'login.setupHint': 'This one-time link creates the admin account. Choose a username and a password of at least 10 characters.',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Log in',
  'login.create': 'Create admin',
  'login.wrong': 'Wrong username or password.',
  'login.throttled': 'Too many failed logins. Try again in {seconds} s.',
  'login.setupInvalid': 'This setup link is no longer valid. The dashboard log shows a new one after a restart.',
  'login.failed': 'The dashboard could not be reached ({status}). Try again.',
  'login.oidc': 'Sign in with {name}',
  'login.back': 'Back to the board',
};

type LoginMessageKey = keyof typeof LOGIN_EN;

const LOGIN_ZH_CN: Record<LoginMessageKey, string> = {
  'login.title': '登录',
  'login.setupTitle': '创建第一个管理员',
  'login.setupHint': '此一次性链接用于创建管理员账户。请选择用户名和至少 10 个字符的密码。',
  'login.username': '用户名',
  'login.password': '密码',
  'login.submit': '登录',
  'login.create': '创建管理员',
  'login.wrong': '用户名或密码错误。',
  'login.throttled': '登录失败次数过多，请在 {seconds} 秒后重试。',
  'login.setupInvalid': '此设置链接已失效。重启后控制面板日志会显示新的链接。',
  'login.failed': '无法连接控制面板（{status}），请重试。',
  'login.oidc': '使用 {name} 登录',
  'login.back': '返回总览',
};

export const LOGIN_MESSAGES: Record<Lang, Record<LoginMessageKey, string>> = { en: LOGIN_EN, 'zh-CN': LOGIN_ZH_CN };
