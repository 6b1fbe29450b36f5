import type { DataSource } from 'typeorm';

/**
 * Raw access to a subgraph's tables, for the few checks no entity can make (every table a subgraph
 * holds, every column of a row). On PostgreSQL a subgraph's tables live in its own schema, so table
 * names are qualified with it; on SQLite they are the file's (or the in-memory database's) tables.
 */
function schemaOf(db: DataSource): string | undefined {
  return db.options.type === 'postgres' ? (db.options.schema ?? 'public') : undefined;
}

/** The table's name as a query must write it: `"schema"."table"` on PostgreSQL, `"table"` on SQLite. */
export function tablePath(db: DataSource, table: string): string {
  const schema = schemaOf(db);
  return schema ? `${db.driver.escape(schema)}.${db.driver.escape(table)}` : db.driver.escape(table);
}

/** Every table of the subgraph's database (on PostgreSQL: of its schema), by name. */
export async function tableNames(db: DataSource): Promise<string[]> {
  const schema = schemaOf(db);
  const rows = (
    schema
      ? await db.query("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE'", [schema])
      : await db.query("SELECT name FROM sqlite_master WHERE type = 'table'")
  ) as { name: string }[];
  const names = rows.map((r) => r.name).sort();
  if (names.length === 0) throw new Error(`no tables found${schema ? ` in schema "${schema}"` : ''}`);
  return names;
}

/** Every row of one table, with every column it has (not only those an entity maps). */
export async function allRows(db: DataSource, table: string): Promise<Record<string, unknown>[]> {
  return (await db.query(`SELECT * FROM ${tablePath(db, table)}`)) as Record<string, unknown>[];
}

/** Every row of one table (every column it has) whose `column` equals `value`. */
export async function rowsWhere(db: DataSource, table: string, column: string, value: unknown): Promise<Record<string, unknown>[]> {
  const sql = `SELECT * FROM ${tablePath(db, table)} WHERE ${db.driver.escape(column)} = ${db.driver.createParameter('value', 0)}`;
  return (await db.query(sql, [value])) as Record<string, unknown>[];
}
