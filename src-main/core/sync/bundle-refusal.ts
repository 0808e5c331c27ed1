import { AppError } from '../../../src-shared/contract/errors';
import { BundleError } from './bundle/codec';

/**
 * Reads a signed file; a file the codec refuses (BundleError) is refused as VALIDATION with the
 * caller's `reason` and the codec's code as `problem`, so the user learns which file and why.
 */
export function readOrRefuse<T>(read: () => T, refusal: { reason: string }): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof BundleError) throw new AppError('VALIDATION', { ...refusal, problem: error.code });
    throw error;
  }
}
