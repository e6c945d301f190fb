/**
 * The port through which the client's dialogs learn the client's course dates (set by the programme). A
 * client who is not in a programme has no course, so no phases.
 */
import type { EnrolmentIdentity } from './enrolmentCodes';
import type { CourseDates } from './coursePhase';

export interface ClientCourse {
  /** The course of the client on this chat, or undefined when no programme knows the chat. */
  courseOf(identity: EnrolmentIdentity): Promise<CourseDates | undefined>;
}

export const noProgrammeCourse: ClientCourse = {
  async courseOf() {
    return undefined;
  },
};
