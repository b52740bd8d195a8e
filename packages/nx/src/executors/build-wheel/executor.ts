import type { ExecutorContext } from '@nx/devkit';
import { buildProject } from '../../build/build-project';
import { pythonProjectUnderTask, pythonToolsFor, reportFailures } from '../../utils/executor-support';
import type { BuildWheelExecutorOptions } from './schema';

export default function buildWheelExecutor(options: BuildWheelExecutorOptions, context: ExecutorContext) {
  return reportFailures(async () => {
    const project = pythonProjectUnderTask(context);
    const tools = await pythonToolsFor(context, process.env);
    await buildProject({ workspaceRoot: context.root, project, projectGraph: context.projectGraph, ...tools, options, env: process.env });
  });
}
