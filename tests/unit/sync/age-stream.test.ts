import { randomBytes } from 'node:crypto';
import { Decrypter, Encrypter, generateX25519Identity, identityToRecipient } from 'age-encryption';
import { describe, expect, it } from 'vitest';
import { ageDecrypt, ageEncrypt, decodeRecipient } from '../../../src-main/core/sync/bundle/age-stream';

/** The node:crypto age implementation must agree with age-encryption (the reference in JS) both ways. */
describe('age v1 on node:crypto', () => {
  // Sizes around the 64 KiB chunk edges, where STREAM implementations go wrong.
  const sizes = [0, 1, 65_535, 65_536, 65_537, 131_072, 200_000];

  it.each(sizes)('%i bytes: ours -> age-encryption and age-encryption -> ours', async (size) => {
    const identity = await generateX25519Identity();
    const recipient = await identityToRecipient(identity);
    const plain = randomBytes(size);

    const ours = await ageEncrypt(plain, recipient);
    const d = new Decrypter();
    d.addIdentity(identity);
    expect(Buffer.from(await d.decrypt(ours)).equals(plain)).toBe(true);

    const e = new Encrypter();
    e.addRecipient(recipient);
    const theirs = await e.encrypt(plain);
    expect(Buffer.from(await ageDecrypt(theirs, identity)).equals(plain)).toBe(true);
    expect(ours.byteLength).toBe(theirs.byteLength);
  });

  it('refuses an altered chunk, a truncated file and another identity', async () => {
    const identity = await generateX25519Identity();
    const recipient = await identityToRecipient(identity);
    const file = await ageEncrypt(randomBytes(100_000), recipient);
    const altered = Uint8Array.from(file);
    altered[altered.length - 40_000] ^= 1;
    await expect(ageDecrypt(altered, identity)).rejects.toThrow();
    await expect(ageDecrypt(file.subarray(0, file.length - 70_000), identity)).rejects.toThrow();
    // Dropping the final chunk leaves a file whose last chunk lacks the final flag.
    await expect(ageDecrypt(file.subarray(0, file.length - (100_000 - 65_536) - 16), identity)).rejects.toThrow();
    await expect(ageDecrypt(file, await generateX25519Identity())).rejects.toThrow();
  });

  it('reads Bech32 recipients and refuses broken ones', async () => {
    const recipient = await identityToRecipient(await generateX25519Identity());
    expect(decodeRecipient(recipient)).toHaveLength(32);
    const broken = recipient.slice(0, -1) + (recipient.endsWith('q') ? 'p' : 'q');
    expect(() => decodeRecipient(broken)).toThrow(/checksum/);
    expect(() => decodeRecipient('age1pq1abc')).toThrow();
    expect(() => decodeRecipient('AGE-SECRET-KEY-1XYZ')).toThrow();
  });
});
