import pino, { Logger } from 'pino';

/**
 * The service's structured logger. Health data flows through this service, so logs carry ids, channel,
 * durations and outcomes only: never message text, names or any other personal data. The redact list is
 * a second line of defence for fields that must never appear even by accident.
 */
export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info', destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'ipt-companion' },
      redact: {
        paths: ['text', '*.text', 'activity', '*.activity', 'value', '*.value', 'evidence', '*.evidence', 'excerpt', '*.excerpt', 'preferredName', '*.preferredName', 'clientName', '*.clientName'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

export type { Logger };
