export interface PublishExecutorOptions {
  repository?: string;
  dryRun?: boolean;
}
