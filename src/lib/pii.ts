// Personal numbers (NIK, No. KK) at rest: AES-256-GCM for the value, and a
// keyed HMAC "blind index" so we can find a record by its number without
// storing the number in the clear. Keys derive from the configured DATA_KEY.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

export interface PiiCipher {
  blindIndex(value: string): Buffer;
  encrypt(value: string): Buffer;
  decrypt(blob: Buffer): string;
}

export function createPiiCipher(dataKey: Buffer): PiiCipher {
  if (dataKey.length !== 32) throw new Error('DATA_KEY must be 32 bytes');
  const encKey = Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'pamong pii enc v1', 32));
  const macKey = Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'pamong pii index v1', 32));
  return {
    blindIndex: (value) => createHmac('sha256', macKey).update(value).digest(),
    encrypt(value) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([c.update(value, 'utf8'), c.final()]);
      return Buffer.concat([Buffer.from([1]), iv, c.getAuthTag(), body]);
    },
    decrypt(blob) {
      if (blob[0] !== 1) throw new Error('unknown PII blob version');
      const d = createDecipheriv('aes-256-gcm', encKey, blob.subarray(1, 13));
      d.setAuthTag(blob.subarray(13, 29));
      return Buffer.concat([d.update(blob.subarray(29)), d.final()]).toString('utf8');
    },
  };
}
