import { formatBytes, formatTable } from './format';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1, '1 B'],
    [1023, '1023 B'],
    [1024, '1.0 KiB'],
    [1536, '1.5 KiB'],
    [1024 * 1024 - 1024, '1023.0 KiB'],
    [1048576, '1.0 MiB'],
    [12 * 1048576, '12.0 MiB'],
    [1024 ** 3, '1.0 GiB'],
    [1048575, '1.0 MiB'],
    [1024 ** 3 - 1, '1.0 GiB'],
    [1024 ** 4, '1024.0 GiB'],
    [5 * 1024 ** 5, '5242880.0 GiB'],
  ])('formats %d bytes as %j', (bytes, expected) => {
    expect(formatBytes(bytes)).toBe(expected);
  });
});

describe('formatTable', () => {
  it('aligns columns under a dashed rule and trims trailing spaces', () => {
    expect(formatTable([['project', 'old', 'new'], ['mylib', '1.2.0', '1.3.0'], ['fastcalc', '0.4.0', '0.5.0b1']])).toEqual([
      '  project   old    new',
      '  --------  -----  -------',
      '  mylib     1.2.0  1.3.0',
      '  fastcalc  0.4.0  0.5.0b1',
    ]);
  });
});
