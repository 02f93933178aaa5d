// Every problem's `type` URI names a page that says what the problem means (RFC 9457, section 3.1.1).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createTestApp, type TestApp } from '../setup/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('problem type pages', () => {
  it.each([
    ['an unknown firm', () => request(t.server).get('/v1/firms/3f1c2a9e-8b7d-4c6e-9f0a-1b2c3d4e5f60'), 404, 'firm-not-found'],
    ['an invalid check', () => request(t.server).get('/v1/check').query({ q: 'javascript:alert(1)' }), 400, 'invalid-target'],
    ['a missing key', () => request(t.server).get('/v1/admin/audit-events'), 401, 'unauthorized'],
    ['a wrong method', () => request(t.server).delete('/v1/firms'), 405, 'method-not-allowed'],
    ['a text body', () => request(t.server).post('/v1/admin/firms').set('content-type', 'text/plain').send('x'), 415, 'unsupported-media-type'],
    ['an unknown path', () => request(t.server).get('/v1/nothing-here'), 404, 'not-found'],
  ])('resolves the type of %s to a page describing it', async (_label, send, status, code) => {
    const problem = await send().expect(status);
    expect(problem.body.code).toBe(code);
    const type = new URL(problem.body.type);
    expect(type.pathname).toBe(`/problems/${code}`);
    const page = await request(t.server).get(type.pathname).expect(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.text).toContain(`<h1>${code}</h1>`);
    expect(page.text).toContain(`<p>HTTP ${status} `);
    const json = await request(t.server).get(type.pathname).set('accept', 'application/json').expect(200);
    expect(json.body).toEqual({ code, status, title: problem.body.title, description: expect.stringMatching(/\S/) });
  });

  it('titles the page in the negotiated language', async () => {
    const res = await request(t.server).get('/problems/firm-not-found').set('accept', 'application/json').query({ lang: 'ru' }).expect(200);
    expect(res.headers['content-language']).toBe('ru');
    expect(res.body.title).toBe((await request(t.server).get('/v1/firms/3f1c2a9e-8b7d-4c6e-9f0a-1b2c3d4e5f60').query({ lang: 'ru' })).body.title);
  });

  it('answers an unknown code with a 404 problem', async () => {
    const res = await request(t.server).get('/problems/no-such-problem').expect(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.code).toBe('not-found');
  });
});
