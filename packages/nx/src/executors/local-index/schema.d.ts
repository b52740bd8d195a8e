export interface LocalIndexExecutorOptions {
  port?: number;
  dataDir?: string;
}
