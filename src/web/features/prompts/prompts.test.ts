import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../../test/engines.ts';
import { makeUser } from '../../../../test/factories.ts';
import { createTestApp, Visitor, type TestApp } from '../../../../test/test-app.ts';
import { paths } from '../../paths.ts';

describe.each(ENGINES)('conversation prompts ($name)', (engine) => {
  let t: TestApp;
  let coordinator: Visitor;
  const themes = async () => (await t.services.prompts.list()).map((p) => p.theme);

  beforeAll(async () => {
    t = await createTestApp(engine);
    const u = await makeUser(t.db, { role: 'coordinator' });
    coordinator = new Visitor(t.app);
    await coordinator.signIn(u.email, u.password);
  });
  afterAll(async () => t.close());

  it('starts with eight default prompts about heritage', async () => {
    expect(await themes()).toEqual([
      'Places that matter',
      'Memories',
      'What they used to enjoy',
      'Skills',
      'People',
      'Getting out',
      'Curiosity',
      'Feeling welcome',
    ]);
    const page = await coordinator.get(paths.prompts.list);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Places that matter');
  });

  it('adds a prompt at the end, and re-shows an empty form with messages', async () => {
    const bad = await coordinator.post(paths.prompts.new, { theme: '', prompt: '' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Enter a theme');
    expect(bad.body).toContain('Enter the prompt');
    expect(await themes()).toHaveLength(8);
    const ok = await coordinator.post(paths.prompts.new, { theme: 'Food', prompt: 'What did your family cook on a Sunday?' });
    expect(ok.statusCode).toBe(303);
    expect((await themes()).at(-1)).toBe('Food');
  });

  it('edits, reorders and deletes prompts', async () => {
    const food = (await t.services.prompts.list()).find((p) => p.theme === 'Food')!;
    expect((await coordinator.get(paths.prompts.edit(food.id))).body).toContain('value="Food"');
    expect((await coordinator.post(paths.prompts.edit(food.id), { theme: 'Food and cooking', prompt: 'What did you cook?' })).statusCode).toBe(303);
    expect((await coordinator.post(paths.prompts.move(food.id), { direction: 'up' })).statusCode).toBe(303);
    expect((await themes()).slice(-2)).toEqual(['Food and cooking', 'Feeling welcome']);
    const first = (await t.services.prompts.list())[0]!;
    await coordinator.post(paths.prompts.move(first.id), { direction: 'up' }); // already first: nothing moves
    expect((await themes())[0]).toBe('Places that matter');
    expect((await coordinator.get(paths.prompts.delete(food.id))).statusCode).toBe(200);
    expect((await coordinator.post(paths.prompts.delete(food.id))).statusCode).toBe(303);
    expect(await themes()).not.toContain('Food and cooking');
    expect((await coordinator.get(paths.prompts.edit(food.id))).statusCode).toBe(404);
  });

  it('is for coordinators and administrators only', async () => {
    for (const role of ['provider', 'link_worker', 'connector'] as const) {
      const u = await makeUser(t.db, { role });
      const v = new Visitor(t.app);
      await v.signIn(u.email, u.password);
      expect((await v.get(paths.prompts.list)).statusCode).toBe(403);
      expect((await v.post(paths.prompts.new, { theme: 'X', prompt: 'Y' })).statusCode).toBe(403);
    }
    const admin = await makeUser(t.db, { role: 'admin' });
    const a = new Visitor(t.app);
    await a.signIn(admin.email, admin.password);
    expect((await a.get(paths.prompts.list)).statusCode).toBe(200);
    const anon = await new Visitor(t.app).get(paths.prompts.list);
    expect(anon.statusCode).toBe(302);
    expect(await themes()).not.toContain('X');
  });
});
