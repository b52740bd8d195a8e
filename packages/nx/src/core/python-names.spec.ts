import { isValidDistributionName, normalizeDistributionName, requirementName } from './python-names';

describe('normalizeDistributionName', () => {
  it.each([
    ['My_Lib', 'my-lib'],
    ['a.b__c', 'a-b-c'],
    ['A--B', 'a-b'],
    ['already-normal', 'already-normal'],
    ['Mixed._-Run', 'mixed-run'],
  ])('normalizes %j to %j', (name, expected) => {
    expect(normalizeDistributionName(name)).toBe(expected);
  });
});

describe('isValidDistributionName', () => {
  it.each(['a', 'Z', '9', 'my-lib', 'My_Lib', 'a.b', 'pkg2', 'A--B'])('accepts %j', (name) => {
    expect(isValidDistributionName(name)).toBe(true);
  });

  it.each(['', '-', '-lib', 'lib-', '_lib', 'lib.', 'my lib', 'lib!', 'lib/x', 'ünï'])('rejects %j', (name) => {
    expect(isValidDistributionName(name)).toBe(false);
  });
});

describe('requirementName', () => {
  it.each([
    ['requests', 'requests'],
    ['My_Lib', 'my-lib'],
    ['My_Lib[cli]', 'my-lib'],
    ['My_Lib[cli,extra] >=1.2', 'my-lib'],
    ["My_Lib[cli] >=1.2; python_version<'3.12'", 'my-lib'],
    ['pkg>=1.0,<2', 'pkg'],
    ['pkg==1.0', 'pkg'],
    ['pkg~=1.0', 'pkg'],
    ['pkg (>=1.0)', 'pkg'],
    ["pkg; sys_platform == 'linux'", 'pkg'],
    ['pkg @ https://example.com/pkg-1.0.tar.gz', 'pkg'],
    ['pkg@https://example.com/pkg-1.0.tar.gz', 'pkg'],
    ['  spaced.name  ', 'spaced-name'],
    ['\tpkg\n', 'pkg'],
    ['x', 'x'],
  ])('reads %j as %j', (requirement, expected) => {
    expect(requirementName(requirement)).toBe(expected);
  });

  it.each(['', '   ', '>=1.0', '-e ./local', './local/path', '[extra]', '; python_version>"3"', '@ https://example.com/x.whl', 'git+https://github.com/x/y.git', 'https://example.com/p.whl', 'C:\\x\\p.whl', 'pkg/sub'])(
    'returns null for %j, which does not start with a name',
    (requirement) => {
      expect(requirementName(requirement)).toBeNull();
    },
  );
});
