import { TableColumn, type QueryRunner, type TableColumnOptions } from 'typeorm';

/**
 * Column shorthands for migrations, so every subgraph declares tables the same portable way
 * (SQLite and PostgreSQL). A trailing `?` makes the column nullable.
 */
const SHAPES = {
  id: { type: 'varchar', length: '64', isPrimary: true },
  key: { type: 'varchar', length: '64', isPrimary: true },
  'int-key': { type: 'integer', isPrimary: true },
  serial: { type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
  uuid: { type: 'varchar', length: '36' },
  ref: { type: 'varchar', length: '64' },
  short: { type: 'varchar', length: '24' },
  hash: { type: 'varchar', length: '64' },
  time: { type: 'varchar', length: '32' },
  text: { type: 'varchar', length: '255' },
  longtext: { type: 'text' },
  json: { type: 'text' },
  int: { type: 'integer' },
  float: { type: 'double precision' },
  bool: { type: 'boolean' },
} satisfies Record<string, Omit<TableColumnOptions, 'name'>>;

type Shape = keyof typeof SHAPES;

export function columns(spec: Record<string, Shape | `${Shape}?`>): TableColumnOptions[] {
  return Object.entries(spec).map(([name, shape]) => {
    const nullable = shape.endsWith('?');
    const base = SHAPES[(nullable ? shape.slice(0, -1) : shape) as Shape];
    return { name, ...base, isNullable: nullable };
  });
}

/** A later migration's new columns on an existing table, in the same shorthand (nullable: `?`). */
export async function addColumns(q: QueryRunner, table: string, spec: Record<string, Shape | `${Shape}?`>): Promise<void> {
  for (const column of columns(spec)) await q.addColumn(table, new TableColumn(column));
}

/** Undoes `addColumns`. */
export async function dropColumns(q: QueryRunner, table: string, names: string[]): Promise<void> {
  for (const name of [...names].reverse()) await q.dropColumn(table, name);
}

/** A table's name for raw SQL in a migration: schema-qualified on PostgreSQL. */
export function tableName(q: QueryRunner, table: string): string {
  const schema = (q.connection.options as { schema?: string }).schema;
  return schema ? `"${schema}".${table}` : table;
}
