import { DomainErrorCode } from '../errors';
import {
  Actor,
  ApplicationPlace,
  assertCanActOnApplication,
  canActOnApplication,
  canSeeApplication,
} from './actor';
import { availableActions, LIFECYCLE } from './lifecycle';
import { ApplicationStatus as S } from './application-status';
import { READ_ONLY_ROLES, Role } from './role';

const actor = (role: Role, departmentId: string | null = null): Actor => ({
  id: 'u',
  role,
  departmentId,
});
const atLead: ApplicationPlace = { leadDepartmentId: 'A', holdingDepartmentId: 'A' };
const heldByB: ApplicationPlace = { leadDepartmentId: 'A', holdingDepartmentId: 'B' };

interface ScopeCase {
  name: string;
  who: Actor;
  place: ApplicationPlace;
  sees: boolean;
  acts: boolean;
}
const scopeCase = (
  name: string,
  who: Actor,
  place: ApplicationPlace,
  sees: boolean,
  acts: boolean,
): ScopeCase => ({ name, who, place, sees, acts });

describe('application scope between departments (liên thông)', () => {
  it.each([
    scopeCase('officer of the lead, not handed over', actor(Role.Officer, 'A'), atLead, true, true),
    scopeCase('head of the lead, not handed over', actor(Role.Head, 'A'), atLead, true, true),
    scopeCase('officer of the lead, held by B', actor(Role.Officer, 'A'), heldByB, true, false),
    scopeCase('head of the lead, held by B', actor(Role.Head, 'A'), heldByB, true, false),
    scopeCase('officer of the holding department', actor(Role.Officer, 'B'), heldByB, true, true),
    scopeCase('head of the holding department', actor(Role.Head, 'B'), heldByB, true, true),
    scopeCase('officer of a third department', actor(Role.Officer, 'C'), heldByB, false, false),
    scopeCase('head of a third department', actor(Role.Head, 'C'), heldByB, false, false),
    scopeCase('officer of B once handed back', actor(Role.Officer, 'B'), atLead, false, false),
    scopeCase('director, held by B', actor(Role.Director), heldByB, true, true),
    scopeCase('admin naming a department, held by B', actor(Role.Admin, 'C'), heldByB, true, true),
    scopeCase('reception, held by B', actor(Role.Reception), heldByB, true, true),
    scopeCase('supervisor, held by B', actor(Role.Supervisor), heldByB, true, false),
    scopeCase('supervisor, not handed over', actor(Role.Supervisor), atLead, true, false),
  ])('$name: sees $sees, acts $acts', ({ who, place, sees, acts }) => {
    expect(canSeeApplication(who, place)).toBe(sees);
    expect(canActOnApplication(who, place)).toBe(acts);
  });

  it('says why it refuses', () => {
    const refusal = (who: Actor, place: ApplicationPlace) => {
      try {
        assertCanActOnApplication(who, place);
        return null;
      } catch (error) {
        return { code: (error as { code: string }).code, message: (error as Error).message };
      }
    };
    expect(refusal(actor(Role.Head, 'A'), heldByB)).toEqual({
      code: DomainErrorCode.Forbidden,
      message: expect.stringContaining('Another department holds'),
    });
    expect(refusal(actor(Role.Supervisor), atLead)).toEqual({
      code: DomainErrorCode.Forbidden,
      message: expect.stringContaining('read-only'),
    });
    expect(refusal(actor(Role.Head, 'B'), heldByB)).toBeNull();
  });
});

describe('read-only roles', () => {
  it.each(READ_ONLY_ROLES)('no lifecycle rule lets %s act, in any status', (role) => {
    expect(LIFECYCLE.filter((rule) => rule.roles.includes(role))).toEqual([]);
    for (const status of Object.values(S)) {
      expect(availableActions(status, role)).toEqual([]);
    }
  });
});
