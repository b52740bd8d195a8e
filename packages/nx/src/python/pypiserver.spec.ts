import { PYPISERVER_WORKERS, wsgiServerFor } from './pypiserver';

describe('wsgiServerFor', () => {
  it.each(['linux', 'darwin'] as const)('serves pages from %s in gunicorn worker processes, with no control socket in the home directory', (platform) => {
    const server = wsgiServerFor(platform);
    expect(server.name).toBe('gunicorn');
    expect(server.requirement).toMatch(/^gunicorn==\d/);
    expect(server.env.GUNICORN_CMD_ARGS.split(' ')).toEqual(expect.arrayContaining(['--workers', String(PYPISERVER_WORKERS), '--worker-class', 'sync', '--no-control-socket']));
  });

  it('falls back to Paste threads on Windows, where gunicorn does not run', () => {
    expect(wsgiServerFor('win32')).toEqual({ requirement: expect.stringMatching(/^paste==\d/), name: 'paste', env: {} });
  });
});
