import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, chromium } from 'playwright-core';
import { startTestService, TestService } from '../support/service';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RESULTS = join(__dirname, '..', '..', 'test-results');

describe('the local Web Chat page in a real browser', function () {
  this.timeout(90000);
  let service: TestService;
  let browser: Browser;

  before(async () => {
    service = await startTestService();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  after(async () => {
    await browser?.close();
    await service?.dispose();
  });

  it('greets, takes a message typed into Web Chat, and answers', async () => {
    // The browser's own zone: Web Chat sends it with each message (localTimezone) and onboarding takes it.
    const context = await browser.newContext({ locale: 'en-US', timezoneId: 'Europe/London' });
    const page = await context.newPage();
    await page.goto(service.url);
    // A bot message as the person sees it: a paragraph in the transcript.
    const botSays = (text: string | RegExp) => page.getByRole('paragraph').filter({ hasText: text }).first();
    const sendBox = page.locator('input[data-id="webchat-sendbox-input"], textarea[data-id="webchat-sendbox-input"]');
    const answer = async (text: string) => {
      await sendBox.fill(text);
      await sendBox.press('Enter');
    };
    // Onboarding (issue 4): consent first, then an enrolment code and the name; the time zone is the browser's.
    await botSays('Are you happy to go ahead on that basis?').waitFor({ timeout: 30000 });
    await answer('yes');
    await botSays(/enrolment code/).waitFor({ timeout: 30000 });
    await answer('skip');
    await botSays('What would you like me to call you?').waitFor({ timeout: 30000 });
    await answer('Alex');
    await botSays(/(Nice to meet you|Thanks), Alex/).waitFor({ timeout: 30000 });
    await botSays(/London/).waitFor({ timeout: 30000 });
    await botSays('What would you like to do?').waitFor({ timeout: 30000 });
    assert.equal(await botSays(/Which time zone are you in/).count(), 0, 'the time zone question is not asked');
    assert.equal(await page.getByText('Send failed').count(), 0);
    mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({ path: join(RESULTS, 'webchat.png'), fullPage: true });

    // Reloading the page starts a new conversation, but the same person is remembered.
    await page.reload();
    await botSays(/(Welcome back|Good to see you again), Alex/).waitFor({ timeout: 30000 });
    await context.close();
  });
});
