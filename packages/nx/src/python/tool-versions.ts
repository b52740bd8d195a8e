/** Versions of the Python tools we drive, pinned so every machine runs what we test against. */
export const TOOL_VERSIONS = {
  uv: '0.13.9',
  pypiserver: '2.4.2',
  /** The threaded WSGI server pypiserver runs on (see pypiserver.ts). */
  paste: '3.10.1',
  build: '1.6.1',
  twine: '7.0.0',
  maturin: '1.16.0',
} as const;

/** `tool==version` for a pinned Python tool, as `uv pip install` takes it. */
export const pinnedRequirement = (tool: Exclude<keyof typeof TOOL_VERSIONS, 'uv'>) => `${tool}==${TOOL_VERSIONS[tool]}`;
