import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useAppAndBrowser } from './app.fixture.ts';
import { DEMO, expectAccessible, newContext, signIn, submit, visit } from './harness.ts';

const env = useAppAndBrowser();

/**
 * Issue 13 (decision 051), without JavaScript: an administrator issues a token to a referring
 * organisation; a link worker downloads a referral as FHIR; the practice's system sends it back as a
 * new referral; the link worker finds it on their caseload page and takes it.
 */
describe('FHIR referrals out and in (JavaScript off)', () => {
  it('a token, a download, a referral received and taken', async () => {
    const admin = await newContext(env.browser, { javaScript: false, baseUrl: env.app.baseUrl });
    const ap = await admin.newPage();
    await signIn(ap, DEMO.admin);
    await visit(ap, '/admin/api-tokens');
    const organisation = await ap.locator('#organisationId option').nth(1).textContent();
    await ap.getByLabel('Referring organisation').selectOption({ label: organisation!.trim() });
    await ap.getByLabel('Label').fill('Practice clinical system');
    await submit(ap, 'Issue token');
    const token = await ap.getByLabel('API token').inputValue();
    assert.match(token, /^wm_[A-Za-z0-9_-]{43}$/);
    await expectAccessible(ap);
    await admin.close();

    const lw = await newContext(env.browser, { javaScript: false, baseUrl: env.app.baseUrl });
    const page = await lw.newPage();
    await signIn(page, 'linkworker.yarmouth@waymark.example');
    await visit(page, '/referrals');
    const first = page.locator('main a[href^="/referrals/"]').first();
    await Promise.all([page.waitForLoadState('load'), first.click()]);
    const download = page.getByRole('link', { name: 'Download as FHIR (JSON)' });
    const href = await download.getAttribute('href');
    assert.ok(href);
    const res = await lw.request.get(href!);
    assert.equal(res.status(), 200);
    assert.equal(res.headers()['content-type'], 'application/fhir+json; charset=utf-8');
    const bundle = await res.json();
    const request = bundle.entry.find((e: { resource: { resourceType: string } }) => e.resource.resourceType === 'ServiceRequest').resource;
    request.identifier = [{ system: 'https://practice.example/referrals', value: 'E2E-1' }];
    request.status = 'active';

    const sent = await fetch(`${env.app.baseUrl}/api/fhir/ServiceRequest`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/fhir+json' },
      body: JSON.stringify(bundle),
    });
    const outcome = await sent.json();
    assert.equal(sent.status, 201, JSON.stringify(outcome));
    const location = sent.headers.get('location')!;
    const id = location.split('/').pop()!;

    await visit(page, '/caseload');
    assert.match(await page.locator('main').innerText(), /Referrals sent by other systems/);
    await Promise.all([page.waitForLoadState('load'), page.locator(`form[action="/referrals/received/${id}/take"] button`).click()]);
    assert.equal(new URL(page.url()).pathname, `/referrals/${id}`);
    assert.match(await page.locator('main').innerText(), /You have taken this referral/);
    await expectAccessible(page);
    await lw.close();
  });
});
