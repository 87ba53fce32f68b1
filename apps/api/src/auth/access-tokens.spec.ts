import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '@app/config';
import { DomainError, Role } from '@app/domain';
import { AccessTokens } from './access-tokens';
import { AuthUser } from './auth-user';

const SECRET = 'a-test-secret-of-this-spec-only-0123456789abcdef';
const config = {
  auth: { issuer: 'motcua', audience: 'motcua-api', accessTokenTtlSeconds: 900 },
} as AppConfig;
const user: AuthUser = {
  id: '11111111-1111-4111-8111-111111111111',
  username: 'desk1',
  role: Role.Reception,
  departmentId: null,
  tokenVersion: 2,
};

describe('AccessTokens: verified tokens are remembered, their expiry checked every time', () => {
  let jwt: JwtService;
  let tokens: AccessTokens;

  beforeEach(() => {
    jwt = new JwtService({ secret: SECRET });
    tokens = new AccessTokens(jwt, config);
  });
  afterEach(() => jest.useRealTimers());

  it('checks a token once, then answers the same user from the memo', async () => {
    const { token } = await tokens.issue(user);
    const verify = jest.spyOn(jwt, 'verifyAsync');
    expect(await tokens.verify(token)).toEqual(user);
    expect(await tokens.verify(token)).toEqual(user);
    expect(await tokens.verify(token)).toEqual(user);
    expect(verify).toHaveBeenCalledTimes(1);
  });

  it('refuses a remembered token once it has expired', async () => {
    jest.useFakeTimers({ now: new Date('2026-12-05T08:00:00Z'), doNotFake: ['nextTick'] });
    const { token } = await tokens.issue(user);
    expect(await tokens.verify(token)).toEqual(user);
    jest.setSystemTime(new Date('2026-12-05T08:14:59Z'));
    expect(await tokens.verify(token)).toEqual(user);
    jest.setSystemTime(new Date('2026-12-05T08:15:00Z'));
    await expect(tokens.verify(token)).rejects.toBeInstanceOf(DomainError);
  });

  it('a token remembered for Bull Board is still refused by the API, and back', async () => {
    const queues = (await tokens.issue(user, 'queues')).token;
    const api = (await tokens.issue(user, 'api')).token;
    expect(await tokens.verify(queues, 'queues')).toEqual(user);
    expect(await tokens.verify(api, 'api')).toEqual(user);
    await expect(tokens.verify(queues, 'api')).rejects.toBeInstanceOf(DomainError);
    await expect(tokens.verify(api, 'queues')).rejects.toBeInstanceOf(DomainError);
  });

  it('a forged or altered token is never taken from the memo', async () => {
    const { token } = await tokens.issue(user);
    await tokens.verify(token);
    const [head, body] = token.split('.');
    await expect(tokens.verify(`${head}.${body}.AAAA`)).rejects.toBeInstanceOf(DomainError);
    const forged = await new JwtService({ secret: 'another-secret-another-secret-0000' }).signAsync(
      { sub: user.id, username: 'desk1', role: Role.Admin, departmentId: null, tv: 2 },
      { audience: 'motcua-api', issuer: 'motcua', expiresIn: 900 },
    );
    await expect(tokens.verify(forged)).rejects.toBeInstanceOf(DomainError);
  });

  it('a caller that changes the user it got does not change the memo', async () => {
    const { token } = await tokens.issue(user);
    const first = await tokens.verify(token);
    first.role = Role.Admin;
    expect((await tokens.verify(token)).role).toBe(Role.Reception);
  });

  it('keeps at most 10,000 tokens, the least recently used leaving first', async () => {
    const verify = jest.spyOn(jwt, 'verifyAsync');
    const issued: string[] = [];
    for (let i = 0; i < 10_001; i++) {
      issued.push((await tokens.issue({ ...user, username: `desk${i}` })).token);
    }
    await tokens.verify(issued[0]);
    for (const token of issued.slice(1)) {
      await tokens.verify(token);
    }
    expect(verify).toHaveBeenCalledTimes(10_001);
    await tokens.verify(issued[10_000]); // still remembered
    expect(verify).toHaveBeenCalledTimes(10_001);
    await tokens.verify(issued[0]); // the oldest was dropped: checked again
    expect(verify).toHaveBeenCalledTimes(10_002);
  });
});
