/**
 * Records outside the client's own partition that must outlive "delete my data" in some form: a safety
 * alert still owed to a clinician, the access audit, the programme's enrolment record. Each keeper removes
 * what identifies the client and keeps what its owner needs, under the deletion's pseudonym.
 */
import { EnrolmentIdentity } from './enrolmentCodes';

export interface ErasureSubject {
  /** The client record's id, when the person had one. */
  clientId?: string;
  /** The chat identity that asked for the deletion. */
  identity?: EnrolmentIdentity;
  /** One fresh id per deletion, never the client id: what kept records are filed under from now on. */
  pseudonym: string;
}

export interface ClientDataKeeper {
  /** What it keeps, as the deletion report counts it (e.g. `safetyAlerts`). */
  readonly kind: string;
  /** Removes the client's identity and words from the records it keeps; returns how many it changed. */
  forgetClient(subject: ErasureSubject): Promise<number>;
}
