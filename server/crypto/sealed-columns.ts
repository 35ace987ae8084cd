// Every database column that holds a sealed secret envelope (server/crypto/secrets.ts). The
// rotation command (server/crypto/rotate.ts) re-encrypts exactly these, so a column missing here
// would keep its old key and stop opening once that key leaves RIPOSTE_SECRET_KEY_PREVIOUS:
// whoever adds a sealed column adds one line here (sealed-columns.test.ts checks the shape).
export interface SealedColumn {
  /** Table name as in the database (Prisma's model name). */
  table: string;
  /** Primary key column, used to page through rows and to name rows that cannot be opened. */
  idColumn: string;
  /** The column holding `v1.<keyId>.…` envelopes (null for rows without a secret). */
  column: string;
  /** A human-readable column shown next to the id in reports (e.g. the connection's name). */
  labelColumn?: string;
  /** What the column protects, for reports and docs. */
  what: string;
}

export const SEALED_COLUMNS: readonly SealedColumn[] = [
  {
    table: 'Connection',
    idColumn: 'id',
    column: 'secret',
    labelColumn: 'name',
    what: 'connection secrets: Defender client secrets, SMTP passwords, webhook URLs, HTTP passwords, tokens and client secrets',
  },
  { table: 'SsoSettings', idColumn: 'id', column: 'secretSealed', what: 'the Entra ID single sign-on client secret' },
];

/** Identifiers are spliced into SQL, so only plain names are accepted (they are constants anyway). */
export const SQL_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
