import fc from 'fast-check';
import { PyrelError } from './errors';
import { formatVersion, normalizeVersion, parseVersion } from './pep440';
import { cargoToPep440, pep440ToCargo } from './semver-mapping';
import { thrownBy } from '../testing/pyrel-errors';


/** The normalised version with its release padded to three numbers: `1.3a1` -> `1.3.0a1`. */
function padded(version: string): string {
  const parsed = parseVersion(version);
  return formatVersion({ ...parsed, release: [...parsed.release, 0, 0].slice(0, Math.max(3, parsed.release.length)) });
}

describe('cargoToPep440 (what maturin puts in the wheel)', () => {
  it.each([
    ['1.3.0', '1.3.0'],
    ['0.1.0', '0.1.0'],
    ['1.3.0-alpha.3', '1.3.0a3'],
    ['1.3.0-beta.1', '1.3.0b1'],
    ['1.3.0-rc.1', '1.3.0rc1'],
    ['1.3.0-beta', '1.3.0b0'],
    ['1.3.0-pre.1', '1.3.0rc1'],
    ['1.3.0-preview.2', '1.3.0rc2'],
    ['1.3.0-c.1', '1.3.0rc1'],
    ['1.3.0-a.1', '1.3.0a1'],
    ['1.3.0-alpha1', '1.3.0a1'],
    ['1.3.0-RC.1', '1.3.0rc1'],
    ['1.3.0-dev.1', '1.3.0.dev1'],
    ['1.3.0-dev', '1.3.0.dev0'],
    ['1.3.0-alpha.1.dev.2', '1.3.0a1.dev2'],
    ['1.3.0-rc.1.post.2', '1.3.0rc1.post2'],
    ['1.3.0-post.1', '1.3.0.post1'],
    // A bare number is a SemVer pre-release but PEP 440's implicit post release.
    ['1.3.0-1', '1.3.0.post1'],
    // Build metadata becomes a PEP 440 local version, as pep440_rs reads it.
    ['1.3.0+build.5', '1.3.0+build.5'],
    ['1.3.0-beta.1+Build-007', '1.3.0b1+build.7'],
  ])('%s -> %s', (semver, pep440) => {
    expect(cargoToPep440(semver)).toBe(pep440);
  });

  it.each(['1.3.0-nightly.1', '1.3.0-alpha.beta', '1.3.0-canary', '1.3.0-rc.1.nightly.2', '1.3.0+build.-5'])(
    'rejects %s the way maturin does, listing the tags it accepts',
    (semver) => {
      const error = thrownBy(() => cargoToPep440(semver));
      expect(error.title).toBe(`maturin cannot turn the Cargo version "${semver}" into a Python version.`);
      expect(error.bodyLines.join('\n')).toMatch(/alpha.*beta.*rc.*dev/);
      expect(error.bodyLines.join('\n')).toContain('1.3.0-beta.2');
    },
  );

  it.each(['1.3', '1.3.0.1', 'v1.3.0', '01.3.0', '1.3.0-', '1.3.0-beta..1', 'latest'])('rejects %s, which is not a Cargo version', (semver) => {
    const error = thrownBy(() => cargoToPep440(semver));
    expect(error.title).toBe(`Invalid Cargo version "${semver}".`);
    expect(error.bodyLines[0]).toContain('MAJOR.MINOR.PATCH');
  });
});

describe('pep440ToCargo', () => {
  it.each([
    ['1.3.0', '1.3.0'],
    ['1.3', '1.3.0'],
    ['2', '2.0.0'],
    ['1.3.0b1', '1.3.0-beta.1'],
    ['1.3.0a1', '1.3.0-alpha.1'],
    ['1.3.0rc2', '1.3.0-rc.2'],
    ['1.3.0.dev1', '1.3.0-dev.1'],
    ['1.3.0a1.dev2', '1.3.0-alpha.1.dev.2'],
    ['1.3a0', '1.3.0-alpha.0'],
    ['v1.3.0-RC.1', '1.3.0-rc.1'],
    ['0!1.3.0', '1.3.0'],
  ])('%s -> %s', (pep440, cargo) => {
    expect(pep440ToCargo(pep440)).toBe(cargo);
  });

  it.each([
    ['1!2.0', 'an epoch (1!)', '2.0 (Cargo 2.0.0)'],
    ['1.2.3.post1', 'a post release (.post1)', '1.2.4 (Cargo 1.2.4)'],
    ['1.0rc1.post1', 'a post release (.post1)', '1.0 (Cargo 1.0.0)'],
    ['1.2.3.4', '4 release numbers', '1.2.4 (Cargo 1.2.4)'],
    ['1.2.3+local.7', 'a local version (+local.7)', '1.2.3 (Cargo 1.2.3)'],
    ['1!1.2.3.post2+x', 'an epoch (1!) and a post release (.post2) and a local version (+x)', '1.2.4 (Cargo 1.2.4)'],
  ])('refuses %s, which has %s, and suggests %s', (pep440, what, suggestion) => {
    const error = thrownBy(() => pep440ToCargo(pep440));
    expect(error.title).toBe(`${normalizeVersion(pep440)} cannot be written to Cargo.toml: it has ${what}.`);
    expect(error.bodyLines[0]).toMatch(/no epochs, post releases, local versions or fourth number/);
    expect(error.bodyLines[1]).toBe(`Use a version without them for this maturin project, e.g. ${suggestion}.`);
  });

  it('throws the PEP 440 error for an invalid version', () => {
    expect(() => pep440ToCargo('1.0-nightly')).toThrow('Invalid PEP 440 version "1.0-nightly".');
  });
});

describe('round trip', () => {
  // Versions Cargo can hold: up to three numbers, an optional phase, an optional dev number.
  const number = fc.integer({ min: 0, max: 30 });
  const cargoExpressible = fc
    .record({
      release: fc.array(number, { minLength: 1, maxLength: 3 }),
      pre: fc.option(fc.tuple(fc.constantFrom('a', 'b', 'rc', 'alpha', 'beta', 'c', 'preview'), number)),
      dev: fc.option(number),
    })
    .map(({ release, pre, dev }) => `${release.join('.')}${pre ? pre.join('') : ''}${dev === null ? '' : `.dev${dev}`}`);

  it('cargoToPep440(pep440ToCargo(v)) is v normalised and padded to three numbers', () => {
    fc.assert(
      fc.property(cargoExpressible, (version) => {
        expect(cargoToPep440(pep440ToCargo(version))).toBe(padded(version));
      }),
      { numRuns: 1000 },
    );
  });

  it('every suggestion in a refusal can itself be written to Cargo.toml', () => {
    const anyVersion = fc
      .record({
        epoch: fc.integer({ min: 0, max: 2 }),
        release: fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 5 }),
        pre: fc.option(fc.tuple(fc.constantFrom('a', 'b', 'rc'), fc.integer({ min: 0, max: 9 }))),
        post: fc.option(fc.integer({ min: 0, max: 9 })),
        dev: fc.option(fc.integer({ min: 0, max: 9 })),
        local: fc.option(fc.constantFrom('x', 'build.5')),
      })
      .map(({ epoch, release, pre, post, dev, local }) =>
        [epoch ? `${epoch}!` : '', release.join('.'), pre ? pre.join('') : '', post === null ? '' : `.post${post}`, dev === null ? '' : `.dev${dev}`, local === null ? '' : `+${local}`].join(''),
      );
    fc.assert(
      fc.property(anyVersion, (version) => {
        try {
          pep440ToCargo(version);
          return;
        } catch (error) {
          if (!(error instanceof PyrelError)) throw error;
          const [, suggestion = '', cargo = ''] = /e\.g\. (\S+) \(Cargo (\S+)\)\.$/.exec(error.bodyLines[1]) ?? [];
          expect(pep440ToCargo(suggestion)).toBe(cargo);
          expect(cargoToPep440(cargo)).toBe(padded(suggestion));
        }
      }),
      { numRuns: 500 },
    );
  });
});
