import { compare as oracleCompare } from '@renovatebot/pep440';
import fc from 'fast-check';
import { PyrelError } from './errors';
import {
  BUMP_KEYWORDS,
  DEFAULT_PREID,
  bumpVersion,
  compareVersions,
  formatVersion,
  isBumpKeyword,
  isPrerelease,
  nextVersion,
  normalizeVersion,
  parsePreid,
  parseVersion,
  type BumpKeyword,
  type Pep440Version,
  type Preid,
} from './pep440';
import { thrownBy } from '../testing/pyrel-errors';


const PREIDS: readonly (Preid | undefined)[] = [undefined, 'a', 'b', 'rc', 'dev'];
const RUNS = { numRuns: 1000 };

describe('parseVersion', () => {
  it.each<[string, Pep440Version]>([
    ['1.2.3', { epoch: 0, release: [1, 2, 3] }],
    ['1!2.0', { epoch: 1, release: [2, 0] }],
    ['1.0.post1', { epoch: 0, release: [1, 0], post: 1 }],
    ['1.0rc1.dev2', { epoch: 0, release: [1, 0], pre: { phase: 'rc', number: 1 }, dev: 2 }],
    ['1.0+local.7', { epoch: 0, release: [1, 0], local: 'local.7' }],
    ['1!2.0rc1.post2.dev3+local.x', { epoch: 1, release: [2, 0], pre: { phase: 'rc', number: 1 }, post: 2, dev: 3, local: 'local.x' }],
    ['1.0.dev0', { epoch: 0, release: [1, 0], dev: 0 }],
  ])('parses %s', (text, expected) => {
    expect(parseVersion(text)).toEqual(expected);
  });

  it.each([
    'not-a-version',
    '',
    '1.0+',
    '1..0',
    '1.0.',
    '.1',
    '1.0-',
    '1.0nightly1',
    '1.0a1b2',
    '1.0+local..x',
    '1.0+lo cal',
    '1,0',
    '1.0.0-alpha.beta',
    '99999999999999999999.0',
  ])('rejects %j with a PyrelError that shows a valid version', (text) => {
    const error = thrownBy(() => parseVersion(text));
    expect(error.title).toBe(`Invalid PEP 440 version "${text}".`);
    expect(error.bodyLines.join('\n')).toMatch(/1\.2\.3|smaller version/);
  });
});

describe('normalizeVersion', () => {
  it.each([
    ['1.2.3', '1.2.3'],
    ['v1.0', '1.0'],
    ['V1.0', '1.0'],
    ['  1.0\n', '1.0'],
    ['1.0-rc.1', '1.0rc1'],
    ['1.0-RC.1', '1.0rc1'],
    ['1.0RC1', '1.0rc1'],
    ['1.0c1', '1.0rc1'],
    ['1.0pre1', '1.0rc1'],
    ['1.0preview2', '1.0rc2'],
    ['1.0.a.1', '1.0a1'],
    ['1.0alpha1', '1.0a1'],
    ['1.0-beta', '1.0b0'],
    ['1.0a', '1.0a0'],
    ['1.0-1', '1.0.post1'],
    ['1.0.post', '1.0.post0'],
    ['1.0-post-1', '1.0.post1'],
    ['1.0rev1', '1.0.post1'],
    ['1.0r1', '1.0.post1'],
    ['1.0dev', '1.0.dev0'],
    ['1.0-dev-3', '1.0.dev3'],
    ['1.0_dev_3', '1.0.dev3'],
    ['1.0a1-1', '1.0a1.post1'],
    ['01.02.003', '1.2.3'],
    ['0!1.0', '1.0'],
    ['1!2.0', '1!2.0'],
    ['1.0.post1', '1.0.post1'],
    ['1.0rc1.dev2', '1.0rc1.dev2'],
    ['1.0+local.7', '1.0+local.7'],
    ['1.0+Local-7', '1.0+local.7'],
    ['1.0+local_X.007', '1.0+local.x.7'],
    ['1.0+1e5', '1.0+1e5'],
    ['1.0+0x1f', '1.0+0x1f'],
    ['1.0.0-alpha.1.dev.2', '1.0.0a1.dev2'],
  ])('normalises %j to %s', (text, expected) => {
    expect(normalizeVersion(text)).toBe(expected);
  });

  it('throws for an invalid version', () => {
    expect(() => normalizeVersion('1.0-nightly')).toThrow(PyrelError);
  });
});

describe('compareVersions', () => {
  it.each([
    ['dev < pre < release < post', ['1.0.dev0', '1.0.dev1', '1.0a1.dev1', '1.0a1', '1.0a1.post1.dev1', '1.0a1.post1', '1.0a2', '1.0b1', '1.0rc1.dev1', '1.0rc1', '1.0', '1.0+local', '1.0.post1.dev1', '1.0.post1', '1.0.post2', '1.0.1.dev1', '1.0.1']],
    ['releases by number, not by text', ['1.0', '1.1', '1.2', '1.9', '1.10', '2.0', '10.0']],
    ['epochs first', ['2024.1', '1!0.1', '1!1.0', '2!0.0.dev1']],
    ['local segments: strings before numbers, numbers by value, longer after', ['1.0', '1.0+abc', '1.0+abc.5', '1.0+xyz', '1.0+5', '1.0+5.abc', '1.0+10']],
  ])('orders %s', (_what, chain) => {
    for (let i = 0; i + 1 < chain.length; i++) {
      expect([chain[i], compareVersions(chain[i], chain[i + 1])]).toEqual([chain[i], -1]);
      expect([chain[i + 1], compareVersions(chain[i + 1], chain[i])]).toEqual([chain[i + 1], 1]);
    }
  });

  it.each([
    ['1.0', '1.0.0'],
    ['1', '1.0.0.0'],
    ['v1.0RC1', '1.0rc1'],
    ['1.0-1', '1.0.post1'],
    ['0!1.0', '1.0'],
    ['1.0+Local-7', '1.0+local.7'],
  ])('treats %s and %s as equal', (a, b) => {
    expect(compareVersions(a, b)).toBe(0);
  });

  it('throws a PyrelError for an invalid version', () => {
    expect(() => compareVersions('1.0', 'next')).toThrow('Invalid PEP 440 version "next".');
  });
});

describe('isPrerelease', () => {
  it.each([
    ['1.0', false],
    ['1.0.post1', false],
    ['1.0+local', false],
    ['1.0a1', true],
    ['1.0rc1.post1', true],
    ['1.0.dev1', true],
    ['1.0.post1.dev1', true],
  ])('%s -> %s', (text, expected) => {
    expect(isPrerelease(text)).toBe(expected);
  });
});

describe('parsePreid', () => {
  it.each([
    ['a', 'a'],
    ['alpha', 'a'],
    ['b', 'b'],
    ['beta', 'b'],
    ['rc', 'rc'],
    ['c', 'rc'],
    ['pre', 'rc'],
    ['preview', 'rc'],
    ['dev', 'dev'],
    [' RC ', 'rc'],
    ['Alpha', 'a'],
  ])('reads %j as %s', (text, expected) => {
    expect(parsePreid(text)).toBe(expected);
  });

  it.each(['nightly', 'post', '', 'r'])('rejects %j and lists the kinds', (text) => {
    const error = thrownBy(() => parsePreid(text));
    expect(error.title).toBe(`Unknown pre-release kind "${text}".`);
    expect(error.bodyLines[0]).toContain('rc');
  });
});

describe('isBumpKeyword', () => {
  it('knows the seven keywords and nothing else', () => {
    expect(BUMP_KEYWORDS.every(isBumpKeyword)).toBe(true);
    expect(['Major', '1.0', 'auto', 'post'].some(isBumpKeyword)).toBe(false);
  });
});

describe('bumpVersion', () => {
  it('starts pre-releases with rc when no preid is given', () => {
    expect(DEFAULT_PREID).toBe('rc');
  });

  it.each<[string, BumpKeyword, Preid | undefined, string]>([
    // Stable versions: raise one component, zero the rest.
    ['1.2.3', 'major', undefined, '2.0.0'],
    ['1.2.3', 'minor', undefined, '1.3.0'],
    ['1.2.3', 'patch', undefined, '1.2.4'],
    // Component count: kept, padded to three only when the third is needed, capped at three.
    ['1.0', 'major', undefined, '2.0'],
    ['1.0', 'minor', undefined, '1.1'],
    ['1.0', 'patch', undefined, '1.0.1'],
    ['1', 'major', undefined, '2'],
    ['1', 'minor', undefined, '1.1'],
    ['1', 'patch', undefined, '1.0.1'],
    ['1.2.3.4', 'patch', undefined, '1.2.4'],
    ['1.2.3.4', 'minor', undefined, '1.3.0'],
    ['1.2.3.4', 'major', undefined, '2.0.0'],
    // Epoch kept, local dropped.
    ['1!2.0', 'minor', undefined, '1!2.1'],
    ['1!2.0', 'prerelease', 'a', '1!2.0.1a1'],
    ['1.2.3+local.7', 'patch', undefined, '1.2.4'],
    ['1.2.3rc1+local', 'prerelease', undefined, '1.2.3rc2'],
    // Pre-releases of a release already at that level are finalised (semver).
    ['2.0.0rc1', 'major', undefined, '2.0.0'],
    ['2.0.0rc1', 'minor', undefined, '2.0.0'],
    ['2.1.0rc1', 'major', undefined, '3.0.0'],
    ['1.3.0b2', 'minor', undefined, '1.3.0'],
    ['1.3.1b2', 'minor', undefined, '1.4.0'],
    ['1.2.4rc1', 'patch', undefined, '1.2.4'],
    ['1.2.4rc1', 'minor', undefined, '1.3.0'],
    ['1.0rc1.dev2', 'minor', undefined, '1.0'],
    ['1.0rc1.dev2', 'patch', undefined, '1.0'],
    ['1.0rc1.dev2', 'major', undefined, '1.0'],
    ['1.0rc1.post1', 'patch', undefined, '1.0'],
    ['1.0.dev3', 'patch', undefined, '1.0'],
    ['1.2.3.0rc1', 'patch', undefined, '1.2.3'],
    ['1.2.3.4rc1', 'patch', undefined, '1.2.4'],
    // Post releases (and dev releases of them) sort above their release: raise.
    ['1.0.post1', 'patch', undefined, '1.0.1'],
    ['1.0.post1', 'minor', undefined, '1.1'],
    ['1.0.post1.dev1', 'patch', undefined, '1.0.1'],
    ['1.0.post1.dev1', 'major', undefined, '2.0'],
    // pre*: always a new release, then <preid>1.
    ['1.2.3', 'premajor', 'b', '2.0.0b1'],
    ['1.2.3', 'premajor', 'dev', '2.0.0.dev1'],
    ['1.2.3', 'premajor', undefined, '2.0.0rc1'],
    ['1.2.3', 'preminor', 'a', '1.3.0a1'],
    ['1.2.3', 'prepatch', 'rc', '1.2.4rc1'],
    ['1.0', 'prepatch', 'a', '1.0.1a1'],
    ['2.0.0b1', 'premajor', 'a', '3.0.0a1'],
    ['2.0.0b1', 'preminor', 'b', '2.1.0b1'],
    ['2.0.0b1', 'prepatch', 'rc', '2.0.1rc1'],
    // prerelease from a final or post release: next patch, <preid>1.
    ['1.2.3', 'prerelease', 'a', '1.2.4a1'],
    ['1.2.3', 'prerelease', undefined, '1.2.4rc1'],
    ['1.2.3', 'prerelease', 'dev', '1.2.4.dev1'],
    ['1.0.post1', 'prerelease', 'a', '1.0.1a1'],
    ['1.0.post1.dev2', 'prerelease', 'dev', '1.0.1.dev1'],
    // prerelease from a pre-release.
    ['2.0.0b1', 'prerelease', undefined, '2.0.0b2'],
    ['2.0.0b1', 'prerelease', 'b', '2.0.0b2'],
    ['2.0.0b2', 'prerelease', 'rc', '2.0.0rc1'],
    ['2.0.0a3', 'prerelease', 'b', '2.0.0b1'],
    ['2.0.0rc1', 'prerelease', 'a', '2.0.1a1'],
    ['2.0.0rc1', 'prerelease', 'b', '2.0.1b1'],
    ['1.0a0', 'prerelease', undefined, '1.0a1'],
    ['1.0rc1.post1', 'prerelease', undefined, '1.0rc2'],
    ['1.0rc1.post1', 'prerelease', 'rc', '1.0rc2'],
    ['1.0rc1', 'prerelease', 'dev', '1.0rc2.dev1'],
    // dev releases.
    ['1.0rc1.dev2', 'prerelease', undefined, '1.0rc1.dev3'],
    ['1.0rc1.dev2', 'prerelease', 'dev', '1.0rc1.dev3'],
    ['1.0rc1.dev2', 'prerelease', 'rc', '1.0rc1'],
    ['1.0rc1.dev2', 'prerelease', 'a', '1.0.1a1'],
    ['1.0b1.dev2', 'prerelease', 'rc', '1.0rc1'],
    ['1.0rc1.post1.dev2', 'prerelease', undefined, '1.0rc1.post1.dev3'],
    ['1.0rc1.post1.dev2', 'prerelease', 'rc', '1.0rc2'],
    ['1.0.dev3', 'prerelease', 'dev', '1.0.dev4'],
    ['1.0.dev3', 'prerelease', undefined, '1.0.dev4'],
    ['1.0.dev3', 'prerelease', 'a', '1.0a1'],
    ['1.0.dev3', 'prerelease', 'rc', '1.0rc1'],
  ])('%s %s %s -> %s', (current, bump, preid, expected) => {
    const next = bumpVersion(current, bump, preid);
    expect(next).toBe(expected);
    expect(compareVersions(next, current)).toBe(1);
  });

  it('throws a PyrelError for an invalid current version', () => {
    expect(() => bumpVersion('latest', 'patch')).toThrow('Invalid PEP 440 version "latest".');
  });
});

describe('nextVersion', () => {
  it.each<[string, string, Preid | undefined, string[], string]>([
    ['2.0.0b1', 'prerelease', undefined, [], '2.0.0b2'],
    ['2.0.0b1', 'prerelease', undefined, ['2.0.0b1', '2.0.0b2', '2.0.0b3'], '2.0.0b4'],
    ['2.0.0b1', 'prerelease', 'b', ['1.9.0', '2.0.0b1', '2.0.0b2', '2.0.0b3'], '2.0.0b4'],
    ['2.0.0b1', 'prerelease', undefined, ['2.0.0b1', '2.0.0b2', '2.0.0rc1'], '2.0.0rc2'],
    ['1.2.3', 'prerelease', 'a', ['1.2.3', '1.2.4a1', '1.2.4a2'], '1.2.4a3'],
    ['1.2.3', 'patch', undefined, ['1.2.3', '1.2.4', '1.2.5'], '1.2.6'],
    ['1.0.0', 'major', undefined, ['2.0.0'], '3.0.0'],
    ['1.0.0', 'minor', undefined, ['5.0.0'], '5.1.0'],
    ['1.0.0', 'prerelease', undefined, ['5.0.0'], '5.0.1rc1'],
    ['2.0.0rc1', 'major', undefined, ['2.0.0rc1', '2.0.0rc2'], '2.0.0'],
    ['2.0.0b1', 'premajor', 'a', ['3.0.0a1', '3.0.0a2'], '3.0.0a3'],
    ['2.0.0b1', 'premajor', undefined, ['3.0.0rc1'], '3.0.0rc2'],
    ['2.0.0b1', 'premajor', 'dev', ['3.0.0a1'], '3.0.0a2.dev1'],
    ['2.0.0b1', 'premajor', 'a', ['3.0.0'], '4.0.0a1'],
    ['1.2.3', 'patch', undefined, ['not a version', '1.2.4-legacy-final'], '1.2.4'],
    ['1.2.3', 'patch', undefined, ['1.2.4+local'], '1.2.5'],
    ['1.2.3', ' minor ', undefined, [], '1.3.0'],
  ])('%s %s (preid %s) with %j published -> %s', (current, specifier, preid, published, expected) => {
    expect(nextVersion({ current, specifier, preid, published })).toBe(expected);
  });

  it.each([
    ['1.2.3', '1.3.0', '1.3.0'],
    ['1.2.3', 'v1.3.0-RC.1', '1.3.0rc1'],
    ['1.2.3', '1.2.3.post1', '1.2.3.post1'],
    ['2.0.0rc1', '2.0', '2.0'],
    ['1.0', '1!0.1', '1!0.1'],
  ])('%s to the explicit %s -> %s', (current, specifier, expected) => {
    expect(nextVersion({ current, specifier, published: ['1.0', '1.2.3'] })).toBe(expected);
  });

  it('refuses an explicit version that is not greater, naming both', () => {
    const error = thrownBy(() => nextVersion({ current: '2.1.0', specifier: '2.0.0' }));
    expect(error.title).toBe('2.0.0 is not greater than the current version 2.1.0.');
    expect(error.bodyLines[0]).toContain('2.1.1');
  });

  it('refuses the current version itself, however it is spelled', () => {
    expect(thrownBy(() => nextVersion({ current: '1.0', specifier: 'v1.0.0' })).title).toBe('1.0.0 is not greater than the current version 1.0.');
  });

  it('refuses an explicit version that is already published, naming it', () => {
    const error = thrownBy(() => nextVersion({ current: '1.0.0', specifier: '1.1', published: ['1.0.0', '1.1.0'] }));
    expect(error.title).toBe('1.1 is already published.');
    expect(error.bodyLines[0]).toMatch(/never accepts the same version twice/);
  });

  it('refuses a specifier that is neither a keyword nor a version', () => {
    const error = thrownBy(() => nextVersion({ current: '1.0.0', specifier: 'Major' }));
    expect(error.title).toBe('"Major" is neither a bump keyword nor a valid PEP 440 version.');
    expect(error.bodyLines[0]).toContain('prerelease');
  });

  it('refuses an invalid current version', () => {
    expect(() => nextVersion({ current: 'dev', specifier: 'patch' })).toThrow('Invalid PEP 440 version "dev".');
  });
});

// Versions as text, spelled canonically or with the alternative spellings PEP 440 normalises.
const number = fc.integer({ min: 0, max: 20 });
const localSegment = fc.oneof(fc.stringMatching(/^[a-z][a-z0-9]{0,3}$/), number.map(String));
const versionArbitrary: fc.Arbitrary<string> = fc
  .record({
    epoch: fc.integer({ min: 0, max: 2 }),
    release: fc.array(number, { minLength: 1, maxLength: 4 }),
    pre: fc.option(fc.record({ phase: fc.constantFrom('a', 'b', 'rc', 'alpha', 'beta', 'c', 'pre', 'preview'), number, separator: fc.constantFrom('', '-', '.') })),
    post: fc.option(fc.record({ number, spelling: fc.constantFrom('.post', '-', '.rev', 'post') })),
    dev: fc.option(fc.record({ number, spelling: fc.constantFrom('.dev', '-dev', 'dev') })),
    local: fc.option(fc.array(localSegment, { minLength: 1, maxLength: 3 })),
  })
  .map(({ epoch, release, pre, post, dev, local }) => {
    let text = epoch ? `${epoch}!` : '';
    text += release.join('.');
    if (pre) text += `${pre.separator}${pre.phase}${pre.number}`;
    if (post) text += `${post.spelling}${post.number}`;
    if (dev) text += `${dev.spelling}${dev.number}`;
    if (local) text += `+${local.join('.')}`;
    return text;
  });

describe('properties', () => {
  it('normalising is idempotent and round-trips through parse and format', () => {
    fc.assert(
      fc.property(versionArbitrary, (text) => {
        const normal = normalizeVersion(text);
        expect(normalizeVersion(normal)).toBe(normal);
        expect(formatVersion(parseVersion(normal))).toBe(normal);
        expect(compareVersions(text, normal)).toBe(0);
      }),
      RUNS,
    );
  });

  it('orders like packaging (checked against @renovatebot/pep440 for public versions)', () => {
    const publicVersion = versionArbitrary.map((text) => text.split('+')[0]);
    fc.assert(
      fc.property(publicVersion, publicVersion, (a, b) => {
        expect(compareVersions(a, b)).toBe(Math.sign(oracleCompare(a, b)));
        expect(compareVersions(b, a)).toBe(-compareVersions(a, b));
      }),
      RUNS,
    );
  });

  it('every bump of every version with every preid is greater, public and canonical', () => {
    fc.assert(
      fc.property(versionArbitrary, (current) => {
        for (const bump of BUMP_KEYWORDS) {
          for (const preid of PREIDS) {
            // Plain checks rather than 140,000 expect calls; fast-check prints the failing input.
            const next = bumpVersion(current, bump, preid);
            const parsed = parseVersion(next);
            const problem =
              compareVersions(next, current) !== 1 ? 'not greater' :
              parsed.local !== undefined ? 'has a local segment' :
              parsed.epoch !== parseVersion(current).epoch ? 'changed the epoch' :
              formatVersion(parsed) !== next ? 'is not canonical' : undefined;
            if (problem) throw new Error(`${current} ${bump} ${preid ?? '(no preid)'} -> ${next} ${problem}`);
          }
        }
      }),
      RUNS,
    );
  });

  it('nextVersion is greater than the current version and every published one', () => {
    const keyword = fc.constantFrom(...BUMP_KEYWORDS);
    const preid = fc.constantFrom(...PREIDS);
    // Published versions: arbitrary ones, plus chains of bumps from the current version so that
    // the candidate is often already taken.
    const scenario = fc
      .record({
        current: versionArbitrary,
        others: fc.array(versionArbitrary, { maxLength: 3 }),
        chain: fc.array(fc.tuple(keyword, preid), { maxLength: 4 }),
        keyword,
        preid,
      })
      .map(({ current, others, chain, keyword, preid }) => {
        const published = [...others];
        let last = current;
        for (const [bump, id] of chain) {
          last = bumpVersion(last, bump, id);
          published.push(last);
        }
        return { current, published, keyword, preid };
      });
    fc.assert(
      fc.property(scenario, ({ current, published, keyword, preid }) => {
        const next = nextVersion({ current, specifier: keyword, preid, published });
        expect(compareVersions(next, current)).toBe(1);
        for (const version of published) expect([version, compareVersions(next, version)]).toEqual([version, 1]);
        expect(parseVersion(next).local).toBeUndefined();
      }),
      RUNS,
    );
  });
});
