import { StatePropertyAccessor, TeamsActivityHandler, TurnContext } from 'botbuilder';
import { DialogState, DialogStateManagerConfiguration } from 'botbuilder-dialogs';
import { t } from '../i18n';
import { MainDialog } from '../../dialogs/mainDialog';
import { languageOf } from '../../dialogs/dialogContext';
import { ClientState } from './clientState';
import { KeyedLock } from './keyedLock';
import { DIALOG_STATE_PROPERTY, Profile, PROFILE_PROPERTY } from './profile';
import { Clock } from '../clock';
import { ClientServiceOptions, STATE_DELETED } from '../client/clientServices';
import { SafetyGuard } from '../safety/safetyGuard';
import { crisisResponseDue } from '../safety/turnScreening';
import { CrisisDialog } from '../../dialogs/crisisDialog';
import type { ClinicianTurns } from '../clinician/clinicianTurns';
import { markTurnRole, recordTurn } from '../telemetry/turnTelemetry';

/**
 * Where botbuilder-dialogs keeps its memory configuration (scopes and path resolvers) in the turn state.
 * Without one there, the first dialog context of every turn builds it afresh (a service collection, nine
 * scopes, five resolvers); it is the same in every turn, so the bot hands each turn the first turn's.
 */
const DIALOG_MEMORY_CONFIGURATION = 'DialogStateManagerConfiguration';

/**
 * One bot for Teams and Web Chat. Every turn loads the person's state once, runs the main dialog and
 * saves the state once.
 */
export class IptBot extends TeamsActivityHandler {
  readonly profileAccessor: StatePropertyAccessor<Profile>;
  readonly dialogStateAccessor: StatePropertyAccessor<DialogState>;
  private readonly mainDialog: MainDialog;
  private readonly turnLock = new KeyedLock();
  private dialogMemory?: DialogStateManagerConfiguration;
  /** Safety: screening, alerts and acknowledgements, before any dialog, in every turn. */
  private readonly safety: SafetyGuard;
  /** Clinicians: a roster clinician's Teams turns are theirs; their own typed words are still screened (clinicianTurns). */
  private clinicianTurns?: ClinicianTurns;

  constructor(
    private readonly clientState: ClientState,
    private readonly clock: Clock,
    clientOptions: ClientServiceOptions,
    safety: SafetyGuard,
  ) {
    super();
    this.safety = safety;
    this.profileAccessor = clientState.createProperty<Profile>(PROFILE_PROPERTY);
    this.dialogStateAccessor = clientState.createProperty<DialogState>(DIALOG_STATE_PROPERTY);
    this.mainDialog = new MainDialog(this.profileAccessor, { clock, safetyReferral: safety, lowMoodNotifier: safety, careTeamReachable: (channelId, userId) => safety.careTeamReachable(channelId, userId), ...clientOptions });
    this.mainDialog.useCrisisDialog(new CrisisDialog(this.safety));

    this.onMessage(async (context, next) => {
      // In Teams the text starts with "<at>Bot</at>" in group chats; the dialog wants what was said.
      TurnContext.removeRecipientMention(context.activity);
      await this.mainDialog.run(context, this.dialogStateAccessor);
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      const newcomers = (context.activity.membersAdded ?? []).filter((member) => member.id !== context.activity.recipient?.id);
      if (newcomers.length > 0) await this.welcome(context);
      await next();
    });
  }

  /**
   * A turn for an activity that does not say who wrote it (see `readInboundActivity`): no state, no dialog,
   * only the screening of its words, and the crisis lines when they show risk. True when it answered.
   */
  async runUnidentified(context: TurnContext): Promise<boolean> {
    return recordTurn(context, 'unidentified', async () => {
      await this.safety.lastResort(context);
      return context.responded;
    });
  }

  useClinicianTurns(turns: ClinicianTurns): void {
    this.clinicianTurns = turns;
  }

  override async run(context: TurnContext): Promise<void> {
    await recordTurn(context, 'client', () => this.runScreened(context));
  }

  private async runScreened(context: TurnContext): Promise<void> {
    try {
      // One person's turns run one at a time, so two messages sent together cannot overwrite each other's state.
      await this.turnLock.run(ClientState.keyFor(context), () => this.runExclusive(context));
    } catch (error) {
      // Whatever failed (the key of an activity that names nobody too), a person whose words show risk still
      // gets the crisis lines before the error surfaces.
      await this.safety.lastResort(context).catch(() => undefined);
      throw error;
    }
  }

  private async runExclusive(context: TurnContext): Promise<void> {
    if (this.dialogMemory) context.turnState.set(DIALOG_MEMORY_CONFIGURATION, this.dialogMemory);
    // A clinician on a programme's roster (Teams AAD object id): handled by the clinician side, no client state —
    // unless their own words show risk, which then go through the safety guard below like anyone's.
    if (this.clinicianTurns && (await this.clinicianTurns.handle(context))) {
      markTurnRole(context, 'clinician');
      return;
    }
    // Safety first: every text of every activity is screened before any dialog or command runs.
    const handled = await this.safety.beforeDialogs(context);
    if (!handled) await super.run(context);
    // A flagged edit, event or card action (not a message) still gets the crisis response.
    if (!handled && context.activity.type !== 'message' && crisisResponseDue(context)) await this.mainDialog.run(context, this.dialogStateAccessor);
    // After "delete my data" the person's state is gone and must not be written back.
    if (context.turnState.get(STATE_DELETED)) await this.clientState.delete(context);
    else await this.clientState.saveChanges(context, false);
    this.dialogMemory ??= context.turnState.get(DIALOG_MEMORY_CONFIGURATION);
  }

  private async welcome(context: TurnContext): Promise<void> {
    const profile = await this.profileAccessor.get(context, {});
    const language = languageOf(context, profile);
    if (profile.preferredName) {
      await context.sendActivity(t(language, 'main.welcomeBack', { name: profile.preferredName }));
      return;
    }
    if (!profile.welcomedAt) {
      await context.sendActivity(t(language, 'main.welcome'));
      profile.welcomedAt = this.clock.now().toISOString();
      await this.profileAccessor.set(context, profile);
    }
    await this.mainDialog.run(context, this.dialogStateAccessor);
  }
}
