import type { HostReader } from './host-reader';
import { ProcfsReader } from './procfs-reader';
import { SystemInformationReader } from './systeminformation-reader';

/** Linux reads /proc and /sys directly (cheap, host-root aware); other platforms use systeminformation. */
export function createHostReader(hostRoot: string): HostReader {
  if (process.platform !== 'linux') return new SystemInformationReader();
  // Watching the host from a container: our own cgroup's memory limit is not the host's.
  return new ProcfsReader({ hostRoot, cgroupRoot: hostRoot === '/' ? '/sys/fs/cgroup' : undefined });
}
