// Where create-admin gets the password: RIPOSTE_ADMIN_PASSWORD, stdin (--password-stdin, for
// scripts), or a prompt that does not echo. Never from a command-line flag (it would land in
// shell history and `ps`).
import { createInterface } from 'node:readline';
import { CliError } from './context';

export async function readStdinPassword(stdin: NodeJS.ReadableStream = process.stdin): Promise<string> {
  let text = '';
  for await (const chunk of stdin) text += chunk.toString();
  return text.replace(/\r?\n$/, '');
}

export async function promptPassword(question = 'Password: '): Promise<string> {
  if (!process.stdin.isTTY) throw new CliError('No password: set RIPOSTE_ADMIN_PASSWORD, use --password-stdin, or run in a terminal');
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  // Mute echo: readline writes typed characters through _writeToOutput.
  const muted = rl as unknown as { _writeToOutput: (s: string) => void };
  process.stdout.write(question);
  muted._writeToOutput = () => undefined;
  try {
    return await new Promise<string>((resolve) => rl.question('', resolve));
  } finally {
    rl.close();
    process.stdout.write('\n');
  }
}
