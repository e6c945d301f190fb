import assert from 'node:assert/strict';
import { CrisisResourceCatalog, regionFromLocale, regionFromTimeZone } from '../../src/safety/crisisResources';

describe('crisis resources by region', () => {
  it('finds the region from an IANA time zone first', () => {
    assert.equal(regionFromTimeZone('America/Chicago'), 'US');
    assert.equal(regionFromTimeZone('America/Indiana/Indianapolis'), 'US');
    assert.equal(regionFromTimeZone('Europe/London'), 'GB');
    assert.equal(regionFromTimeZone('Europe/Dublin'), 'IE');
    assert.equal(regionFromTimeZone('Europe/Madrid'), 'ES');
    assert.equal(regionFromTimeZone('Atlantic/Canary'), 'ES');
    assert.equal(regionFromTimeZone('America/Monterrey'), 'MX');
    assert.equal(regionFromTimeZone('America/Bogota'), undefined);
    assert.equal(regionFromLocale('es-MX'), 'MX');
    assert.equal(regionFromLocale('en-GB'), 'GB');
    assert.equal(regionFromLocale('es'), undefined);
  });

  it('lists the lines of one region with its emergency number', () => {
    const text = new CrisisResourceCatalog().describe('en', 'GB');
    assert.match(text, /Samaritans: call 116 123/);
    assert.match(text, /call 999 now/);
    assert.ok(!text.includes('988'));
  });

  it('with no known region, lists every region of the language, labelled, with each emergency number', () => {
    const text = new CrisisResourceCatalog().describe('es', undefined);
    assert.match(text, /España: Línea 024/);
    assert.match(text, /México: Línea de la Vida: llama al 800 911 2000/);
    assert.match(text, /112 \/ 911/);
  });

  it('takes a programme’s own lines for a region (the override hook)', () => {
    const catalog = new CrisisResourceCatalog({ US: { emergencyNumber: '911', lines: [{ id: 'us988', number: '988' }] } });
    const text = catalog.describe('en', 'US');
    assert.match(text, /988/);
    assert.ok(!text.includes('741741'));
  });
});
