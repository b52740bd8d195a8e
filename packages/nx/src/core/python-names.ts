/** PEP 503 normalised distribution name: runs of `-`, `_`, `.` become one `-`, lower case (`My_Lib` -> `my-lib`). */
export function normalizeDistributionName(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}

/** A valid distribution name per the core metadata spec (PEP 508 identifier). */
export function isValidDistributionName(name: string): boolean {
  return /^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$/i.test(name);
}

/**
 * The distribution name a PEP 508 requirement refers to, ignoring extras, version specifiers,
 * URLs and markers: `"My_Lib[cli] >=1.2; python_version<'3.12'"` -> `my-lib`. Null when the
 * string does not start with a name.
 */
export function requirementName(requirement: string): string | null {
  // A PEP 508 name ends where extras, a specifier, a URL (`@`), markers or the string end begin;
  // anything else after it (`:`, `/`, `+`) means a bare URL or path, which names no distribution.
  const match = /^\s*([A-Z0-9](?:[A-Z0-9._-]*[A-Z0-9])?)\s*(?:$|[[(<>=!~;@,])/i.exec(requirement);
  return match ? normalizeDistributionName(match[1]) : null;
}
