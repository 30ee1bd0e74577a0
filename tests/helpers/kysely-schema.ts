// The tables and columns the code believes in, read from its Kysely types with
// the TypeScript compiler (no second list to keep in step): the `DB` interface
// of src/db/schema.ts, plus the tables a module types for itself and hands to
// `db.withTables<…>()` (docs/ARCHITECTURE.md: a module that alone queries its
// tables types them in the module). Each column is reduced to what a row read
// back holds — nullable or not, and a coarse kind — so it can be compared with
// information_schema (tests/integration/schema-drift.test.ts).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SCHEMA_FILE = join(ROOT, 'src', 'db', 'schema.ts');

/** What a selected value is, coarsely: what the pg driver gives back for a column type. */
export type Kind = 'string' | 'number' | 'boolean' | 'Date' | 'Buffer' | 'array' | 'json';

export interface ColumnShape {
  nullable: boolean;
  kinds: Kind[];
}
/** table → column → shape */
export type Columns = Map<string, Map<string, ColumnShape>>;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

function kindsOf(checker: ts.TypeChecker, type: ts.Type): ColumnShape {
  // ColumnType<Select, Insert, Update> (and Generated<T>) carry the selected type in __select__;
  // like Kysely's SelectType, this distributes over a union (`ColumnType<…> | null`).
  const flat = (t: ts.Type): ts.Type[] => {
    if (t.isUnion()) return t.types.flatMap(flat);
    const select = t.getProperty('__select__');
    return select ? flat(checker.getTypeOfSymbol(select)) : [t];
  };
  const parts = flat(type);
  let nullable = false;
  const kinds = new Set<Kind>();
  for (const p of parts) {
    if (p.flags & ts.TypeFlags.Null) nullable = true;
    else if (p.flags & ts.TypeFlags.Undefined) continue;
    else if (p.flags & (ts.TypeFlags.StringLike | ts.TypeFlags.BigIntLike)) kinds.add('string');
    else if (p.flags & ts.TypeFlags.NumberLike) kinds.add('number');
    else if (p.flags & ts.TypeFlags.BooleanLike) kinds.add('boolean');
    else if (checker.isArrayType(p) || checker.isTupleType(p)) kinds.add('array');
    else {
      const name = p.getSymbol()?.getName();
      kinds.add(name === 'Date' ? 'Date' : name === 'Buffer' || name === 'Uint8Array' ? 'Buffer' : 'json');
    }
  }
  return { nullable, kinds: [...kinds].sort() };
}

function tablesOf(checker: ts.TypeChecker, type: ts.Type, at: ts.Node): Columns {
  const tables: Columns = new Map();
  for (const table of checker.getPropertiesOfType(type)) {
    const columns = new Map<string, ColumnShape>();
    for (const col of checker.getPropertiesOfType(checker.getTypeOfSymbolAtLocation(table, at)))
      columns.set(col.getName(), kindsOf(checker, checker.getTypeOfSymbolAtLocation(col, at)));
    tables.set(table.getName(), columns);
  }
  return tables;
}

const same = (a: Map<string, ColumnShape>, b: Map<string, ColumnShape>) =>
  JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

/**
 * Every table the types describe, with where it is described. A table typed
 * in two places must be typed the same in both; otherwise it is listed in
 * `conflicts`.
 */
export function readKyselyTables(srcDir = join(ROOT, 'src')) {
  const withTables = filesUnder(srcDir).filter((f) => readFileSync(f, 'utf8').includes('withTables<'));
  const config = ts.parseJsonConfigFileContent(
    ts.readConfigFile(join(ROOT, 'tsconfig.json'), (p) => ts.sys.readFile(p)).config,
    ts.sys,
    ROOT,
  );
  const program = ts.createProgram([SCHEMA_FILE, ...withTables], { ...config.options, noEmit: true });
  const checker = program.getTypeChecker();
  const found: { source: string; tables: Columns }[] = [];

  const schema = program.getSourceFile(SCHEMA_FILE)!;
  const db = schema.statements.find(
    (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'DB',
  );
  if (!db) throw new Error(`no interface DB in ${SCHEMA_FILE}`);
  found.push({ source: 'src/db/schema.ts (DB)', tables: tablesOf(checker, checker.getTypeAtLocation(db.name), db) });

  for (const file of withTables) {
    const sf = program.getSourceFile(file)!;
    const visit = (node: ts.Node) => {
      if (
        ts.isCallExpression(node) &&
        ts.isPropertyAccessExpression(node.expression) &&
        node.expression.name.text === 'withTables' &&
        node.typeArguments?.length === 1
      ) {
        const arg = node.typeArguments[0]!;
        found.push({
          source: `${relative(ROOT, file)} (withTables<${arg.getText(sf)}>)`,
          tables: tablesOf(checker, checker.getTypeFromTypeNode(arg), arg),
        });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }

  const tables: Columns = new Map();
  const sources = new Map<string, string>();
  const conflicts: string[] = [];
  for (const { source, tables: t } of found)
    for (const [name, cols] of t) {
      const had = tables.get(name);
      if (had && !same(had, cols)) conflicts.push(`${name}: typed differently in ${sources.get(name)} and ${source}`);
      if (!had) {
        tables.set(name, cols);
        sources.set(name, source);
      }
    }
  return { tables, sources, conflicts };
}

/** The kinds a column of this PostgreSQL type comes back as through pg (int8 and numeric as strings). */
export function kindsForPgType(dataType: string): Kind[] {
  switch (dataType) {
    case 'text':
    case 'character varying':
    case 'character':
    case 'uuid':
    case 'inet':
    case 'bigint':
    case 'numeric':
    case 'tsvector': // a generated search column, read back as its text
      return ['string'];
    case 'integer':
    case 'smallint':
    case 'real':
    case 'double precision':
      return ['number'];
    case 'boolean':
      return ['boolean'];
    case 'timestamp with time zone':
    case 'timestamp without time zone':
      return ['Date'];
    case 'date':
      // pg reads a calendar day as a Date (src/db/database.ts keeps its default). Kysely uses a column's
      // select type for comparison operands too, so the modules type days as the 'YYYY-MM-DD' strings
      // they write and compare with, and read them through to_char()/::text: both are accepted.
      return ['Date', 'string'];
    case 'bytea':
      return ['Buffer'];
    case 'ARRAY':
      return ['array'];
    case 'json':
    case 'jsonb':
      // Any JSON value: an object, an array, or a scalar.
      return ['array', 'boolean', 'json', 'number', 'string'];
    default:
      return [];
  }
}

export interface DbColumn {
  table: string;
  column: string;
  nullable: boolean;
  dataType: string;
}

/** Every difference between the database's columns and the types' (empty when they agree). */
export function compareSchema(dbColumns: DbColumn[], types: Columns): string[] {
  const out: string[] = [];
  const db = new Map<string, Map<string, DbColumn>>();
  for (const c of dbColumns) {
    if (!db.has(c.table)) db.set(c.table, new Map());
    db.get(c.table)!.set(c.column, c);
  }
  for (const table of [...new Set([...db.keys(), ...types.keys()])].sort()) {
    const inDb = db.get(table);
    const typed = types.get(table);
    if (!typed) {
      out.push(`${table}: table in the database, not in the types`);
      continue;
    }
    if (!inDb) {
      out.push(`${table}: table in the types, not in the database`);
      continue;
    }
    for (const column of [...new Set([...inDb.keys(), ...typed.keys()])].sort()) {
      const c = inDb.get(column);
      const t = typed.get(column);
      if (!t) out.push(`${table}.${column}: in the database (${c!.dataType}), not in the types`);
      else if (!c) out.push(`${table}.${column}: in the types, not in the database`);
      else {
        if (c.nullable !== t.nullable)
          out.push(
            `${table}.${column}: ${c.nullable ? 'nullable' : 'not null'} in the database, ${t.nullable ? 'nullable' : 'not null'} in the types`,
          );
        const allowed = kindsForPgType(c.dataType);
        const wrong = t.kinds.filter((k) => !allowed.includes(k));
        if (!t.kinds.length || wrong.length)
          out.push(
            `${table}.${column}: ${c.dataType} in the database reads as ${allowed.join('|') || '?'}, typed ${t.kinds.join('|') || 'never'}`,
          );
      }
    }
  }
  return out;
}
