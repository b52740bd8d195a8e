import { PyrelError } from '../core/errors';

/** The PyrelError `fn` throws; fails the test if it throws nothing or something else. */
export function thrownBy(fn: () => unknown): PyrelError {
  try {
    fn();
  } catch (error) {
    if (error instanceof PyrelError) return error;
    throw error;
  }
  throw new Error('expected a PyrelError');
}

/** The PyrelError `promise` rejects with; fails the test if it resolves or rejects with something else. */
export async function rejectionOf(promise: Promise<unknown>): Promise<PyrelError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PyrelError) return error;
    throw error;
  }
  throw new Error('expected a PyrelError');
}
