// The protocol names OS and architecture the way Go does (GOOS/GOARCH: "linux", "amd64").

const ARCH: Record<string, string> = {
  x86_64: 'amd64',
  amd64: 'amd64',
  x64: 'amd64',
  i386: '386',
  i686: '386',
  ia32: '386',
  aarch64: 'arm64',
  arm64: 'arm64',
  armv6l: 'arm',
  armv7l: 'arm',
  arm: 'arm',
  ppc64le: 'ppc64le',
  ppc64: 'ppc64',
  s390x: 's390x',
  riscv64: 'riscv64',
  loongarch64: 'loong64',
  loong64: 'loong64',
  mips: 'mips',
  mipsel: 'mipsle',
  mips64: 'mips64',
};

/** `machine` is os.machine() (the kernel's view, right even for a 32-bit Node); falls back to process.arch. */
export function goArch(machine: string, nodeArch: string): string {
  return ARCH[machine] ?? ARCH[nodeArch] ?? (machine || nodeArch);
}

export function goOs(platform: NodeJS.Platform): string {
  return platform === 'win32' ? 'windows' : platform;
}
