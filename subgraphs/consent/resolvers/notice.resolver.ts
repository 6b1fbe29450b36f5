import { Authorized, Arg, Mutation, Query, Resolver } from 'type-graphql';
import type { NoticeService } from '../services/notice.service.js';
import type { ReceiptSigner } from '../services/receipt-signer.js';
import { NoticeVersionInput } from '../types/consent.inputs.js';
import { Notice } from '../types/consent.types.js';
import { ReceiptPublicKey } from '../types/receipt.types.js';

@Resolver()
export class NoticeResolver {
  constructor(
    private readonly notices: NoticeService,
    private readonly signer: ReceiptSigner,
  ) {}

  @Mutation(() => Notice, { description: 'Publishes the next version of a purpose notice. Administrators.' })
  @Authorized('admin')
  async publishNotice(@Arg('input', () => NoticeVersionInput) input: NoticeVersionInput): Promise<Notice> {
    return this.notices.publish(input);
  }

  @Query(() => ReceiptPublicKey, { description: 'The Ed25519 public key that signs new consent receipts. Public.' })
  async receiptPublicKey(): Promise<ReceiptPublicKey> {
    const { algorithm, keyId, publicKeyPem } = await this.signer.published();
    return { algorithm, keyId, publicKeyPem };
  }

  @Query(() => [ReceiptPublicKey], {
    description: 'Every key that ever signed consent receipts, newest first: find a receipt’s by its keyId. Public.',
  })
  async receiptPublicKeys(): Promise<ReceiptPublicKey[]> {
    const { keys } = await this.signer.published();
    return keys.map((k) => ({ algorithm: 'Ed25519', keyId: k.kid, publicKeyPem: k.publicKeyPem }));
  }
}
