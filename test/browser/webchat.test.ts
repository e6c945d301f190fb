import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { Language, t, variants } from '../../src/i18n';
import { MENU_ITEMS } from '../../dialogs/prompts/intents';
import { startTestService, TestService } from '../support/service';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RESULTS = join(__dirname, '..', '..', 'test-results');
const WAIT = { timeout: 30000 };

/** A person's browser: what they read and what they do, in the words the bot uses in their language. */
function person(page: Page, language: Language) {
  // A bot message as the person sees it: a paragraph (or card text) in the transcript. Web Chat sets quotes
  // typographically ("it's" shows as "it’s"), so a text is matched with either kind.
  const says = (text: string | RegExp) => page.getByText(text).first();
  const sendBox = page.locator('input[data-id="webchat-sendbox-input"], textarea[data-id="webchat-sendbox-input"]');
  const anyOf = (key: string, vars: Record<string, string | number> = {}) =>
    new RegExp(variants(language, key).map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\{(\w+)\\\}/g, (_, name: string) => String(vars[name] ?? '.*')).replace(/'/g, "['’]").replace(/"/g, '["“”]')).join('|'));
  return {
    says,
    sendBox,
    waitFor: (key: string, vars: Record<string, string | number> = {}) => says(anyOf(key, vars)).waitFor(WAIT),
    type: async (text: string) => {
      await sendBox.fill(text);
      await sendBox.press('Enter');
    },
    /** The newest button with this label (suggested actions of the last message). */
    tap: async (key: string) => page.getByRole('button', { name: t(language, key), exact: true }).last().click(),
  };
}

describe('the local Web Chat page in a real browser', function () {
  this.timeout(120000);
  let service: TestService;
  let browser: Browser;

  before(async () => {
    service = await startTestService();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    mkdirSync(RESULTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await service?.dispose();
  });

  const browsers = [
    { language: 'es' as const, locale: 'es-ES', timezoneId: 'Europe/Madrid', city: 'Madrid', name: 'Lucía', feelings: 'tranquila, algo cansada' },
    { language: 'en' as const, locale: 'en-GB', timezoneId: 'Europe/London', city: 'London', name: 'Alex', feelings: 'calm, a bit tired' },
  ];

  for (const { language, locale, timezoneId, city, name, feelings } of browsers) {
    it(`a ${locale} browser in ${timezoneId}: greeting and consent in its language, then a check-in and my week`, async () => {
      const context = await browser.newContext({ locale, timezoneId, viewport: { width: 760, height: 1300 } });
      const page = await context.newPage();
      await page.goto(service.url);
      const me = person(page, language);
      try {

      // From the first message, in the browser's language: the greeting, what is stored, the question.
      await me.waitFor('main.welcome');
      await me.waitFor('onboarding.whatIsStoredNoCareTeam');
      await me.waitFor('onboarding.askConsent');
      assert.equal(await page.locator('html').getAttribute('lang'), language);
      // Web Chat's own interface in the bot's register (tú), not Web Chat's usted.
      assert.equal(await me.sendBox.getAttribute('placeholder'), t(language, 'web.placeholder'));

      await me.tap('onboarding.consentYes');
      await me.waitFor('onboarding.askCode');
      await me.tap('onboarding.noCodeButton');
      await me.waitFor('main.askName');
      await me.type(name);
      // The zone is the browser's: no question about it.
      await me.says(new RegExp(`${name}.*${city}`)).waitFor(WAIT);
      await me.waitFor('main.menuIntro');
      assert.equal(await me.says(/Which time zone|En qué zona horaria/).count(), 0, 'the time zone question is not asked');

      // The whole menu is in view: every item is a button on screen, none hidden in a carousel.
      for (const item of MENU_ITEMS) {
        const button = page.getByRole('button', { name: t(language, item.key ?? item.id), exact: true }).last();
        assert.ok(await button.isVisible(), `menu item ${item.id} is shown`);
        const box = await button.boundingBox();
        assert.ok(box && box.x >= 0 && box.x + box.width <= 760, `menu item ${item.id} is inside the window`);
      }

      // A check-in, by buttons and typing.
      await me.tap('menu.item_checkIn');
      await me.waitFor('checkin.askMood', { name });
      await page.getByRole('button', { name: '6', exact: true }).last().click();
      await me.waitFor('checkin.askFeelings');
      await me.type(feelings);
      await me.waitFor('checkin.askWho');
      await me.tap('checkin.nobodyButton');
      await me.says(t(language, 'checkin.suggestNudge')).waitFor(WAIT);

      // My week: a card with the mood chart.
      await me.type(t(language, 'menu.item_week'));
      await me.waitFor('week.title');
      const chart = page.locator('img[src^="data:image/png"]').last();
      await chart.waitFor(WAIT);
      await chart.evaluate((img) => (img as unknown as { decode(): Promise<void> }).decode());
      // The transcript follows new messages only while it is at the bottom: bring the whole card into view.
      await page.getByText(t(language, 'week.average28')).last().scrollIntoViewIfNeeded();

      assert.equal(await page.getByText(/Send failed|No se pudo enviar/).count(), 0);
      await page.screenshot({ path: join(RESULTS, `webchat-${language}.png`) });

      // Reloading the page starts a new conversation, but the same person is remembered.
      await page.reload();
      await me.waitFor('main.welcomeBack', { name });
      } catch (error) {
        // What the person saw when it went wrong, to look at.
        await page.screenshot({ path: join(RESULTS, `webchat-${language}-failed.png`) }).catch(() => undefined);
        throw error;
      } finally {
        await context.close();
      }
    });
  }
});
