import { formatBytes } from './format';

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
