// Which filesystems and interfaces count as the host's own, by explicit rules.

/** Interfaces whose traffic is not the host's own or is already counted on a physical one. */
export const DEFAULT_EXCLUDE_INTERFACES = [
  'lo',
  'docker*',
  'veth*',
  'br*',
  'virbr*',
  'vmbr*',
  'vnet*',
  'tun*',
  'tap*',
  'wg*',
  'ifb*',
  'dummy*',
  'cni*',
  'flannel*',
  'cali*',
  'cilium*',
  'vxlan*',
  'kube-*',
  'lxc*',
  'tailscale*',
  'zt*',
];

/** Whole-name glob match: `*` is any run of characters, everything else literal. */
export function matchesAny(name: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => globToRegExp(p).test(name));
}

const cache = new Map<string, RegExp>();
function globToRegExp(pattern: string): RegExp {
  let re = cache.get(pattern);
  if (!re) {
    re = new RegExp(
      `^${pattern
        .split('*')
        .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
    );
    cache.set(pattern, re);
  }
  return re;
}

/** Virtual or in-memory filesystem types that never hold the host's data. */
const VIRTUAL_FS_TYPES = new Set([
  'tmpfs',
  'devtmpfs',
  'ramfs',
  'overlay',
  'overlayfs',
  'aufs',
  'squashfs',
  'iso9660',
  'proc',
  'sysfs',
  'cgroup',
  'cgroup2',
  'devpts',
  'mqueue',
  'debugfs',
  'tracefs',
  'securityfs',
  'pstore',
  'bpf',
  'configfs',
  'fusectl',
  'hugetlbfs',
  'autofs',
  'binfmt_misc',
  'nsfs',
  'rpc_pipefs',
  'nfsd',
  'efivarfs',
  'selinuxfs',
  'fuse.lxcfs',
  'fuse.snapfuse',
  'fuse.gvfsd-fuse',
  'devfs',
  'nullfs',
]);

/** Mount points that belong to containers and pods rather than to the host. */
const CONTAINER_MOUNT_PREFIXES = [
  '/var/lib/kubelet/',
  '/var/lib/docker/',
  '/var/lib/containerd/',
  '/run/containerd/',
  '/var/lib/containers/',
  '/run/k3s/',
  '/var/lib/rancher/',
  '/snap/',
  '/run/docker/',
];

/** Not a virtual filesystem, not a loop device, not a container's or pod's mount. */
export function isHostFilesystem(type: string, source: string, mountPoint: string): boolean {
  return (
    !VIRTUAL_FS_TYPES.has(type.toLowerCase()) &&
    !/^\/dev\/loop\d/.test(source) &&
    !CONTAINER_MOUNT_PREFIXES.some((p) => mountPoint.startsWith(p))
  );
}

/** Linux: a host filesystem on a block device, or ZFS (whose source is a dataset name). */
export function isRealFilesystem(type: string, source: string, mountPoint: string): boolean {
  return isHostFilesystem(type, source, mountPoint) && (source.startsWith('/dev/') || type === 'zfs');
}
