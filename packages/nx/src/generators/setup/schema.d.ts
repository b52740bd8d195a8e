export interface SetupGeneratorSchema {
  skipFormat?: boolean;
}
