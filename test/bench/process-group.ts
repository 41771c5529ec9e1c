import { readdirSync, readFileSync } from 'node:fs';

/**
 * The live processes of process group `pgid`, with their command lines, read
 * from /proc. Zombies are left out: they have exited and only wait for a parent
 * to collect their status (an orphan's is collected by whichever process adopts it).
 */
export function processGroupMembers(pgid: number): { pid: number; args: string }[] {
  const members: { pid: number; args: string }[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readProc(name, 'stat');
    if (!stat) continue;
    // After the command name (which may hold spaces and parentheses): state, ppid, pgrp, ...
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pgrp) === pgid && state !== 'Z') {
      members.push({ pid: Number(name), args: (readProc(name, 'cmdline') ?? '').replace(/\0/g, ' ').trim() });
    }
  }
  return members;
}

/** A /proc file of a process that may exit while we read it. */
function readProc(pid: string, file: string): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return undefined;
  }
}
