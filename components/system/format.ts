// Pure formatting for the System page's figures.
import { formatAge } from '../ui/format';

export { formatAge };

/** A step duration in seconds: milliseconds under a second, two decimals under a minute. */
export function formatSeconds(seconds: number): string {
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 60) return `${seconds.toFixed(2)} s`;
  return formatAge(seconds);
}

export const formatCount = (n: number): string => n.toLocaleString('en-US');
