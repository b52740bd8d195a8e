import fc from 'fast-check';
import { parse } from 'smol-toml';
import { PyrelError } from './errors';
import { applyStringEdits, findStringSites, renderTomlString, siteAt, type TomlPath, type TomlStringStyle } from './toml-edit';

const FILE = 'libs/a/pyproject.toml';

function sitesOf(text: string) {
  return findStringSites(text, FILE).map(({ path, value, style }) => ({ path, value, style }));
}

/** Every string leaf of a parsed document, with its path, in document order of keys. */
function stringLeaves(node: unknown, path: TomlPath = []): { path: TomlPath; value: string }[] {
  if (typeof node === 'string') return [{ path, value: node }];
  if (Array.isArray(node)) return node.flatMap((item, i) => stringLeaves(item, [...path, i]));
  if (node && typeof node === 'object' && !(node instanceof Date)) {
    return Object.entries(node).flatMap(([key, value]) => stringLeaves(value, [...path, key]));
  }
  return [];
}

const byPath = (a: { path: TomlPath }, b: { path: TomlPath }) => JSON.stringify(a.path).localeCompare(JSON.stringify(b.path));

describe('findStringSites', () => {
  it('finds strings in tables, dotted keys, arrays and inline tables with their paths', () => {
    const text = [
      'title = "top" # comment',
      '',
      '[project]',
      "name = 'mylib'",
      'version = "1.2.0"',
      'dependencies = [',
      '  "requests>=2", # pinned',
      "  'rich',",
      ']',
      'urls.Homepage = "https://example.com"',
      'authors = [{ name = "Ada", email = "ada@example.com" }]',
      '',
      '[tool."uv".sources]',
      'other = { workspace = true }',
      'count = 3',
      'when = 1979-05-27 07:32:00Z',
      'nested = [["a", 1], ["b"]]',
    ].join('\n');
    expect(sitesOf(text)).toEqual([
      { path: ['title'], value: 'top', style: 'basic' },
      { path: ['project', 'name'], value: 'mylib', style: 'literal' },
      { path: ['project', 'version'], value: '1.2.0', style: 'basic' },
      { path: ['project', 'dependencies', 0], value: 'requests>=2', style: 'basic' },
      { path: ['project', 'dependencies', 1], value: 'rich', style: 'literal' },
      { path: ['project', 'urls', 'Homepage'], value: 'https://example.com', style: 'basic' },
      { path: ['project', 'authors', 0, 'name'], value: 'Ada', style: 'basic' },
      { path: ['project', 'authors', 0, 'email'], value: 'ada@example.com', style: 'basic' },
      { path: ['tool', 'uv', 'sources', 'nested', 0, 0], value: 'a', style: 'basic' },
      { path: ['tool', 'uv', 'sources', 'nested', 1, 0], value: 'b', style: 'basic' },
    ]);
  });

  it('numbers arrays of tables, also nested ones and sub-tables of the current element', () => {
    const text = [
      '[[package]]',
      'name = "a"',
      '[[package]]',
      'name = "b"',
      '[package.source]',
      'url = "u"',
      '[[package.files]]',
      'file = "f0"',
      '[[package.files]]',
      'file = "f1"',
      '[[package]]',
      'name = "c"',
      '[[package.files]]',
      'file = "g0"',
    ].join('\r\n');
    expect(sitesOf(text).map((s) => [s.path, s.value])).toEqual([
      [['package', 0, 'name'], 'a'],
      [['package', 1, 'name'], 'b'],
      [['package', 1, 'source', 'url'], 'u'],
      [['package', 1, 'files', 0, 'file'], 'f0'],
      [['package', 1, 'files', 1, 'file'], 'f1'],
      [['package', 2, 'name'], 'c'],
      [['package', 2, 'files', 0, 'file'], 'g0'],
    ]);
  });

  it.each<[string, string, TomlStringStyle]>([
    ['v = "a\\"b\\\\c\\té\\u00e9\\U0001F600"', 'a"b\\c\té\u00e9\u{1F600}', 'basic'],
    ["v = 'C:\\path\\n'", 'C:\\path\\n', 'literal'],
    ['v = """\nline1\nline2"""', 'line1\nline2', 'multiline-basic'],
    ['v = """\r\nline1\r\n"""', 'line1\r\n', 'multiline-basic'],
    ['v = """one \\\n    two"""', 'one two', 'multiline-basic'],
    ['v = """""quoted"""""', '""quoted""', 'multiline-basic'],
    ["v = '''\nraw \\n '''", 'raw \\n ', 'multiline-literal'],
    ["v = ''''one quote''''", "'one quote'", 'multiline-literal'],
    ['"key with = sign" = "x"', 'x', 'basic'],
  ])('decodes %j', (text, value, style) => {
    const [site] = findStringSites(text, FILE);
    expect(site.value).toBe(value);
    expect(site.style).toBe(style);
    expect(stringLeaves(parse(text))[0].value).toBe(value);
  });

  it('gives the range of the literal, quotes included', () => {
    const text = 'a = 1\nversion = "1.2.0"  # x\n';
    const site = siteAt(findStringSites(text, FILE), ['version']);
    expect(site && text.slice(...site.range)).toBe('"1.2.0"');
  });

  it('skips numbers, booleans, dates and tables without strings', () => {
    expect(findStringSites('a = 1\nb = true\nc = 2024-01-01\nd = [1, 2]\n[e]\nf = 1.5\n', FILE)).toEqual([]);
  });

  it('reports malformed TOML with file, line and column', () => {
    expect(() => findStringSites('[project]\nname = "a\n', FILE)).toThrow(PyrelError);
    expect(() => findStringSites('[project]\nname = "a\n', FILE)).toThrow(/^libs\/a\/pyproject\.toml:2:\d+: /);
  });
});

describe('siteAt', () => {
  it('matches the whole path, not a prefix', () => {
    const sites = findStringSites('[project]\nversion = "1"\n[project.x]\nversion = "2"\n', FILE);
    expect(siteAt(sites, ['project', 'version'])?.value).toBe('1');
    expect(siteAt(sites, ['project'])).toBeUndefined();
  });
});

describe('renderTomlString', () => {
  it.each<[string, TomlStringStyle, string]>([
    ['1.3.0', 'basic', '"1.3.0"'],
    ['1.3.0', 'literal', "'1.3.0'"],
    ["it's", 'literal', '"it\'s"'],
    ['a\nb', 'literal', '"a\\nb"'],
    ['a"b\\', 'basic', '"a\\"b\\\\"'],
    ['\u0001', 'basic', '"\\u0001"'],
    ['a\nb', 'multiline-basic', '"""a\nb"""'],
    ['\nb', 'multiline-basic', '"""\n\nb"""'],
    ['a\nb', 'multiline-literal', "'''a\nb'''"],
    ["x'''y", 'multiline-literal', '"x\'\'\'y"'],
  ])('%j as %s is %s', (value, style, literal) => {
    expect(renderTomlString(value, style)).toBe(literal);
    expect(parse(`v = ${literal}`).v).toBe(value);
  });
});

describe('applyStringEdits', () => {
  const text = ['# top', '[project]', "name = 'mylib'   # keep", 'version = "1.2.0"', 'dependencies = ["b>=1", "c"]', ''].join('\r\n');

  it('changes only the edited literals, keeping their quotes', () => {
    const sites = findStringSites(text, FILE);
    const result = applyStringEdits(
      text,
      [
        { site: siteAt(sites, ['project', 'version'])!, value: '1.3.0' },
        { site: siteAt(sites, ['project', 'dependencies', 0])!, value: 'b>=2' },
        { site: siteAt(sites, ['project', 'name'])!, value: 'renamed' },
      ],
      FILE,
    );
    expect(result).toBe(['# top', '[project]', "name = 'renamed'   # keep", 'version = "1.3.0"', 'dependencies = ["b>=2", "c"]', ''].join('\r\n'));
  });

  it('refuses overlapping edits', () => {
    const site = siteAt(findStringSites(text, FILE), ['project', 'version'])!;
    expect(() => applyStringEdits(text, [{ site, value: '1' }, { site, value: '2' }], FILE)).toThrow(/Overlapping edits/);
  });

  it('refuses an edit whose site no longer matches the text', () => {
    const site = siteAt(findStringSites(text, FILE), ['project', 'version'])!;
    expect(() => applyStringEdits(`# shifted\n${text}`, [{ site, value: '1.3.0' }], FILE)).toThrow();
  });
});

/** Generated documents: every kind of table, key and string, random comments, blank lines and line endings. */
const STYLES: TomlStringStyle[] = ['basic', 'literal', 'multiline-basic', 'multiline-literal'];
const stringValue = fc.string({ unit: fc.constantFrom('a', 'Z', '1', '.', ' ', '"', "'", '\\', '\n', '\t', 'é', '😀', '#', '=', '[', ']', '{', ','), maxLength: 12 });
const literal = fc.tuple(stringValue, fc.constantFrom(...STYLES)).map(([value, style]) => renderTomlString(value, style));
const scalar = fc.oneof(literal, literal, fc.constantFrom('42', 'true', '-1.5e3', '1979-05-27 07:32:00Z', '0x1F'));
const value: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 3 }).map((items) => `[${items.join(', ')}]`),
    fc.array(tie('value'), { maxLength: 3 }).map((items) => `[\n  ${items.join(',\n  # between\n  ')},\n]`),
    fc.array(tie('value'), { maxLength: 3 }).map((items) => `{ ${items.map((v, i) => `i${i} = ${v}`).join(', ')} }`),
  ),
})).value;
const keyStyle = fc.constantFrom((i: number) => `k${i}`, (i: number) => `"k ${i}"`, (i: number) => `'k.${i}'`, (i: number) => `d${i}.inner`);
const pairs = fc.array(fc.tuple(keyStyle, value, fc.boolean()), { maxLength: 4 }).map((entries) =>
  entries.map(([key, v, comment], i) => `${key(i)} = ${v}${comment ? ' # note "x"' : ''}`),
);
const header = fc.constantFrom('[t]', '[ "quoted".sub ]', '[[aot]]', '[[aot]]', '[aot.child]', '[[aot.items]]');
const documentText = fc
  .tuple(pairs, fc.array(fc.tuple(header, pairs), { maxLength: 5 }), fc.constantFrom('\n', '\r\n'), fc.boolean())
  .map(([rootPairs, tables, eol, blank]) => {
    const lines = ['# generated', ...rootPairs];
    const seen = new Set<string>();
    for (const [h, body] of tables) {
      // A plain table header may appear once; arrays of tables repeat.
      if (!h.startsWith('[[') && seen.has(h)) continue;
      seen.add(h);
      if (h === '[aot.child]' || h === '[[aot.items]]') {
        if (!seen.has('[[aot]]')) continue;
      }
      lines.push(...(blank ? [''] : []), h, ...body);
    }
    return lines.join(eol) + eol;
  })
  .filter((text) => {
    try {
      parse(text);
      return true;
    } catch {
      return false;
    }
  });

describe('round trip over generated TOML', () => {
  it('finds exactly the strings the parser sees', () => {
    let rich = 0;
    fc.assert(
      fc.property(documentText, (text) => {
        const found = findStringSites(text, FILE).map(({ path, value }) => ({ path, value }));
        expect(found.sort(byPath)).toEqual(stringLeaves(parse(text)).sort(byPath));
        if (found.length >= 3 && found.some((site) => site.path.some((key) => typeof key === 'number'))) rich++;
      }),
      { numRuns: 400 },
    );
    // The generator must keep producing documents with several strings inside arrays or arrays of tables.
    expect(rich).toBeGreaterThan(100);
  });

  it('edits change the edited values and leave every other byte as it was', () => {
    fc.assert(
      fc.property(documentText, fc.array(fc.tuple(fc.nat(), stringValue), { maxLength: 4 }), (text, picks) => {
        const sites = findStringSites(text, FILE);
        fc.pre(sites.length > 0);
        const edits = [...new Map(picks.map(([i, v]) => [i % sites.length, { site: sites[i % sites.length], value: v }])).values()];
        const result = applyStringEdits(text, edits, FILE);

        let expected = '';
        let cursor = 0;
        for (const { site, value } of [...edits].sort((a, b) => a.site.range[0] - b.site.range[0])) {
          const written = renderTomlString(value, site.style);
          expect(parse(`v = ${written}`).v).toBe(value);
          expected += text.slice(cursor, site.range[0]) + written;
          cursor = site.range[1];
        }
        expect(result).toBe(expected + text.slice(cursor));

        const before = new Map(stringLeaves(parse(text)).map((leaf) => [JSON.stringify(leaf.path), leaf.value]));
        for (const { site, value } of edits) before.set(JSON.stringify(site.path), value);
        const after = new Map(stringLeaves(parse(result)).map((leaf) => [JSON.stringify(leaf.path), leaf.value]));
        expect(after).toEqual(before);
      }),
      { numRuns: 400 },
    );
  });
});
