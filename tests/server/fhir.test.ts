/*
 * The node's FHIR face: Questionnaires read by id and searched by canonical, and
 * QuestionnaireResponses submitted as registrations through the form's own rules, with
 * OperationOutcomes that locate every problem by linkId.
 */
import { DEFAULT_BASE, questionnaireId, questionnaireUrl, toResponse } from '@regforms/fhir';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formOf, pciData, type TestNode, testNode } from './support.ts';

describe('the node speaks FHIR R4', () => {
  let node: TestNode;
  beforeAll(async () => {
    node = await testNode('pglite');
  });
  afterAll(async () => {
    await node?.stop();
  });
  const form = formOf('angio', 'hospitalisation-pci');
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    node.api('/fhir/QuestionnaireResponse', {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/fhir+json', ...headers },
    });

  it('GET /fhir/Questionnaire/{id}: a version as a Questionnaire, no token needed', async () => {
    const res = await node.api(`/fhir/Questionnaire/${questionnaireId(form.meta)}`, { auth: null });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
    const q = await res.json();
    expect(q.resourceType).toBe('Questionnaire');
    expect(q.url).toBe(questionnaireUrl(DEFAULT_BASE, form.meta));
    expect(q.version).toBe(form.meta.version);
    expect(q.derivedFrom).toEqual([`${q.url}|1.0.0`]);
    const missing = await node.api('/fhir/Questionnaire/angio-nothing-1.0.0', { auth: null });
    expect(missing.status).toBe(404);
    const outcome = await missing.json();
    expect(outcome.resourceType).toBe('OperationOutcome');
    expect(outcome.issue[0].diagnostics).toMatch(/No Questionnaire angio-nothing-1.0.0/);
  });

  it('GET /fhir/Questionnaire?url=&version=: a searchset of the matching versions', async () => {
    const url = questionnaireUrl(DEFAULT_BASE, form.meta);
    const all = await (
      await node.api(`/fhir/Questionnaire?url=${encodeURIComponent(url)}`, { auth: null })
    ).json();
    expect(all.resourceType).toBe('Bundle');
    expect(all.type).toBe('searchset');
    expect(all.entry.map((e: { resource: { version: string } }) => e.resource.version).sort()).toEqual([
      '1.0.0',
      '2.0.0',
    ]);
    const one = await (
      await node.api(`/fhir/Questionnaire?url=${encodeURIComponent(url)}&version=1.0.0`, { auth: null })
    ).json();
    expect(one.total).toBe(1);
    expect(one.entry[0].resource.id).toBe('angio-hospitalisation-pci-1.0.0');
  });

  it('POST /fhir/QuestionnaireResponse: a completed response is sent, the answer is the response as stored', async () => {
    const data = pciData(4242);
    const res = await post(toResponse(form, data, { status: 'sent' }));
    expect(res.status).toBe(201);
    const qr = await res.json();
    expect(qr.resourceType).toBe('QuestionnaireResponse');
    expect(qr.status).toBe('completed');
    expect(qr.identifier.value).toMatch(/\S/);
    const stored = await (await node.api(res.headers.get('location')!)).json();
    expect(stored.status).toBe('sent');
    expect(stored.data.IDC_PAT).toBe(data.IDC_PAT);
    // A Sent registration is corrected through the helpdesk, not by sending it again.
    const again = await post(toResponse(form, data, { status: 'sent' }));
    expect(again.status).toBe(409);
  });

  it('refuses a response the form refuses, every problem located by linkId, in Accept-Language', async () => {
    const data = pciData(4243);
    const qr = toResponse(form, { ...data, IDC_PAT: '12345678901' }, { status: 'sent' });
    const res = await post(qr, { 'accept-language': 'nl' });
    expect(res.status).toBe(422);
    const outcome = await res.json();
    expect(outcome.resourceType).toBe('OperationOutcome');
    const issue = outcome.issue.find((i: { diagnostics: string }) => i.diagnostics.startsWith('IDC_PAT'));
    expect(issue.expression).toEqual(["QuestionnaireResponse.item.where(linkId='IDC_PAT')"]);
    expect(issue.diagnostics).toMatch(/rijksregisternummer|geldig/i);
  });

  it('refuses answers of the wrong type or to unknown questions before the rules, and needs a token', async () => {
    const qr = toResponse(form, pciData(4244), { status: 'open' });
    qr.item!.push({ linkId: 'NO_SUCH_QUESTION', answer: [{ valueString: 'x' }] });
    const res = await post(qr);
    expect(res.status).toBe(422);
    const outcome = await res.json();
    expect(outcome.issue[0].diagnostics).toMatch(/NO_SUCH_QUESTION/);
    expect(outcome.issue[0].expression[0]).toMatch(/^QuestionnaireResponse\.item\[\d+\]$/);
    const unknownForm = await post({ ...qr, questionnaire: 'https://example.org/Questionnaire/x|1.0.0' });
    expect(unknownForm.status).toBe(422);
    const anonymous = await node.api('/fhir/QuestionnaireResponse', {
      method: 'POST',
      auth: null,
      body: JSON.stringify(qr),
      headers: { 'content-type': 'application/fhir+json' },
    });
    expect(anonymous.status).toBe(401);
    const notAResponse = await post({ resourceType: 'Patient' });
    expect(notAResponse.status).toBe(400);
  });

  it('an in-progress response is saved as Open', async () => {
    const data = pciData(4245);
    const res = await post(
      toResponse(form, { IDC_PAT: data.IDC_PAT, DT_HOSPZ: data.DT_HOSPZ }, { status: 'open' }),
    );
    expect(res.status).toBe(201);
    expect((await res.json()).status).toBe('in-progress');
  });
});
