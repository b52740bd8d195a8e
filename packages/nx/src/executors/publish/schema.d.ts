export interface PublishExecutorOptions {
  repository?: string;
  uploader?: 'uv' | 'twine';
  prerelease?: boolean;
  preid?: string;
  dryRun?: boolean;
  strict?: boolean;
  verify?: boolean;
  verifyPublished?: boolean;
  gitTag?: boolean;
  releaseTagPattern?: string;
  /** Set by `nx release publish --registry`: the same as `repository`. */
  registry?: string;
  /** Passed by `nx release publish`; indexes have no dist-tags, so it is ignored. */
  tag?: string;
  firstRelease?: boolean;
  nxReleaseVersionData?: unknown;
}
