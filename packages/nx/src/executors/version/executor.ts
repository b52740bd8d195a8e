import { logger, type ExecutorContext } from '@nx/devkit';
import { PyrelError } from '../../core/errors';
import { formatTable } from '../../core/format';
import { dependentsOf, projectUnderTask, reportFailures, uvFor } from '../../utils/executor-support';
import { diskFiles } from '../../version/disk-files';
import { versionedProject } from '../../version/project-facts';
import { releaseTagPattern } from '../../version/release-tag';
import { applyVersionBump, planVersionBump } from '../../version/version-bump';
import { currentVersion, readVersionSources } from '../../version/version-sources';
import type { VersionExecutorOptions } from './schema';

export default function versionExecutor(options: VersionExecutorOptions, context: ExecutorContext) {
  return reportFailures(async () => {
    const { name } = projectUnderTask(context);
    const project = versionedProject(name, context.projectsConfigurations.projects[name]);
    if (!project) throw new PyrelError(`${name} is not a project inferred by @pyrel/nx.`, ['Run the version target of a project with a pyproject.toml.']);
    const files = diskFiles(context.root);
    if (options.check) {
      const sources = readVersionSources(project, files);
      logger.info(`${name} ${currentVersion(project, sources)}: ${sources.length} version source(s) agree (${sources.map((s) => s.source.file).join(', ')}).`);
      return;
    }
    const bump = await planVersionBump({
      workspaceRoot: context.root,
      project,
      dependents: dependentsOf(context, name),
      files,
      options: { ...options, releaseTagPattern: releaseTagPattern(options.releaseTagPattern, context.nxJsonConfiguration) },
      pluginOptions: context.nxJsonConfiguration,
    });
    if (!bump) return;
    const dryRun = options.dryRun === true || process.env.NX_DRY_RUN === 'true';
    formatTable([['project', 'old', 'new', 'files'], [name, bump.current, bump.next, [...bump.changed.keys()].join(', ')]]).forEach((line) => logger.info(line));
    if (dryRun) {
      logger.info(`[dry run] nothing written${options.gitTag ? `; would tag ${bump.tag}` : ''}.`);
      return;
    }
    await applyVersionBump(bump, { workspaceRoot: context.root, files, uv: () => uvFor(context, process.env), gitCommit: options.gitCommit, gitTag: options.gitTag });
  });
}
