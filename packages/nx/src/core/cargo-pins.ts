import { PyrelError } from './errors';
import { compareVersions } from './pep440';
import { cargoToPep440 } from './semver-mapping';

// One comparator of a Cargo version requirement: operator (none means caret), version, spacing.
const CLAUSE = /^(\s*)(\^|~|=|>=|>|<=|<)?(\s*)([0-9][0-9A-Za-z.+-]*)(\s*)$/;
/** Comparators that set a floor; raising a dependency moves the floor to the new version. */
const FLOOR_OPERATORS = new Set(['', '^', '~', '=', '>=']);

/** A Cargo requirement version (`1`, `1.2`, `1.2.3-beta.1`) as PEP 440, padding missing numbers with zeros. */
function asPep440(cargoVersion: string): string {
  const [core, ...rest] = cargoVersion.split(/(?=[-+])/);
  const padded = [...core.split('.'), '0', '0'].slice(0, 3).join('.');
  return cargoToPep440(padded + rest.join(''));
}

/** The new version with as many numbers as the old pin had when that loses nothing (`0.1` + 0.2.0 -> `0.2`). */
function pinText(oldPin: string, newVersion: string): string {
  const numbers = oldPin.split(/[-+]/)[0].split('.').length;
  const [core, ...rest] = newVersion.split(/(?=[-+])/);
  const parts = core.split('.');
  if (rest.length > 0 || numbers >= parts.length || parts.slice(numbers).some((part) => part !== '0')) return newVersion;
  return parts.slice(0, numbers).join('.');
}

/**
 * A Cargo dependent's version requirement on a crate moving to `newCargoVersion`, with every
 * floor raised in its own style (`0.1` -> `0.2`, `^0.1.0` -> `^0.2.0`, `=0.1.0` -> `=0.2.0`). An
 * upper bound (`<`, `<=`) the new version breaks is an error naming the dependent; a wildcard
 * requirement (`*`, `0.*`) is left as it is.
 */
export function raiseCargoPin(requirement: string, newCargoVersion: string, dependentFile: string): string {
  const clauses = requirement.split(',');
  if (clauses.some((clause) => clause.includes('*'))) return requirement;
  const next = asPep440(newCargoVersion);
  return clauses
    .map((clause) => {
      const match = CLAUSE.exec(clause);
      if (!match) return clause;
      const [, before, operator = '', gap, pin, after] = match;
      if (FLOOR_OPERATORS.has(operator)) return `${before}${operator}${gap}${pinText(pin, newCargoVersion)}${after}`;
      const order = compareVersions(next, asPep440(pin));
      if (operator === '<' ? order >= 0 : operator === '<=' ? order > 0 : false) {
        throw new PyrelError(`${dependentFile}: the requirement "${requirement.trim()}" does not allow the new version ${newCargoVersion}.`, [
          'Its upper bound excludes the release, which signals a breaking change the dependent has to opt into.',
          `Widen the bound in ${dependentFile} (and adapt the dependent), or release a version the bound allows.`,
        ]);
      }
      return clause;
    })
    .join(',');
}
