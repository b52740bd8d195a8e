import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import type { LocalIndex } from '../../packages/nx/src/index/local-index';
import { createVenv, type CommandResult } from './commands';
import { indexFiles } from './index-files';
import { createTestWorkspace } from './template';
import { sharedUv, startTestIndex } from './tools';
import type { Workspace } from './workspace';

const WORKFLOW = '.github/workflows/python-release.yml';

/** Steps of the generated workflow that need GitHub itself: its OIDC token (signing), its API (pushing tags). */
const GITHUB_ONLY_STEPS = new Set(['PEP 740 attestations', 'Push the new release tags']);
/** The workspace is already installed (its node_modules links to the suite's template). */
const INSTALL_COMMANDS = /^(npm ci|corepack enable|pnpm install.*|yarn install.*|bun install.*)$/;

interface WorkflowStep { name?: string; run?: string }
interface WorkflowJob { if?: string; needs?: string | string[]; steps: WorkflowStep[] }

export type IndexName = 'testpypi' | 'pypi';

export interface LocalRepositories {
  /** The nx.json repository name of each stand-in, also set as `prereleaseRepository` / `repository` (default: testpypi, pypi). */
  names?: Record<IndexName, string>;
  /** Where uploads to a stand-in go instead of the index itself (a proxy in front of it). */
  uploadUrls?: Partial<Record<IndexName, string>>;
}

/**
 * A workspace with two local pypiservers standing in for TestPyPI and PyPI under those very
 * names, so the configuration setup generates is used as it is; and the release workflow's jobs
 * replayed on this machine, minus the steps only GitHub can run.
 */
export interface ReleaseRehearsal {
  ws: Workspace;
  indexes: Record<IndexName, LocalIndex>;
  /** The first commit: what `nx affected` compares with in the replayed jobs. */
  base: string;
  /** What the workflow's env, setup-uv and trusted publishing give its jobs. */
  env: NodeJS.ProcessEnv;
  /**
   * Points the plugin's `pypi` and `testpypi` repositories (or the names given) at the local
   * indexes and gives the jobs a token for each (the plugin must be registered).
   */
  useLocalIndexes(repositories?: LocalRepositories): void;
  /** The generated workflow's jobs, parsed. */
  workflow(): Record<string, WorkflowJob>;
  /**
   * Runs the job's steps in order with the shell GitHub uses (bash -eo pipefail), stopping at the
   * first failing step. A step's `$GITHUB_OUTPUT` is returned as `outputs`; the gate's `sha`
   * becomes the `NX_BASE` of its later steps, as `steps.base.outputs.sha` does on GitHub.
   */
  runJob(job: string, env?: NodeJS.ProcessEnv): CommandResult & { outputs: Record<string, string> };
  /** File name -> sha256 of what an index holds. */
  files(index: IndexName): Record<string, string>;
  /** `pip install` from one index only into a fresh venv; the version installed. */
  pipInstall(index: IndexName, args: readonly string[], distribution: string): string;
  stop(): Promise<void>;
}

export async function createReleaseRehearsal(label: string): Promise<ReleaseRehearsal> {
  const ws = createTestWorkspace(label);
  const dataDir = (name: IndexName) => join(ws.root, 'tmp', 'indexes', name);
  const indexes = { testpypi: await startTestIndex(dataDir('testpypi')), pypi: await startTestIndex(dataDir('pypi')) };
  ws.commit('empty workspace');
  const base = ws.run('git', ['rev-parse', 'HEAD']).stdout.trim();
  const env: NodeJS.ProcessEnv = {
    NX_BASE: base,
    PATH: `${dirname(await sharedUv())}:${process.env.PATH}`,
    RUNNER_TEMP: join(ws.root, 'tmp', 'runner'),
  };
  mkdirSync(env.RUNNER_TEMP as string, { recursive: true });
  let venvs = 0;
  const workflow = () => (parse(ws.read(WORKFLOW)) as { jobs: Record<string, WorkflowJob> }).jobs;
  return {
    ws,
    indexes,
    base,
    env,
    useLocalIndexes: ({ names = { testpypi: 'testpypi', pypi: 'pypi' }, uploadUrls = {} } = {}) => {
      for (const name of Object.values(names)) env[`PYREL_TOKEN_${name.toUpperCase()}`] = 'local-dummy';
      ws.updateJson<{ plugins: Array<string | { plugin: string; options?: Record<string, unknown> }> }>('nx.json', (nxJson) => {
        const entry = nxJson.plugins.find((p) => typeof p !== 'string' && p.plugin === '@pyrel/nx') as { options?: Record<string, unknown> };
        const repositories = Object.fromEntries((Object.keys(indexes) as IndexName[]).map((index) => [names[index], { url: uploadUrls[index] ?? indexes[index].url, indexUrl: indexes[index].simpleUrl }]));
        entry.options = { ...entry.options, repository: names.pypi, prereleaseRepository: names.testpypi, repositories };
        return nxJson;
      });
    },
    workflow,
    runJob: (job, extraEnv = {}) => {
      const scripts = workflow()[job].steps.filter((s) => s.run && !INSTALL_COMMANDS.test(s.run) && !GITHUB_ONLY_STEPS.has(s.name ?? '')).map((s) => s.run as string);
      const githubOutput = join(env.RUNNER_TEMP as string, `${job}.output`);
      rmSync(githubOutput, { force: true });
      const stepEnv: NodeJS.ProcessEnv = { ...env, ...extraEnv, GITHUB_OUTPUT: githubOutput };
      const outputs = () => Object.fromEntries(existsSync(githubOutput) ? readFileSync(githubOutput, 'utf8').split('\n').filter(Boolean).map((line) => line.split(/=(.*)/s).slice(0, 2)) : []);
      const logs: string[] = [];
      for (const script of scripts) {
        const result = ws.run('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], { env: stepEnv, check: false });
        logs.push(result.output);
        if (result.exitCode !== 0) return { ...result, output: logs.join('\n'), outputs: outputs() };
        if (outputs().sha) stepEnv.NX_BASE = outputs().sha;
      }
      const output = logs.join('\n');
      return { exitCode: 0, stdout: output, stderr: '', output, outputs: outputs() };
    },
    files: (index) => indexFiles(dataDir(index)),
    pipInstall: (index, args, distribution) => {
      venvs += 1;
      const venv = createVenv(join(ws.root, 'tmp', `venv-${venvs}`));
      venv.pip(['install', '--index-url', indexes[index].simpleUrl, ...args]);
      return ws.run(venv.python, ['-c', `import importlib.metadata as m; print(m.version(${JSON.stringify(distribution)}))`]).stdout.trim();
    },
    stop: async () => {
      for (const index of Object.values(indexes)) await index.stop();
      ws.remove();
    },
  };
}
