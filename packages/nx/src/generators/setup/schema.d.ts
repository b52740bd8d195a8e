export interface SetupGeneratorSchema {
  skipFormat?: boolean;
  /** Write .github/workflows/python-release.yml (default true). */
  workflow?: boolean;
  /** Replace a release workflow someone edited. */
  force?: boolean;
  /** Default pre-release kind for the version and publish executors (targetDefaults). */
  preid?: 'a' | 'b' | 'rc' | 'dev';
  /** nx release tag pattern, when nx.json has none yet. */
  releaseTagPattern?: string;
  /** One GitHub environment per project (`pypi-<project>`, `testpypi-<project>`) in the workflow. */
  environmentPerProject?: boolean;
}
