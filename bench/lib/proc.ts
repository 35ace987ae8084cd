// CPU time and memory of a process from /proc (Linux), for benchmarks that report what each part
// of the stack costs.
import { readFileSync } from 'node:fs';
import { execSync } from 'node:child_process';

export const TICKS_PER_SECOND = Number(execSync('getconf CLK_TCK', { encoding: 'utf8' }).trim()) || 100;
const bootMs = Date.now() - Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]) * 1000;

export interface ProcStat {
  /** utime + stime, in clock ticks. */
  ticks: number;
  rssMb: number;
  /** When the process started (epoch ms). */
  startedMs: number;
}

export function procStat(pid: number): ProcStat | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at state, field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    const startTicks = Number(fields[19]);
    const rssPages = Number(fields[21]);
    return { ticks: utime + stime, rssMb: (rssPages * 4096) / 2 ** 20, startedMs: bootMs + (startTicks / TICKS_PER_SECOND) * 1000 };
  } catch {
    return null;
  }
}
