// The capture survives a sender that dies mid-session (a worker SIGKILLed with pooled SMTP
// connections open): its reset socket used to surface as an uncaught error in the host process.
import { describe, expect, it } from 'vitest';
import net from 'node:net';
import { startSmtpCapture } from './smtp-capture';

function greeting(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('error', reject);
    socket.once('data', (chunk) => (String(chunk).startsWith('220') ? resolve(socket) : reject(new Error(String(chunk)))));
  });
}

/** Sends one command and waits for its (last) reply line. */
function command(socket: net.Socket, line: string): Promise<string> {
  return new Promise((resolve) => {
    let reply = '';
    const onData = (chunk: Buffer) => {
      reply += String(chunk);
      // Multi-line replies continue with "250-"; the last line has a space after the code.
      if (/^\d{3} .*\r\n$/m.test(reply.split('\r\n').slice(-2).join('\r\n'))) {
        socket.off('data', onData);
        resolve(reply);
      }
    };
    socket.on('data', onData);
    socket.write(`${line}\r\n`);
  });
}

describe('the SMTP capture', () => {
  it('keeps serving after a client connection is reset', async () => {
    const capture = await startSmtpCapture(0);
    const uncaught: Error[] = [];
    const onUncaught = (e: Error) => uncaught.push(e);
    process.on('uncaughtException', onUncaught);
    try {
      for (let i = 0; i < 3; i++) {
        const socket = await greeting(capture.port);
        // Killed mid-transaction (after MAIL FROM): the case the server re-emits as an error.
        for (const line of ['EHLO killed.test', 'MAIL FROM:<riposte@test.local>', 'RCPT TO:<soc@test.local>']) await command(socket, line);
        // A TCP RST, as a killed process's sockets send.
        socket.resetAndDestroy();
      }
      await new Promise((r) => setTimeout(r, 200));
      const next = await greeting(capture.port);
      next.end('QUIT\r\n');
      expect(uncaught).toEqual([]);
    } finally {
      process.off('uncaughtException', onUncaught);
      await capture.close();
    }
  });
});
