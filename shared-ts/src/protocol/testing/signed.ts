/**
 * Test shorthands for `signMessage` and `createHello`, whose failures are values: a test that
 * builds a well-formed envelope wants the signed message itself. Not exported by any entry.
 */
import { createHello, type CreatedHello, type CreateHelloInput } from '../create-hello';
import type { EnvelopeOf, MessageKind } from '../message-envelope';
import { signMessage, type SignedMessage } from '../sign-message';

/** `signMessage` for a well-formed envelope; a failure fails the test. */
export async function signForTest<K extends MessageKind>(
  envelope: EnvelopeOf<K>,
  secret: string,
): Promise<SignedMessage> {
  const result = await signMessage(envelope, secret);
  if (!result.ok) throw new Error(`test setup: ${result.error.message}`);
  return result.signed;
}

/** `createHello` for a well-formed invitation; a failure fails the test. */
export async function helloForTest(input: CreateHelloInput): Promise<CreatedHello> {
  const result = await createHello(input);
  if (!result.ok) throw new Error(`test setup: ${result.error.message}`);
  return result;
}
