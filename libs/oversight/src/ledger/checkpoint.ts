import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import { isHash, sha256Hex } from './event-hash';

export const LEDGER_CHECKPOINT_STREAM = 'ledger-checkpoints';
export const LEDGER_CHECKPOINT_TYPE = 'LedgerCheckpointRecorded';

/**
 * What a checkpoint attests, and what its signature covers: after the previous checkpoint,
 * `eventCount` more organization events, in global order, bring the running root to `rootHash`.
 * Positions are decimal strings and only say where the events lay in the store that sealed them;
 * verification goes by order and count, which a migration to another store preserves.
 */
export interface CheckpointPayload {
  sequence: number;
  fromPosition: string;
  toPosition: string;
  eventCount: number;
  rootHash: string;
  /** checkpointHash of the previous checkpoint's payload; null for the first. */
  previousCheckpointHash: string | null;
  /** The signed tree head (RFC 6962): organization events in the log so far, and the Merkle root over them. */
  treeSize?: number;
  treeRoot?: string;
  /** Present on a re-seal: an ADMIN signed the log as it now stands, after sealing had halted. */
  reseal?: ResealRecord;
}

/** Who re-sealed, why, and the head they left behind (checkpoints before it are superseded). */
export interface ResealRecord {
  actor: { id: string; role: string };
  reason: string;
  /** Why sealing had halted. */
  problem: string;
  /** The latest signed head before the re-seal, as the server kept it; null when none was kept. */
  previousHead: { sequence: number; treeSize: number | null; treeRoot: string | null; checkpointHash: string } | null;
}

/** The data of a LedgerCheckpointRecorded event: the payload, its signature and the key. */
export interface CheckpointData extends CheckpointPayload {
  /** Ed25519 signature over canonicalJson(payload), base64. */
  signature: string;
  /** The signing key's public half, SPKI PEM: packs verify offline with it. */
  publicKey: string;
}

/** The signed part; the optional members only when present, so older checkpoints keep verifying. */
export function payloadOf(data: CheckpointData): CheckpointPayload {
  const { sequence, fromPosition, toPosition, eventCount, rootHash, previousCheckpointHash, treeSize, treeRoot, reseal } = data;
  return {
    sequence,
    fromPosition,
    toPosition,
    eventCount,
    rootHash,
    previousCheckpointHash,
    ...(treeSize === undefined ? {} : { treeSize, treeRoot }),
    ...(reseal === undefined ? {} : { reseal }),
  };
}

/** The identity of a checkpoint in the checkpoint chain. */
export function checkpointHash(payload: CheckpointPayload): string {
  return sha256Hex(canonicalJson(payloadOf(payload as CheckpointData)));
}

export function signCheckpoint(payload: CheckpointPayload, privateKey: KeyObject, publicKeyPem: string): CheckpointData {
  const signature = sign(null, Buffer.from(canonicalJson(payloadOf(payload as CheckpointData))), privateKey).toString('base64');
  return { ...payloadOf(payload as CheckpointData), signature, publicKey: publicKeyPem };
}

/** True when `data.signature` is a valid Ed25519 signature of its payload by `data.publicKey`. */
export function checkpointSignatureValid(data: CheckpointData): boolean {
  try {
    const key = createPublicKey(data.publicKey);
    if (key.asymmetricKeyType !== 'ed25519') return false;
    return verify(null, Buffer.from(canonicalJson(payloadOf(data))), key, Buffer.from(data.signature, 'base64'));
  } catch {
    return false;
  }
}

/** Ed25519 signature (base64) over the canonical JSON of any statement. */
export function signStatement(payload: unknown, privateKey: KeyObject): string {
  return sign(null, Buffer.from(canonicalJson(payload)), privateKey).toString('base64');
}

export function statementSignatureValid(payload: unknown, signature: unknown, publicKeyPem: string | null): boolean {
  try {
    if (typeof signature !== 'string' || !publicKeyPem) return false;
    const key = createPublicKey(publicKeyPem);
    return key.asymmetricKeyType === 'ed25519' && verify(null, Buffer.from(canonicalJson(payload)), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** SHA-256 of the public key's DER (SPKI): a short name to pin or compare a key by. */
export function keyFingerprint(publicKeyPem: string): string {
  try {
    return sha256Hex(createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' }));
  } catch {
    return 'invalid-key';
  }
}

/** Reads checkpoint data from an event, or says what is wrong with it. */
export function parseCheckpoint(event: { type: string; data: unknown }): CheckpointData | string {
  if (event.type !== LEDGER_CHECKPOINT_TYPE) return `unexpected event type ${event.type} in the checkpoint stream`;
  const d = event.data as Partial<CheckpointData> | null;
  if (!d || typeof d !== 'object') return 'checkpoint without data';
  const ok =
    Number.isInteger(d.sequence) &&
    typeof d.fromPosition === 'string' &&
    typeof d.toPosition === 'string' &&
    Number.isInteger(d.eventCount) &&
    (d.eventCount ?? 0) > 0 &&
    isHash(d.rootHash) &&
    (d.previousCheckpointHash === null || isHash(d.previousCheckpointHash)) &&
    typeof d.signature === 'string' &&
    typeof d.publicKey === 'string' &&
    (d.treeSize === undefined || (Number.isSafeInteger(d.treeSize) && d.treeSize > 0 && isHash(d.treeRoot))) &&
    (d.reseal === undefined || (typeof d.reseal === 'object' && d.reseal !== null && typeof d.reseal.reason === 'string'));
  return ok ? (d as CheckpointData) : 'checkpoint data is malformed';
}
