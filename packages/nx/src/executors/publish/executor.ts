import type { ExecutorContext } from '@nx/devkit';
import { fetchProjectFiles } from '../../index/simple-api';
import { publishProject } from '../../publish/publish-project';
import { reportFailures } from '../../utils/executor-support';
import type { PublishExecutorOptions } from './schema';

export default function publishExecutor(options: PublishExecutorOptions, context: ExecutorContext) {
  return reportFailures(() => publishProject(options, context, fetchProjectFiles));
}
