/**
 * The UI's strings: every key in both languages, and every key used by the
 * code. A key counts as used when the renderer's code names it in full
 * ('triage.title'), or names the start of it in a template (`verdict.long.${v}`
 * covers every verdict.long key). Plural forms (_one, _other) are one key.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { en } from '../../renderer/src/i18n/en.js';
import { fr } from '../../renderer/src/i18n/fr.js';

const RENDERER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../renderer/src');
const STRING_FILES = new Set(['en.ts', 'fr.ts']);

type Tree = { [key: string]: string | Tree };

function keysOf(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value, `${prefix}${key}.`),
  );
}

const withoutPlural = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return /\.tsx?$/.test(entry.name) && !STRING_FILES.has(entry.name) ? [file] : [];
  });
}

function namesInCode() {
  const full = new Set<string>();
  const prefixes = new Set<string>();
  for (const file of sourceFiles(RENDERER)) {
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(/['"`]([a-zA-Z]\w*(?:\.\w+)+)['"`]/g)) full.add(m[1]!);
    for (const m of code.matchAll(/`([a-zA-Z]\w*(?:\.\w+)*\.)\$\{/g)) prefixes.add(m[1]!);
  }
  return { full, prefixes };
}

describe('UI strings', () => {
  const frKeys = keysOf(fr as unknown as Tree);
  const enKeys = keysOf(en as unknown as Tree);

  it('has every key in French and in English', () => {
    expect(
      enKeys.filter((k) => !frKeys.includes(k)),
      'in English only',
    ).toEqual([]);
    expect(
      frKeys.filter((k) => !enKeys.includes(k)),
      'in French only',
    ).toEqual([]);
  });

  it('has no key the code never uses', () => {
    const { full, prefixes } = namesInCode();
    const unused = [...new Set(frKeys.map(withoutPlural))].filter(
      (key) => !full.has(key) && ![...prefixes].some((prefix) => key.startsWith(prefix)),
    );
    expect(unused).toEqual([]);
  });

  it('writes French with typographic apostrophes and quotes, and spaced « » ; : ! ?', () => {
    const values = (tree: Tree): string[] =>
      Object.values(tree).flatMap((v) => (typeof v === 'string' ? [v] : values(v)));
    const strings = values(fr as unknown as Tree);
    expect(
      strings.filter((s) => /\p{L}'\p{L}/u.test(s)),
      'straight apostrophes',
    ).toEqual([]);
    expect(
      strings.filter((s) => /"/.test(s)),
      'straight quotes',
    ).toEqual([]);
    // frenchTypography() puts the no-break spaces in: it needs an ordinary space to replace.
    expect(
      strings.filter((s) => /\p{L}[;:!?»]|«\p{L}/u.test(s)),
      'unspaced punctuation',
    ).toEqual([]);
  });

  it('has no empty string', () => {
    const empty = (tree: Tree) =>
      keysOf(tree).filter((key) => {
        const value = key
          .split('.')
          .reduce<string | Tree>((node, part) => (node as Tree)[part]!, tree);
        return typeof value === 'string' && value.trim() === '';
      });
    expect(empty(fr as unknown as Tree)).toEqual([]);
    expect(empty(en as unknown as Tree)).toEqual([]);
  });
});
