import type { NxJsonConfiguration } from '@nx/devkit';

export const DEFAULT_RELEASE_TAG_PATTERN = '{projectName}@{version}';

/** The tag pattern in force: the option, else nx.json `release.releaseTag.pattern`, else `{projectName}@{version}`. */
export function releaseTagPattern(option: string | undefined, nxJson: NxJsonConfiguration | undefined): string {
  return option || nxJson?.release?.releaseTag?.pattern || DEFAULT_RELEASE_TAG_PATTERN;
}
