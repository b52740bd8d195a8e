import { PyrelError } from './errors';
import { raiseRequirementPin } from './requirement-pins';

describe('raiseRequirementPin', () => {
  it.each([
    ['mylib>=1.2.0', '1.3.0', 'mylib>=1.3.0'],
    ['mylib>=1.2', '1.3.0', 'mylib>=1.3'],
    ['mylib>=1.2', '1.3.1', 'mylib>=1.3.1'],
    ['mylib~=1.2.0', '1.3.0', 'mylib~=1.3.0'],
    ['mylib~=1.2', '1.3.0', 'mylib~=1.3'],
    ['mylib==1.2.0', '1.3.0', 'mylib==1.3.0'],
    ['mylib==1.2.*', '1.3.0', 'mylib==1.3.*'],
    ['mylib >= 1.2.0, < 2', '1.3.0', 'mylib >= 1.3.0, < 2'],
    ['mylib>=1.2.0,!=1.2.5', '1.3.0', 'mylib>=1.3.0,!=1.2.5'],
    ['mylib[cli,fast]>=1.2; python_version >= "3.9"', '1.3.0', 'mylib[cli,fast]>=1.3; python_version >= "3.9"'],
    ['mylib (>=1.2.0)', '1.3.0', 'mylib (>=1.3.0)'],
    ['mylib>=1.2.0', '2.0.0b1', 'mylib>=2.0.0b1'],
    ['mylib>=1!1.0', '1!2.0', 'mylib>=1!2.0'],
    ['mylib>1.0', '1.3.0', 'mylib>1.0'],
  ])('%j raised to %s is %j', (requirement, version, expected) => {
    expect(raiseRequirementPin(requirement, version, 'libs/app/pyproject.toml')).toBe(expected);
  });

  it.each(['mylib', 'mylib[cli]', 'mylib; python_version < "3.12"', 'mylib @ https://example.com/mylib-1.0.whl'])(
    'leaves %j, which pins no version, unchanged',
    (requirement) => {
      expect(raiseRequirementPin(requirement, '1.3.0', 'libs/app/pyproject.toml')).toBe(requirement);
    },
  );

  it.each([
    ['mylib>=1.2,<2', '2.0.0'],
    ['mylib>=1.2,<2', '2.0.0b1'],
    ['mylib<=1.2.0', '1.3.0'],
    ['mylib~=1.2.0,<1.3', '1.3.0'],
  ])('refuses %j for %s, naming the dependent and the version', (requirement, version) => {
    let error: unknown;
    try {
      raiseRequirementPin(requirement, version, 'libs/app/pyproject.toml');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PyrelError);
    expect((error as PyrelError).title).toBe(`libs/app/pyproject.toml: "${requirement}" does not allow the new version ${version}.`);
  });
});
