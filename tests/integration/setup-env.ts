// Imported first by every integration test: points the code at the test database and gives the
// file its own BullMQ key prefix so files never see each other's jobs.
import { randomBytes } from 'node:crypto';

process.env.DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/riposte_test';
process.env.RIPOSTE_QUEUE_PREFIX = `rtest-${randomBytes(4).toString('hex')}`;
process.env.RIPOSTE_SECRET_KEY ??= randomBytes(32).toString('base64');
process.env.POLL_OVERLAP_SECONDS = '120';
