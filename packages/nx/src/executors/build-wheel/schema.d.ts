import type { BuildOptions } from '../../build/build-project';

export type BuildWheelExecutorOptions = BuildOptions;
