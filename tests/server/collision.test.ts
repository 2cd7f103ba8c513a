/*
 * A registration code drawn twice (1 in 32^10) is refused by its unique index and the
 * submission is made again, whole, with a new code: forced here by handing out one code twice.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { pciData, type TestNode, testNode } from './support.ts';

const forced: string[] = [];
vi.mock('@regforms/registrations', async (original) => {
  const real = await original<typeof import('@regforms/registrations')>();
  return {
    ...real,
    newRegistrationCode: (...args: Parameters<typeof real.newRegistrationCode>) =>
      forced.shift() ?? real.newRegistrationCode(...args),
  };
});

describe('a registration code drawn twice', () => {
  let node: TestNode;
  beforeAll(async () => {
    node = await testNode('pglite');
  });
  afterAll(async () => {
    await node?.stop();
  });

  it('is retried with a new code: both submissions Sent, two codes, one history event each', async () => {
    const submit = (i: number) =>
      node.api('/api/registrations', {
        method: 'POST',
        json: { registry: 'angio', type: 'hospitalisation-pci', status: 'sent', data: pciData(i) },
      });
    forced.push('ANGIO-2026-SAMECODE00');
    const first = await (await submit(960)).json();
    expect(first.registrationCode).toBe('ANGIO-2026-SAMECODE00');
    forced.push('ANGIO-2026-SAMECODE00');
    const res = await submit(961);
    expect(res.status).toBe(201);
    const second = await res.json();
    expect(second.registrationCode).toMatch(/^ANGIO-\d{4}-[0-9A-Z]{10}$/);
    expect(second.registrationCode).not.toBe(first.registrationCode);
    const history = await (await node.api(`/api/registrations/${second.id}/history`)).json();
    expect(history.events).toHaveLength(1);
  });
});
