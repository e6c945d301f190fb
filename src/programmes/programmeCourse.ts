/** The client dialogs' `ClientCourse` port over the programme store: the course dates of a linked chat. */
import type { ClientCourse } from '../client/clientCourse';
import type { CourseDates } from '../client/coursePhase';
import type { EnrolmentIdentity } from '../client/enrolmentCodes';
import { ProgrammeStore } from './programmeStore';

export class ProgrammeCourse implements ClientCourse {
  constructor(private readonly programmes: ProgrammeStore) {}

  async courseOf(identity: EnrolmentIdentity): Promise<CourseDates | undefined> {
    const client = await this.programmes.clientForChat(identity.channelId, identity.userId);
    if (!client || client.status === 'withdrawn') return undefined;
    return { courseStart: client.courseStart, courseEnd: client.courseEnd, timeZone: client.timeZone };
  }
}
