import { describe, expect, it } from 'vitest';
import { Decrypter } from 'age-encryption';
import {
  BundleError,
  canonicalJson,
  generateSigningKeyPair,
  openBundle,
  readReceipt,
  readUpdate,
  signManifest,
  signReceipt,
  signUpdate,
  type BundleManifest,
  type Receipt,
} from '../../../src-main/core/sync/bundle/codec';
import { makeEvents, makeKeys, seal } from './fixtures';

async function expectBundleError(promise: Promise<unknown> | (() => unknown), code: string): Promise<BundleError> {
  try {
    if (typeof promise === 'function') promise();
    else await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(BundleError);
    expect((error as BundleError).code).toBe(code);
    expect((error as BundleError).message.length).toBeGreaterThan(10);
    return error as BundleError;
  }
  throw new Error(`expected BundleError ${code}`);
}

describe('bundle codec', () => {
  it('seals and opens a bundle: manifest, base name, events', async () => {
    const keys = await makeKeys();
    const events = makeEvents(1, 20);
    const sealed = await seal(keys, events);
    expect(sealed.baseName).toBe('ws-0001-full-000000000001-000000000020');
    expect(sealed.manifest).toMatchObject({ format: 1, kind: 'events', fromSeq: 1, toSeq: 20, eventCount: 20, profile: 'full' });
    expect(sealed.manifest.counts.notes + sealed.manifest.counts.students).toBe(20);
    expect(sealed.manifest.payloadBytes).toBe(sealed.payload.byteLength);
    // Pure age format: the header line is the age v1 intro.
    expect(Buffer.from(sealed.payload.slice(0, 21)).toString()).toBe('age-encryption.org/v1');

    const opened = await openBundle({
      manifestFile: sealed.manifestFile,
      payload: sealed.payload,
      identity: keys.identity,
      trustedKeys: { [keys.workstationId]: keys.workstation.publicKeyPem },
    });
    expect(opened.events).toEqual(events);
    expect(opened.manifest).toEqual(sealed.manifest);
  });

  it('the payload is JSON Lines, one event per line', async () => {
    const keys = await makeKeys();
    const sealed = await seal(keys, makeEvents(5, 3));
    const d = new Decrypter();
    d.addIdentity(keys.identity);
    const text = await d.decrypt(sealed.payload, 'text');
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[0]).seq).toBe(5);
  });

  it('a range can be wider than its events (profile filter) and an empty bundle needs one', async () => {
    const keys = await makeKeys();
    const sealed = await seal(keys, makeEvents(5, 2), { fromSeq: 1, toSeq: 10 });
    expect(sealed.baseName).toBe('ws-0001-full-000000000001-000000000010');
    const empty = await seal(keys, [], { fromSeq: 11, toSeq: 15 });
    expect(empty.manifest.eventCount).toBe(0);
    await expectBundleError(seal(keys, []), 'malformed');
    await expectBundleError(seal(keys, makeEvents(5, 2), { fromSeq: 6 }), 'malformed');
    await expectBundleError(seal(keys, [...makeEvents(5, 2)].reverse()), 'malformed');
  });

  describe('refuses', () => {
    async function sealed() {
      const keys = await makeKeys();
      const s = await seal(keys, makeEvents(1, 10));
      const trustedKeys = { [keys.workstationId]: keys.workstation.publicKeyPem };
      return { keys, s, trustedKeys };
    }

    it('one byte changed in the .age payload (tampered)', async () => {
      const { keys, s, trustedKeys } = await sealed();
      const payload = Uint8Array.from(s.payload);
      payload[payload.length - 5] ^= 0x01;
      const error = await expectBundleError(openBundle({ manifestFile: s.manifestFile, payload, identity: keys.identity, trustedKeys }), 'tampered');
      expect(error.message).toMatch(/SHA-256/);
    });

    it('one byte changed in the manifest (badSignature)', async () => {
      const { keys, s, trustedKeys } = await sealed();
      const manifestFile = s.manifestFile.replace('"eventCount": 10', '"eventCount": 11');
      expect(manifestFile).not.toBe(s.manifestFile);
      await expectBundleError(openBundle({ manifestFile, payload: s.payload, identity: keys.identity, trustedKeys }), 'badSignature');
    });

    it('a manifest signed by another key (badSignature)', async () => {
      const { keys, s, trustedKeys } = await sealed();
      const other = generateSigningKeyPair();
      const manifestFile = signManifest(s.manifest, other.privateKeyPem);
      await expectBundleError(openBundle({ manifestFile, payload: s.payload, identity: keys.identity, trustedKeys }), 'badSignature');
    });

    it('an unknown workstation (unknownWorkstation)', async () => {
      const { keys, s } = await sealed();
      await expectBundleError(openBundle({ manifestFile: s.manifestFile, payload: s.payload, identity: keys.identity, trustedKeys: {} }), 'unknownWorkstation');
    });

    it('a signed manifest that does not match the payload (sha, count, counts, range)', async () => {
      const { keys, s, trustedKeys } = await sealed();
      const resign = (patch: Partial<BundleManifest>) => signManifest({ ...s.manifest, ...patch }, keys.workstation.privateKeyPem);
      const open = (manifestFile: string) => openBundle({ manifestFile, payload: s.payload, identity: keys.identity, trustedKeys });
      await expectBundleError(open(resign({ payloadSha256: '0'.repeat(64) })), 'tampered');
      await expectBundleError(open(resign({ plainSha256: '0'.repeat(64) })), 'manifestMismatch');
      await expectBundleError(open(resign({ eventCount: 9 })), 'manifestMismatch');
      await expectBundleError(open(resign({ counts: { students: 10 } })), 'manifestMismatch');
      await expectBundleError(open(resign({ toSeq: 8 })), 'manifestMismatch');
      await expectBundleError(open(resign({ fromSeq: 3 })), 'manifestMismatch');
    });

    it('a payload encrypted to another recipient', async () => {
      const { s, trustedKeys } = await sealed();
      const other = await makeKeys();
      await expectBundleError(openBundle({ manifestFile: s.manifestFile, payload: s.payload, identity: other.identity, trustedKeys }), 'malformed');
    });

    it('an unknown format version and malformed files', async () => {
      const { keys, s, trustedKeys } = await sealed();
      const v2 = JSON.stringify({ manifest: { ...s.manifest, format: 2 }, signature: 'x' });
      await expectBundleError(openBundle({ manifestFile: v2, payload: s.payload, identity: keys.identity, trustedKeys }), 'unsupportedFormat');
      await expectBundleError(openBundle({ manifestFile: '{not json', payload: s.payload, identity: keys.identity, trustedKeys }), 'malformed');
      await expectBundleError(openBundle({ manifestFile: '{"manifest":{}}', payload: s.payload, identity: keys.identity, trustedKeys }), 'malformed');
    });
  });

  it('receipts and roster updates are signed and verified', () => {
    const server = generateSigningKeyPair();
    const receipt: Receipt = {
      format: 1,
      receiptId: 'r-1',
      workstationId: 'ws-0001',
      profile: 'full',
      acknowledged: [{ bundleId: 'b-1', fromSeq: 1, toSeq: 10 }],
      appliedUpTo: 10,
      gaps: [],
      createdAt: '2026-11-29T10:00:00.000Z',
    };
    const text = signReceipt(receipt, server.privateKeyPem);
    expect(readReceipt(text, server.publicKeyPem)).toEqual(receipt);
    const forged = text.replace('"appliedUpTo": 10', '"appliedUpTo": 99');
    expect(() => readReceipt(forged, server.publicKeyPem)).toThrow(BundleError);
    expect(() => readReceipt(text, generateSigningKeyPair().publicKeyPem)).toThrow(/signature/);

    const update = { kind: 'roster' as const, bundleId: 'u-1', createdAt: '2026-11-29T10:00:00.000Z', rows: [{ 学号: '20260001', 姓名: '测试学生甲' }] };
    const updateText = signUpdate(update, server.privateKeyPem);
    expect(readUpdate(updateText, server.publicKeyPem)).toEqual(update);
    let code = '';
    try {
      readUpdate(updateText.replace('测试学生甲', '测试学生乙'), server.publicKeyPem);
    } catch (error) {
      code = (error as BundleError).code;
    }
    expect(code).toBe('badSignature');
  });

  it('canonical JSON sorts keys at every level', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[1,{"y":2,"z":1}]},"b":1}');
  });
});
