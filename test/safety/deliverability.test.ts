import assert from 'node:assert/strict';
import { defaultRouteProblem, programmeDeliveryProblems } from '../../src/safety/escalation/deliverability';
import { destinationPolicy } from '../../src/safety/escalation/webhookDestination';

const PRODUCTION = destinationPolicy('production');

describe('what /readyz says about alert delivery', () => {
  it('a programme whose webhooks are signable and allowed has no problem', () => {
    const programme = { id: 'north', webhookUrl: 'https://hooks.example.org/a', webhookSecret: 's'.repeat(32), webhookIncludeExcerpt: false };
    assert.deepEqual(programmeDeliveryProblems(programme, [{ id: 'ana', name: 'Ana', webhookUrl: 'https://pager.example.org/ana' }], PRODUCTION), []);
  });

  it('names the programme and what cannot deliver, counting clinicians instead of naming them, never a URL', () => {
    const programme = { id: 'north', webhookUrl: 'http://hooks.example.org/a?token=t0k', webhookIncludeExcerpt: false, onCall: { webhookUrl: 'https://10.0.0.4/oncall' } };
    const clinicians = [
      { id: 'ana-ruiz', name: 'Ana', webhookUrl: 'https://169.254.169.254/ana' },
      { id: 'ben-cole', name: 'Ben', webhookUrl: 'https://169.254.169.254/ben' },
      { id: 'cy', name: 'Cy' },
    ];
    const problems = programmeDeliveryProblems(programme, clinicians, PRODUCTION);
    assert.deepEqual(problems, [
      `programme "north": its alert webhook, its on-call's webhook, 2 clinician webhooks cannot be signed: set the programme's webhook secret`,
      'programme "north" (its alert webhook): the URL must be an https:// URL',
      `programme "north" (its on-call's webhook): the URL points to a private address, which alerts are never sent to (set SAFETY_WEBHOOK_ALLOW_PRIVATE=true for a receiver on your own network)`,
      'programme "north" (2 clinician webhooks): the URL points to a link-local address, which alerts are never sent to',
    ]);
    assert.doesNotMatch(problems.join(' '), /token|ana|ben|hooks\.example/);
  });

  it('clients linked to no programme, or with no clinician, need an on-call or a programme webhook', () => {
    assert.match(String(defaultRouteProblem(undefined)), /linked to no programme reach no one/);
    assert.match(String(defaultRouteProblem({ id: 'north', webhookIncludeExcerpt: false })), /programme "north" .* has no on-call and no alert webhook/);
    assert.equal(defaultRouteProblem({ id: 'north', webhookIncludeExcerpt: false, onCall: { aadObjectId: 'aad-1' } }), undefined);
    assert.equal(defaultRouteProblem({ id: 'north', webhookIncludeExcerpt: false, webhookUrl: 'https://hooks.example.org/a' }), undefined);
  });
});
