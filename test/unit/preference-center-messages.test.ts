import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { de } from '../../preference-center/src/i18n/de.js';
import { en } from '../../preference-center/src/i18n/en.js';

/*
 * The preference center's message catalog: every language has every key (with the same kind of
 * value), and no component shows words of its own instead of asking the catalog.
 */
const SOURCE = path.resolve('preference-center/src');
const CATALOGS = { de };
/** The staff console (`/staff`) is an internal English-only tool for merchandisers, not a customer's page. */
const STAFF_CONSOLE = `${path.sep}staff${path.sep}`;

/** "app.name: string", "consent.switchedOn: function/1", … for every leaf of a catalog. */
function shape(value: unknown, prefix = ''): string[] {
  if (typeof value === 'function') return [`${prefix}: function/${value.length}`];
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, inner]) => shape(inner, prefix ? `${prefix}.${key}` : key));
  return [`${prefix}: ${typeof value}`];
}

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .filter((f) => /\.tsx?$/.test(f) && !f.includes(`${path.sep}i18n${path.sep}`) && !f.includes(STAFF_CONSOLE));
}

/** Attributes and properties whose strings a person reads. */
const WORDY_ATTRIBUTES = new Set(['aria-label', 'label', 'title', 'alt', 'placeholder', 'busyLabel', 'text', 'error']);
const hasWords = (text: string) => /[A-Za-z]{2,}/.test(text);

/** A string that ends up as a JSX child (directly, or as a branch of `?:`, `&&`, `||`, `??`). */
function shownInJsx(node: ts.Node): boolean {
  let at = node.parent;
  while (at && (ts.isConditionalExpression(at) || ts.isBinaryExpression(at) || ts.isParenthesizedExpression(at))) {
    if (ts.isConditionalExpression(at) && at.condition === node) return false;
    node = at;
    at = at.parent;
  }
  return Boolean(at && ts.isJsxExpression(at) && !ts.isJsxAttribute(at.parent));
}

/** Words written straight into a component: JSX text, and strings in attributes or feedback fields people read. */
function wordsOutsideCatalog(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const where = (node: ts.Node) => `${path.relative(SOURCE, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  // A string's own words: a template's literal parts, not the names of what it interpolates.
  const literal = (node: ts.Node | undefined) => {
    if (node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))) return node.text;
    if (node && ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join('…');
    return null;
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && hasWords(node.getText())) found.push(`${where(node)} ${node.getText().trim()}`);
    if (ts.isJsxAttribute(node) && WORDY_ATTRIBUTES.has(node.name.getText())) {
      const init = node.initializer;
      const text = init && ts.isJsxExpression(init) ? literal(init.expression) : literal(init);
      if (text && hasWords(text)) found.push(`${where(node)} ${node.name.getText()}=${text}`);
    }
    const text = literal(node);
    if (text && hasWords(text) && shownInJsx(node)) found.push(`${where(node)} ${text}`);
    if (ts.isPropertyAssignment(node) && WORDY_ATTRIBUTES.has(node.name.getText())) {
      const text = literal(node.initializer);
      if (text && hasWords(text)) found.push(`${where(node)} ${node.name.getText()}: ${text}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('the preference center message catalog', () => {
  it.each(Object.entries(CATALOGS))('%s has every key of the English catalog, and no other', (_language, catalog) => {
    expect(shape(catalog)).toEqual(shape(en));
  });

  it('no component shows words that bypass the catalog', () => {
    const files = sourceFiles(SOURCE);
    expect(files.length).toBeGreaterThan(20);
    expect(files.flatMap(wordsOutsideCatalog)).toEqual([]);
  });
});
