export interface VersionExecutorOptions {
  bump?: string;
  preid?: string;
  dryRun?: boolean;
  check?: boolean;
  repository?: string;
  changelog?: boolean;
  gitCommit?: boolean;
  gitTag?: boolean;
  releaseTagPattern?: string;
}
