import { scrypt, randomBytes, type ScryptOptions } from 'node:crypto';

export interface ScryptParams {
  name: 'scrypt';
  N: number;
  r: number;
  p: number;
  /** base64 */
  salt: string;
}

export interface KdfCost {
  N: number;
  r: number;
  p: number;
}

/** About 0.3 s on an office PC: slow enough to hurt guessing, fast enough for sign-in. */
export const DEFAULT_KDF_COST: KdfCost = { N: 2 ** 17, r: 8, p: 1 };

export function newScryptParams(cost: KdfCost = DEFAULT_KDF_COST): ScryptParams {
  return { name: 'scrypt', ...cost, salt: randomBytes(16).toString('base64') };
}

/** Async so that the key derivation runs on libuv's pool and the worker keeps its event loop. */
export function deriveKey(secret: string, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = {
    N: params.N,
    r: params.r,
    p: params.p,
    maxmem: 256 * params.N * params.r + 16 * 1024 * 1024,
  };
  return new Promise((resolve, reject) => {
    scrypt(secret.normalize('NFC'), Buffer.from(params.salt, 'base64'), 32, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}
