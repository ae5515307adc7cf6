import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { keyFingerprint } from './checkpoint';

export interface LedgerSigner {
  privateKey: KeyObject;
  /** SPKI PEM. */
  publicKeyPem: string;
  fingerprint: string;
}

/**
 * The Ed25519 key that signs ledger checkpoints: read from `path`, or generated there on first
 * start (PKCS#8 PEM, mode 0600). Written whole to a temporary file and hard-linked into place
 * (link fails if the key exists), so two instances starting together end up with one key and
 * neither can read a half-written file. The private key never leaves this object; log the fingerprint only.
 */
export function loadOrCreateSigningKey(path: string): LedgerSigner {
  if (!existsSync(path)) {
    const { privateKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, pem, { mode: 0o600, flag: 'wx' });
    try {
      linkSync(temporary, path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      unlinkSync(temporary);
    }
  }
  try {
    chmodSync(path, 0o600); // also tightens a key file copied in with looser rights
  } catch {
    // A key mounted read-only (a container secret, owned by root) stays as the operator set it.
  }
  const privateKey = createPrivateKey(readFileSync(path));
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`${path} does not hold an Ed25519 private key`);
  const publicKeyPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  return { privateKey, publicKeyPem, fingerprint: keyFingerprint(publicKeyPem) };
}
