import { startTestApp, TestApp } from '../setup/test-app';

/** How the API serves the web app under /app, without a browser. */
describe('web app serving', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers the page with its import map and a strict content security policy', async () => {
    const res = await t.http.get('/app/').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.text).toContain('<script type="importmap">');
    expect(res.text).toMatch(/"preact": "\/app\/vendor\/preact\.js\?v=\d+\.\d+\.\d+"/);
    const csp = res.headers['content-security-policy'];
    expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it.each(['/app/dang-nhap', '/app/ho-so/000.00.12.H00-260301-0001', '/app/tra-cuu?code=X'])(
    'answers the page for the deep link %s (the router in the page decides)',
    async (path) => {
      const res = await t.http.get(path).expect(200);
      expect(res.text).toContain('<div id="root">');
    },
  );

  it('redirects /app to /app/', async () => {
    const res = await t.http.get('/app').expect(302);
    expect(res.headers.location).toBe('/app/');
  });

  it('serves the app modules and the vendored libraries as JavaScript', async () => {
    const main = await t.http.get('/app/src/main.js').expect(200);
    expect(main.headers['content-type']).toMatch(/javascript/);
    const preact = await t.http.get('/app/vendor/preact.js').expect(200);
    expect(preact.headers['content-type']).toMatch(/^text\/javascript/);
    expect(preact.headers['cache-control']).toContain('immutable');
    await t.http.get('/app/vendor/preact-signals.js').expect(200);
    await t.http
      .get('/app/app.css')
      .expect(200)
      .expect('content-type', /text\/css/);
  });

  it('answers 404 for a missing file instead of the page, and exposes no other package', async () => {
    await t.http.get('/app/src/missing.js').expect(404);
    await t.http.get('/app/vendor/typeorm.js').expect(404);
    await t.http.get('/app/vendor/..%2F..%2Fpackage.json').expect(404);
  });

  it('leaves the API as it was: its routes, its guard and its 404 shape', async () => {
    await t.http.get('/api/v1/health/live').expect(200, { status: 'ok' });
    await t.http.get('/api/v1/applications').expect(401);
    const res = await t.http.get('/api/v1/app/nothing').expect(404);
    expect(res.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    // Errors raised by Fastify itself still go through the API's filter (registering the static
    // plugin must not build the routes before Nest sets its error handler).
    const bad = await t.http
      .post('/api/v1/auth/login')
      .set('content-type', 'application/json')
      .send('{"username":')
      .expect(400);
    expect(bad.body).toMatchObject({ statusCode: 400, details: [{ field: 'body' }] });
  });
});
