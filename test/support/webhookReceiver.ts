import { Webhook } from 'standardwebhooks';
import type { CapturedRequest } from './captureServer';

/**
 * Verifies a captured alert webhook as a receiver would, with the `standardwebhooks` package (the reference
 * implementation receivers use): a `whsec_` secret in its own format, any other secret as raw bytes.
 * True when the signature, id and timestamp (within 5 minutes of now) check out.
 */
export function verifiedByReceiver(secret: string, request: Pick<CapturedRequest, 'headers' | 'body'>, rawBody = JSON.stringify(request.body)): boolean {
  const receiver = secret.startsWith('whsec_') ? new Webhook(secret) : new Webhook(secret, { format: 'raw' });
  const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]));
  try {
    receiver.verify(rawBody, headers);
    return true;
  } catch {
    return false;
  }
}
