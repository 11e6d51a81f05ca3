import { cryptoRandomBytes } from './crypto-random-bytes';
import type { EpochClock, RandomBytes } from './ports';

/** Returns a new message id on each call. */
export type MessageIdGenerator = () => string;

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RANDOM_BITS = 80n;
const RANDOM_MAX = (1n << RANDOM_BITS) - 1n;
const TIME_MAX = 2 ** 48 - 1;

/**
 * Makes a generator of ULIDs (48-bit millisecond time, then 80 random bits, in Crockford base32):
 * ids sort by the time they were made, and are strictly increasing from one generator even
 * within a millisecond or when the clock steps back (the random part counts up from the last id).
 * The clock and the randomness are injectable so tests get fixed ids.
 */
export function createMessageIdGenerator(
  options: { clock?: EpochClock; randomBytes?: RandomBytes } = {},
): MessageIdGenerator {
  const clock = options.clock ?? { now: () => Date.now() };
  const randomBytes = options.randomBytes ?? cryptoRandomBytes;
  let lastTime = -1;
  let lastRandom = 0n;
  return () => {
    const now = Math.min(Math.max(Math.floor(clock.now()), 0), TIME_MAX);
    if (now > lastTime) {
      lastTime = now;
      lastRandom = toBigInt(randomBytes(10));
    } else if (lastRandom < RANDOM_MAX) {
      lastRandom += 1n;
    } else {
      // 2^80 ids in one millisecond: borrow the next millisecond rather than repeat an id.
      lastTime += 1;
      lastRandom = 0n;
    }
    return encodeUlid((BigInt(lastTime) << RANDOM_BITS) | lastRandom);
  };
}

function toBigInt(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}

function encodeUlid(value: bigint): string {
  let out = '';
  for (let shift = 125n; shift >= 0n; shift -= 5n) out += CROCKFORD[Number((value >> shift) & 31n)];
  return out;
}
