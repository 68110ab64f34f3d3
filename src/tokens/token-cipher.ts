import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { KeyRing } from './key-ring.js';
import { TokenDecryptError } from './token-errors.js';

/** Which column a ciphertext belongs to: part of the AAD, so access, refresh, ID and registration tokens and DPoP keys cannot be swapped. */
export type TokenField = 'access' | 'refresh' | 'id_token' | 'registration' | 'dpop_key';

/** What a ciphertext is bound to. The same values must be given to decrypt it. */
export interface TokenBinding {
  accountId: string;
  provider: string;
  field: TokenField;
}

const VERSION = 'v1';
const IV_BYTES = 12; // 96-bit IV: the GCM standard size
const TAG_BYTES = 16; // 128-bit tag

/**
 * AES-256-GCM for provider tokens at rest. Output is the self-describing envelope
 * `v1.<kid>.<iv>.<ciphertext>.<tag>` (base64url parts). The additional authenticated
 * data `${accountId}|${provider}|${kid}|${field}` binds a ciphertext to its row and
 * column: copied elsewhere, it fails the tag check instead of decrypting.
 */
@Injectable()
export class TokenCipher {
  constructor(@Inject(KeyRing) private readonly keyRing: KeyRing) {}

  /** Seals under the active key with a fresh random IV (never reused: a GCM IV repeat is fatal). */
  encrypt(plaintext: string, binding: TokenBinding): string {
    const { kid, key } = this.keyRing.active;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(aad(binding, kid));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, kid, b64(iv), b64(body), b64(cipher.getAuthTag())].join('.');
  }

  /** Opens an envelope; any failure is a TokenDecryptError whose message holds no ciphertext. */
  decrypt(envelope: string, binding: TokenBinding): string {
    const parts = parseEnvelope(envelope);
    const key = this.keyRing.get(parts.kid);
    if (!key) throw new TokenDecryptError('unknown_key');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, parts.iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(aad(binding, parts.kid));
      decipher.setAuthTag(parts.tag);
      return Buffer.concat([decipher.update(parts.body), decipher.final()]).toString('utf8');
    } catch {
      // Node's message is generic, but drop it anyway so nothing about the input leaks.
      throw new TokenDecryptError('authentication_failed');
    }
  }

  /** The key id an envelope was sealed under (for rotation), without decrypting it. */
  keyIdOf(envelope: string): string {
    return parseEnvelope(envelope).kid;
  }
}

function aad(binding: TokenBinding, kid: string): Buffer {
  return Buffer.from(`${binding.accountId}|${binding.provider}|${kid}|${binding.field}`, 'utf8');
}

function b64(buffer: Buffer): string {
  return buffer.toString('base64url');
}

const B64URL = /^[A-Za-z0-9_-]*$/;

function parseEnvelope(envelope: string): { kid: string; iv: Buffer; body: Buffer; tag: Buffer } {
  const parts = typeof envelope === 'string' ? envelope.split('.') : [];
  if (parts.length !== 5 || parts[0] !== VERSION || !parts[1] || !parts.slice(2).every((p) => B64URL.test(p))) {
    throw new TokenDecryptError('malformed');
  }
  const [, kid, iv, body, tag] = parts;
  const decoded = { kid, iv: Buffer.from(iv, 'base64url'), body: Buffer.from(body, 'base64url'), tag: Buffer.from(tag, 'base64url') };
  if (decoded.iv.length !== IV_BYTES || decoded.tag.length !== TAG_BYTES) throw new TokenDecryptError('malformed');
  return decoded;
}
