// Creates the database named in DATABASE_URL if it does not exist (Prisma's adapter path cannot).
import pg from 'pg';

const url = new URL(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/riposte');
const name = url.pathname.slice(1);
if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`Unsupported database name: ${name}`);
const admin = new URL(url);
admin.pathname = '/postgres';
const client = new pg.Client({ connectionString: admin.toString() });
await client.connect();
const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
if (exists.rowCount === 0) {
  await client.query(`CREATE DATABASE "${name}"`);
  console.log(`created database ${name}`);
}
await client.end();
