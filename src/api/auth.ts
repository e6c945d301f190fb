/**
 * Who is calling the programme API. `Authorization: Bearer <key>` with either the bootstrap admin key
 * from configuration or a programme key issued through the API. Programme keys are stored only as their
 * sha256; a key is found by one point read on its hash and the hashes are then compared in constant time.
 */
import { ProgrammeStore } from '../programmes/programmeStore';
import { hashesEqual, secretsEqual, sha256Hex } from '../programmes/secrets';

export type Caller = { kind: 'anonymous' } | { kind: 'admin' } | { kind: 'programme'; programmeId: string; keyId: string };

/** Longest Authorization header value looked at; anything longer cannot be one of our keys. */
const MAX_KEY_LENGTH = 512;

export class ApiAuthenticator {
  constructor(
    private readonly adminKey: string,
    private readonly programmes: ProgrammeStore,
  ) {}

  async authenticate(header: string | undefined): Promise<Exclude<Caller, { kind: 'anonymous' }> | undefined> {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
    if (!match || match[1].length > MAX_KEY_LENGTH) return undefined;
    const key = match[1];
    if (secretsEqual(key, this.adminKey)) return { kind: 'admin' };
    const hash = sha256Hex(key);
    const found = await this.programmes.findKey(hash);
    if (!found || !hashesEqual(hash, found.hash)) return undefined;
    return { kind: 'programme', programmeId: found.programmeId, keyId: found.keyId };
  }
}
