import { PyrelError } from './errors';
import { isTable, parseToml, stringArray } from './toml';

function parseError(text: string, file: string): PyrelError {
  try {
    parseToml(text, file);
  } catch (error) {
    if (error instanceof PyrelError) return error;
    throw error;
  }
  throw new Error('parseToml did not throw');
}

describe('parseToml', () => {
  it('parses a document into nested tables', () => {
    expect(parseToml('[project]\nname = "a"\ndependencies = ["b"]\n', 'pyproject.toml')).toEqual({
      project: { name: 'a', dependencies: ['b'] },
    });
  });

  it('names file, line and column of a syntax error in the title', () => {
    const error = parseError('[project]\nname = "a"\nversion = \n', 'libs/a/pyproject.toml');
    expect(error.title).toMatch(/^libs\/a\/pyproject\.toml:3:\d+: /);
    expect(error.message).toContain('libs/a/pyproject.toml:3:');
  });

  it('ends with advice on fixing the file and keeps the excerpt without blank lines', () => {
    const error = parseError('[project]\nname = "a"\nversion = \n', 'libs/a/pyproject.toml');
    expect(error.bodyLines.at(-1)).toBe('Fix the TOML syntax in libs/a/pyproject.toml; @pyrel/nx cannot infer this project until it parses.');
    expect(error.bodyLines.some((line) => line.includes('version ='))).toBe(true);
    expect(error.bodyLines.every((line) => line.trim() !== '')).toBe(true);
  });
});

describe('isTable', () => {
  it.each([
    [{}, true],
    [{ a: 1 }, true],
    [[], false],
    [null, false],
    [undefined, false],
    ['text', false],
    [1, false],
    [new Date(0), false],
  ])('isTable(%p) is %p', (value, expected) => {
    expect(isTable(value)).toBe(expected);
  });
});

describe('stringArray', () => {
  it('keeps only the strings of an array', () => {
    expect(stringArray(['a', 1, { 'include-group': 'g' }, 'b', null])).toEqual(['a', 'b']);
  });

  it.each([undefined, 'a', { a: 'b' }])('gives an empty list for the non-array %p', (value) => {
    expect(stringArray(value)).toEqual([]);
  });
});
