import { Arg, FieldResolver, Resolver, Root } from 'type-graphql';
import { AppError, ErrorCode } from '../../shared/errors.js';
import { ConsentReceipt, ReceiptFormat, type SignedReceiptForm } from '../types/receipt.types.js';

const FORMAT_ARG = { defaultValue: ReceiptFormat.KANTARA_1_1, description: 'Which form of the receipt.' };

/** `document`, `signature` and `keyId` of a receipt in the format asked for. */
@Resolver(() => ConsentReceipt)
export class ReceiptFormatResolver {
  @FieldResolver(() => String, {
    description: 'The receipt as signed. KANTARA_1_1: verify these exact bytes (UTF-8); DPV_27560: verify its JCS (RFC 8785) canonical form.',
  })
  document(@Root() receipt: ConsentReceipt, @Arg('format', () => ReceiptFormat, FORMAT_ARG) format: ReceiptFormat): string {
    return formOf(receipt, format).document;
  }

  @FieldResolver(() => String, { description: 'Ed25519 signature over `document` in the same format, base64url.' })
  signature(@Root() receipt: ConsentReceipt, @Arg('format', () => ReceiptFormat, FORMAT_ARG) format: ReceiptFormat): string {
    return formOf(receipt, format).signature;
  }

  @FieldResolver(() => String, { description: 'Which published key signed the receipt in this format (see receiptPublicKeys).' })
  keyId(@Root() receipt: ConsentReceipt, @Arg('format', () => ReceiptFormat, FORMAT_ARG) format: ReceiptFormat): string {
    return formOf(receipt, format).keyId;
  }
}

function formOf(receipt: ConsentReceipt, format: ReceiptFormat): SignedReceiptForm {
  const form = receipt.forms[format];
  if (!form) {
    throw new AppError(
      ErrorCode.SERVICE_UNAVAILABLE,
      'This older receipt is still being prepared in the DPV-27560 form. Please try again in a minute.',
    );
  }
  return form;
}
