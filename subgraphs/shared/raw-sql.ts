import type { DataSource, EntityManager } from 'typeorm';

const prepared = new WeakMap<object, Map<string, string>>();

/**
 * Hand-written SQL for the hottest reads, where building a TypeORM query costs more than running
 * it. Written once for both databases: `?` placeholders and `{table}` names, turned into `$1…` and
 * schema-qualified names on PostgreSQL. Column names are quoted where they are camelCase.
 */
export function rawQuery<T>(db: DataSource | EntityManager, text: string, params: unknown[]): Promise<T[]> {
  const source = 'connection' in db ? db.connection : db;
  let cache = prepared.get(source);
  if (!cache) {
    cache = new Map();
    prepared.set(source, cache);
  }
  let statement = cache.get(text);
  if (statement === undefined) {
    const postgres = source.options.type === 'postgres';
    const schema = postgres ? ((source.options as { schema?: string }).schema ?? 'public') : undefined;
    let index = 0;
    statement = text.replace(/\{(\w+)\}/g, (_m, table: string) => (schema ? `"${schema}"."${table}"` : `"${table}"`));
    if (postgres) statement = statement.replace(/\?/g, () => `$${++index}`);
    cache.set(text, statement);
  }
  return db.query(statement, params) as Promise<T[]>;
}
