export type PyprojectBackend = 'hatchling' | 'setuptools' | 'maturin';

export interface PyprojectGeneratorSchema {
  directory: string;
  name?: string;
  backend?: PyprojectBackend;
  description?: string;
  requiresPython?: string;
  coverageThreshold?: number;
  force?: boolean;
}
