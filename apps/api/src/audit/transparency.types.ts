import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Allow, type Role } from '../auth/roles';
import { JsonScalar } from '../graphql/scalars';

/** Who may read signed tree heads and proofs, and re-seal (ADMIN only). */
export const TREE_READERS: readonly Role[] = ['ADMIN', 'AUDITOR'];

@Allow(TREE_READERS)
@ObjectType('SignedTreeHead', {
  description:
    'A signed tree head (RFC 6962): the Merkle root over the first treeSize organization events of the whole log, signed with the ledger key (Ed25519). Keep `checkpoint` to prove later that the log still extends it.',
})
export class SignedTreeHead {
  @Field(() => Int, { description: 'The checkpoint sequence that signed this head.' }) sequence!: number;
  @Field(() => Int, { description: 'Organization events in the log (all tenants) under this head.' }) treeSize!: number;
  @Field({ description: 'Merkle tree hash (hex): leaves SHA-256(0x00 || eventHash), nodes SHA-256(0x01 || left || right).' }) rootHash!: string;
  @Field({ description: 'SHA-256 of the signing key (SPKI DER), hex: compare it with the one you pinned.' }) keyFingerprint!: string;
  @Field(() => JsonScalar, { description: 'The signed checkpoint itself (payload, signature, public key): pass it to verify-pack --previous-head.' })
  checkpoint!: unknown;
  @Field(() => JsonScalar, { nullable: true, description: 'For a re-seal: who, why, the problem and the head it replaced.' })
  reseal!: unknown;
}

@Allow(TREE_READERS)
@ObjectType('ConsistencyProof', { description: 'RFC 6962 proof that the tree of toSize events extends the tree of fromSize events.' })
export class ConsistencyProof {
  @Field(() => Int, { description: 'The size of the older head you kept.' }) fromSize!: number;
  @Field(() => Int, { description: 'The size of a signed head, the latest by default.' }) toSize!: number;
  @Field(() => [String], { description: 'The proof nodes (hex), in RFC 6962 §2.1.2 order.' }) path!: string[];
  @Field(() => SignedTreeHead, { description: 'The signed head of toSize.' }) toHead!: SignedTreeHead;
}

@Allow(TREE_READERS)
@ObjectType('LedgerSealing', { description: 'Whether the ledger is sealing, and why not; announced on every change.' })
export class LedgerSealing {
  @Field({ description: 'STARTING (verifying the store), SEALING, or HALTED (nothing is signed until an ADMIN re-seals).' }) state!: string;
  @Field(() => String, { nullable: true, description: 'Why sealing halted; names no tenant.' }) reason!: string | null;
  @Field(() => SignedTreeHead, { nullable: true, description: 'The head a re-seal signed, with its record.' }) head!: SignedTreeHead | null;
}
