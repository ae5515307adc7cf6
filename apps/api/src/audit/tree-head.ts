import { keyFingerprint, type CheckpointData } from '../../../../libs/oversight/src/ledger/checkpoint';
import type { SignedTreeHead } from './transparency.types';

/** A signed checkpoint as the API shows a tree head. */
export function treeHeadOf(data: CheckpointData): SignedTreeHead {
  return { sequence: data.sequence, treeSize: data.treeSize!, rootHash: data.treeRoot!, keyFingerprint: keyFingerprint(data.publicKey), checkpoint: data, reseal: data.reseal ?? null };
}
