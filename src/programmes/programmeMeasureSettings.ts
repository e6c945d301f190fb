import type { EnrolmentIdentity } from '../client/enrolmentCodes';
import type { MeasureSettings } from '../measures/measureSettings';
import { ProgrammeStore } from './programmeStore';

/** The linked client's programme's `showClientScores` (false for a chat no programme knows). */
export class ProgrammeMeasureSettings implements MeasureSettings {
  constructor(private readonly programmes: ProgrammeStore) {}

  async showScoresToClient(identity: EnrolmentIdentity): Promise<boolean> {
    const client = await this.programmes.clientForChat(identity.channelId, identity.userId);
    if (!client) return false;
    return (await this.programmes.getProgramme(client.programmeId))?.showClientScores === true;
  }
}
