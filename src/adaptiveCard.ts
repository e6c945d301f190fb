/** The envelope every Adaptive Card the bot sends starts with: one schema and one version (1.4, which Teams renders). */
export const ADAPTIVE_CARD = {
  type: 'AdaptiveCard',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version: '1.4',
} as const;
