import { satisfies } from '@renovatebot/pep440';
import { PyrelError } from './errors';

// name, extras, then the specifier (optionally in parentheses), then markers. URL requirements
// (`name @ https://…`) have no version to raise and are left alone.
const REQUIREMENT = /^(\s*[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?\s*(?:\[[^\]]*\])?\s*)(\(?)([^;@()]*?)(\)?)(\s*(?:;.*)?)$/s;
const CLAUSE = /^(\s*)(~=|===|==|!=|<=|>=|<|>)(\s*)(\S+?)(\s*)$/;
/** Clauses that set a floor; raising a dependency moves the floor to the new version. */
const FLOOR_OPERATORS = new Set(['>=', '~=', '==', '===']);

/**
 * The new version written with as many release components as the old pin had, when that loses
 * nothing (`>=1.2` + 1.3.0 -> `>=1.3`), else in full (`>=1.2` + 1.3.1 -> `>=1.3.1`).
 */
function pinText(oldPin: string, newVersion: string): string {
  const components = oldPin.replace(/^\d+!/, '').split('.').filter((part) => /^\d+$/.test(part)).length;
  const release = /^((?:\d+!)?)(\d+(?:\.\d+)*)$/.exec(newVersion);
  if (!release) return newVersion;
  const parts = release[2].split('.');
  if (components >= parts.length || parts.slice(components).some((part) => part !== '0')) return newVersion;
  return release[1] + parts.slice(0, components).join('.');
}

function raiseClause(clause: string, newVersion: string): string {
  const match = CLAUSE.exec(clause);
  if (!match || !FLOOR_OPERATORS.has(match[2])) return clause;
  const [, before, operator, gap, pin, after] = match;
  if (pin.endsWith('.*')) {
    // `==1.2.*` keeps its prefix length: `==1.3.*`.
    const prefixLength = pin.slice(0, -2).split('.').length;
    const prefix = newVersion.replace(/^(\d+!)?/, '').split(/[^\d]+/).slice(0, prefixLength).join('.');
    return `${before}${operator}${gap}${/^\d+!/.exec(newVersion)?.[0] ?? ''}${prefix}.*${after}`;
  }
  return `${before}${operator}${gap}${pinText(pin, newVersion)}${after}`;
}

/** The version specifier of a requirement (`>=1.2,<2` of `mylib[cli]>=1.2,<2; python_version>"3.9"`), empty when it has none. */
export function requirementSpecifier(requirement: string): string {
  return REQUIREMENT.exec(requirement)?.[3].trim() ?? '';
}

/**
 * A dependent's requirement on a dependency that is moving to `newVersion`, with its floor
 * raised in its own style (`>=1.2.0` -> `>=1.3.0`, `~=1.2` -> `~=1.3`, `==1.2.0` -> `==1.3.0`).
 * An upper bound that excludes the new version is an error: it signals a break the dependent
 * must opt into. A requirement without a specifier is returned unchanged.
 */
export function raiseRequirementPin(requirement: string, newVersion: string, dependentFile: string): string {
  const match = REQUIREMENT.exec(requirement);
  if (!match || !match[3].trim()) return requirement;
  const [, head, open, specifier, close, markers] = match;
  const raised = specifier.split(',').map((clause) => raiseClause(clause, newVersion)).join(',');
  if (!satisfies(newVersion, raised.replace(/\s+/g, ''))) {
    throw new PyrelError(`${dependentFile}: "${requirement.trim()}" does not allow the new version ${newVersion}.`, [
      'Its upper bound excludes the release, which signals a breaking change the dependent has to opt into.',
      `Widen the bound in ${dependentFile} (and adapt the dependent), or release a version the bound allows.`,
    ]);
  }
  return `${head}${open}${raised}${close}${markers}`;
}
