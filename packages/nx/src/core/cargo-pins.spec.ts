import { raiseCargoPin } from './cargo-pins';
import { thrownBy } from '../testing/pyrel-errors';

describe('raiseCargoPin', () => {
  it.each([
    ['0.1.0', '0.2.0', '0.2.0'],
    ['0.1', '0.2.0', '0.2'],
    ['0.1', '0.2.1', '0.2.1'],
    ['^0.1.0', '0.2.0', '^0.2.0'],
    ['~1.2', '1.3.0', '~1.3'],
    ['=1.2.0', '1.3.0-beta.1', '=1.3.0-beta.1'],
    ['1', '1.3.0-beta.1', '1.3.0-beta.1'],
    ['>= 1.2, < 2', '1.3.0', '>= 1.3, < 2'],
    ['>=1.2.0, <=1.3.0', '1.3.0', '>=1.3.0, <=1.3.0'],
    ['*', '2.0.0', '*'],
    ['1.*', '2.0.0', '1.*'],
  ])('raises %s for %s to %s', (requirement, version, raised) => {
    expect(raiseCargoPin(requirement, version, 'crates/app/Cargo.toml')).toBe(raised);
  });

  it.each([
    ['>=1.0, <2', '2.0.0'],
    ['>=1.0, <=1.5', '1.5.1'],
  ])('refuses %s for %s, naming the dependent', (requirement, version) => {
    const error = thrownBy(() => raiseCargoPin(requirement, version, 'crates/app/Cargo.toml'));
    expect(error.title).toBe(`crates/app/Cargo.toml: the requirement "${requirement}" does not allow the new version ${version}.`);
  });

  it('allows a pre-release below an exclusive upper bound on the release', () => {
    expect(raiseCargoPin('>=1.0, <2.0.0', '1.9.0-rc.1', 'Cargo.toml')).toBe('>=1.9.0-rc.1, <2.0.0');
  });
});
