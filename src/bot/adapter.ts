import { createHash } from 'node:crypto';
import { Activity, ActivityTypes, CloudAdapter, InvokeResponse, ConfigurationBotFrameworkAuthentication, ConfigurationServiceClientCredentialFactory, Middleware, TurnContext } from 'botbuilder';
import { Config } from '../config';
import { Logger } from '../logger';
import { t, toLanguage } from '../i18n';
import { AuthenticateRequestResult, BotTokenCheck } from './botTokenCheck';

/** A short, stable, non-reversible tag for an id, so logs can correlate turns without naming anyone. */
export function idTag(id: string | undefined): string | undefined {
  return id ? createHash('sha256').update(id).digest('base64url').slice(0, 12) : undefined;
}

/** One log line per turn: ids (hashed), channel, type, duration, outcome. Never text or names. */
export class TurnLogMiddleware implements Middleware {
  constructor(private readonly logger: Logger) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const started = process.hrtime.bigint();
    const { activity } = context;
    let outcome = 'ok';
    try {
      await next();
    } catch (error) {
      outcome = 'error';
      throw error;
    } finally {
      this.logger.info(
        {
          turn: {
            activityId: activity.id,
            type: activity.type,
            channel: activity.channelId,
            conversation: idTag(activity.conversation?.id),
            user: idTag(activity.from?.id),
            durationMs: Number(process.hrtime.bigint() - started) / 1e6,
            outcome,
          },
        },
        'turn',
      );
    }
  }
}

/** How requests are authenticated and replies signed, from the Bot Framework settings. */
export function createBotAuthentication(config: Config): ConfigurationBotFrameworkAuthentication {
  // Local mode: no app id means no auth (as the Emulator expects); botbuilder only allows that for MultiTenant.
  const botAuth = config.localMode ? { ...config.botAuth, MicrosoftAppType: 'MultiTenant' as const } : config.botAuth;
  const credentials = new ConfigurationServiceClientCredentialFactory(botAuth);
  return new ConfigurationBotFrameworkAuthentication(botAuth, credentials);
}

/**
 * botbuilder's CloudAdapter, with the request's token checked apart from the turn: the HTTP layer answers a
 * bad token with its own 401 (see BotTokenCheck) and runs the turn with the result of that check.
 */
export class IptAdapter extends CloudAdapter {
  readonly tokens: BotTokenCheck;

  constructor(authentication: ConfigurationBotFrameworkAuthentication) {
    super(authentication);
    this.tokens = new BotTokenCheck(authentication);
  }

  /** Runs a turn for an activity whose token `tokens.check` accepted. */
  runAuthenticated(authentication: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authentication, activity, logic);
  }
}

export function createAdapter(config: Config, logger: Logger): IptAdapter {
  const adapter = new IptAdapter(createBotAuthentication(config));
  adapter.use(new TurnLogMiddleware(logger));
  adapter.onTurnError = async (context, error) => {
    logger.error({ err: { name: error.name, stack: error.stack }, channel: context.activity.channelId, type: context.activity.type }, 'turn failed');
    // Only a person who just wrote to us should hear about it; a failed proactive turn stays silent.
    if (context.activity.type === ActivityTypes.Message) {
      await context.sendActivity(t(toLanguage(context.activity.locale), 'main.error')).catch(() => undefined);
    }
  };
  return adapter;
}
