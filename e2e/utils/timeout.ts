// `testTimeout` is a global Jest option that project configs ignore, so the e2e project sets its
// own: hooks and tests drive real installs, builds and uploads.
jest.setTimeout(600_000);
