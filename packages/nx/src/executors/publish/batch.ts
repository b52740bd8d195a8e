import { logger, type ExecutorContext, type TaskGraph } from '@nx/devkit';
import { dependencyOrder } from '../../core/task-order';
import { createIndexReader } from '../../index/index-reader';
import { publishProject, publishRepository } from '../../publish/publish-project';
import { reportFailures } from '../../utils/executor-support';
import { versionedProject } from '../../version/project-facts';
import type { PublishExecutorOptions } from './schema';

/** Most index pages read at once (fewer where the index slows down with more): enough to hide a remote index's latency, few enough to be polite to PyPI. */
const MAX_INDEX_CONCURRENCY = 16;

interface TaskResult {
  task: string;
  result: { success: boolean; terminalOutput: string };
}

/**
 * Every publish task of a run in one process (Nx batch mode, preferred by this executor): all
 * index pages are requested up front, then tasks run one by one, dependencies
 * first; a task whose dependency in the batch failed is not published and says why.
 */
export default async function* batchPublish(taskGraph: TaskGraph, inputs: Record<string, PublishExecutorOptions>, _overrides: unknown, context: ExecutorContext): AsyncGenerator<TaskResult> {
  const contextOf = (id: string): ExecutorContext => {
    const { project, target, configuration } = taskGraph.tasks[id].target;
    return { ...context, projectName: project, targetName: target, configurationName: configuration };
  };
  // Nx 24 lists edges as { id }, Nx 23 as ids.
  const dependenciesOf = (id: string): string[] => ((taskGraph.dependencies[id] ?? []) as Array<string | { id: string }>).map((edge) => (typeof edge === 'string' ? edge : edge.id));
  const indexFiles = createIndexReader(MAX_INDEX_CONCURRENCY);
  const ids = dependencyOrder(Object.keys(taskGraph.tasks), dependenciesOf);
  for (const id of ids) {
    const project = versionedProject(taskGraph.tasks[id].target.project, context.projectsConfigurations.projects[taskGraph.tasks[id].target.project]);
    if (!project?.distribution || inputs[id].prerelease) continue;
    try {
      // Errors surface again, with their message, when the task itself reads the page.
      indexFiles(publishRepository(inputs[id], contextOf(id), process.env).indexUrl, project.distribution).catch(() => undefined);
    } catch {
      // An unknown repository fails the task below with the full message.
    }
  }
  const failed = new Set<string>();
  for (const id of ids) {
    const blocker = dependenciesOf(id).find((dependency) => failed.has(dependency));
    if (blocker) {
      failed.add(id);
      const message = `Not publishing ${taskGraph.tasks[id].target.project}: its dependency ${taskGraph.tasks[blocker].target.project} was not published in this run. Fix what stopped it (above) and run the same command again; what already went up is skipped.`;
      logger.error(message);
      yield { task: id, result: { success: false, terminalOutput: message } };
      continue;
    }
    const { success } = await reportFailures(() => publishProject(inputs[id], contextOf(id), indexFiles));
    if (!success) failed.add(id);
    yield { task: id, result: { success, terminalOutput: '' } };
  }
}
