import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../src/config';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig({ NODE_ENV: 'test', ...env });
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.problems;
  }
  return [];
}

describe('safety escalation configuration', () => {
  it('has no programme when nothing is configured, and the documented defaults', () => {
    const { safety } = loadConfig({ NODE_ENV: 'test' });
    assert.equal(safety.programme, undefined);
    assert.equal(safety.ackTimeoutMinutes, 15);
    assert.equal(safety.retryBaseSeconds, 10);
  });

  it('reads a programme with clinicians, on-call and client links', () => {
    const { safety } = loadConfig({
      NODE_ENV: 'test',
      SAFETY_PROGRAMME_ID: 'clinic-a',
      SAFETY_WEBHOOK_URL: 'https://paging.example.org/ipt',
      SAFETY_WEBHOOK_SECRET: '0123456789abcdef0123',
      SAFETY_WEBHOOK_INCLUDE_EXCERPT: 'true',
      SAFETY_ACK_TIMEOUT_MINUTES: '10',
      SAFETY_CLINICIANS: '[{"id":"c1","name":"Dr Ana Ruiz","aadObjectId":"aad-1","backupId":"c2"},{"id":"c2","name":"Dr Ben Cole"}]',
      SAFETY_ONCALL: '{"name":"On-call","webhookUrl":"https://oncall.example.org/hook"}',
      SAFETY_CLIENT_CLINICIAN: '{"29:abc":"c1"}',
    });
    assert.equal(safety.programme?.id, 'clinic-a');
    assert.equal(safety.programme?.webhookIncludeExcerpt, true);
    assert.equal(safety.programme?.clinicians[0].backupId, 'c2');
    assert.equal(safety.programme?.onCall?.webhookUrl, 'https://oncall.example.org/hook');
    assert.deepEqual(safety.programme?.clientClinician, { '29:abc': 'c1' });
    assert.equal(safety.ackTimeoutMinutes, 10);
  });

  it('says what is wrong with each bad key, and never echoes the secret', () => {
    const found = problems({
      SAFETY_WEBHOOK_URL: 'https://paging.example.org/ipt',
      SAFETY_WEBHOOK_SECRET: 'short-secret',
      SAFETY_CLINICIANS: '[{"id":"c1","name":"Dr Ana Ruiz","backupId":"c9"}]',
      SAFETY_ONCALL: 'not json',
      SAFETY_CLIENT_CLINICIAN: '{"29:abc":"c7"}',
      SAFETY_ACK_TIMEOUT_MINUTES: '0',
    });
    const text = found.join('\n');
    assert.match(text, /SAFETY_WEBHOOK_SECRET must be at least 16 characters/);
    assert.ok(!text.includes('short-secret'), 'the secret is not shown');
    assert.match(text, /SAFETY_CLINICIANS\.0\.backupId backupId "c9" is not the id of a clinician/);
    assert.match(text, /SAFETY_ONCALL must be JSON/);
    assert.match(text, /SAFETY_CLIENT_CLINICIAN maps "29:abc" to "c7", which is not an id in SAFETY_CLINICIANS/);
    assert.match(text, /SAFETY_ACK_TIMEOUT_MINUTES must be more than 0/);
  });

  it('requires a secret as soon as any webhook is configured', () => {
    assert.match(problems({ SAFETY_ONCALL: '{"webhookUrl":"https://oncall.example.org/hook"}' }).join('\n'), /SAFETY_WEBHOOK_SECRET is required/);
  });

  describe('webhook destinations in production', () => {
    const production = { NODE_ENV: 'production', MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppId: 'id', MicrosoftAppTenantId: 'tenant', SAFETY_WEBHOOK_SECRET: '0123456789abcdef0123' };
    const prodProblems = (env: Record<string, string>) => problems({ ...production, ...env });

    it('refuses http, credentials and internal addresses, naming the key', () => {
      assert.deepEqual(prodProblems({ SAFETY_WEBHOOK_URL: 'http://paging.example.org/ipt' }), ['SAFETY_WEBHOOK_URL webhook URL must be an https:// URL']);
      assert.match(prodProblems({ SAFETY_WEBHOOK_URL: 'https://user:pw@paging.example.org/ipt' })[0], /^SAFETY_WEBHOOK_URL .*user name or password/);
      assert.match(prodProblems({ SAFETY_WEBHOOK_URL: 'https://0x7f000001/ipt' })[0], /^SAFETY_WEBHOOK_URL .*loopback/);
      assert.match(prodProblems({ SAFETY_ONCALL: '{"webhookUrl":"https://169.254.169.254/"}' })[0], /^SAFETY_ONCALL .*link-local/);
      assert.match(prodProblems({ SAFETY_CLINICIANS: '[{"id":"c1","name":"Ana","webhookUrl":"https://10.1.2.3/ana"}]' })[0], /^SAFETY_CLINICIANS .*private/);
    });

    it('SAFETY_WEBHOOK_ALLOW_PRIVATE=true allows a receiver on the clinic network, still not loopback', () => {
      const config = loadConfig({ ...production, SAFETY_WEBHOOK_ALLOW_PRIVATE: 'true', SAFETY_WEBHOOK_URL: 'https://10.1.2.3/ipt' });
      assert.deepEqual(config.safety.webhookPolicy, { requireHttps: true, allowLoopback: false, allowPrivate: true });
      assert.match(prodProblems({ SAFETY_WEBHOOK_ALLOW_PRIVATE: 'true', SAFETY_WEBHOOK_URL: 'https://127.0.0.1/ipt' })[0], /loopback/);
      assert.match(prodProblems({ SAFETY_WEBHOOK_ALLOW_PRIVATE: 'yes' })[0], /^SAFETY_WEBHOOK_ALLOW_PRIVATE must be true or false/);
    });

    it('outside production loopback http stays allowed (local mode and tests)', () => {
      assert.deepEqual(problems({ SAFETY_WEBHOOK_URL: 'http://127.0.0.1:8080/hook', SAFETY_WEBHOOK_SECRET: '0123456789abcdef0123' }), []);
    });
  });
});
