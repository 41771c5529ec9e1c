import { DEFAULT_EXCLUDE_INTERFACES, isRealFilesystem, matchesAny } from './exclusion-rules';

describe('interface exclusion', () => {
  it.each(['lo', 'docker0', 'veth1a2b', 'br-5f3c', 'virbr0', 'tun0', 'tap3', 'cni0', 'flannel.1', 'cali12ab', 'wg0'])(
    'excludes %s',
    (name) => {
      expect(matchesAny(name, DEFAULT_EXCLUDE_INTERFACES)).toBe(true);
    },
  );

  it.each(['eth0', 'ens3', 'enp0s31f6', 'eno1', 'wlan0', 'wlp2s0', 'bond0', 'ens5'])('keeps %s', (name) => {
    expect(matchesAny(name, DEFAULT_EXCLUDE_INTERFACES)).toBe(false);
  });

  it('matches whole names, with * as the only wildcard', () => {
    expect(matchesAny('lo', ['lo'])).toBe(true);
    expect(matchesAny('local0', ['lo'])).toBe(false);
    expect(matchesAny('eth0', ['eth.'])).toBe(false);
    expect(matchesAny('eth0.100', ['eth*.100'])).toBe(true);
  });
});

describe('real filesystems', () => {
  it.each([
    ['ext4', '/dev/vda1', '/', true],
    ['xfs', '/dev/mapper/vg-data', '/data', true],
    ['zfs', 'rpool/ROOT/debian', '/', true],
    ['tmpfs', 'tmpfs', '/run', false],
    ['devtmpfs', 'udev', '/dev', false],
    ['overlay', 'overlay', '/', false],
    ['squashfs', '/dev/loop3', '/snap/core/1', false],
    ['ext4', '/dev/loop7', '/mnt/image', false],
    ['ext4', '/dev/vda1', '/var/lib/kubelet/pods/x/volumes/y', false],
    ['ext4', '/dev/vda1', '/var/lib/docker/volumes/z', false],
    ['nfs4', 'server:/export', '/mnt/nfs', false],
  ])('%s %s on %s -> %s', (type, source, mountPoint, real) => {
    expect(isRealFilesystem(type, source, mountPoint)).toBe(real);
  });
});
