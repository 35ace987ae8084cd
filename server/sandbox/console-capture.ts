/**
 * The console lines a code run printed, in order, with caps on how many are kept (each line
 * is already cut to MAX_LOG_LINE_CHARS inside the sandbox). Lines past the cap are counted and
 * reported in one last line, so the output stays bounded and deterministic.
 */
export const MAX_LOG_LINES = 100;

export type LogLevel = 'log' | 'info' | 'warn' | 'error';
export interface LogLine {
  level: LogLevel;
  message: string;
}

const LEVELS = new Set<string>(['log', 'info', 'warn', 'error']);

export class ConsoleCapture {
  private readonly lines: LogLine[] = [];
  private dropped = 0;

  add(level: string, message: string): void {
    if (this.lines.length >= MAX_LOG_LINES) {
      this.dropped++;
      return;
    }
    this.lines.push({ level: LEVELS.has(level) ? (level as LogLevel) : 'log', message });
  }

  result(): LogLine[] {
    if (this.dropped === 0) return [...this.lines];
    return [...this.lines, { level: 'warn', message: `… ${this.dropped} more console line${this.dropped === 1 ? '' : 's'} not kept (at most ${MAX_LOG_LINES}).` }];
  }
}
