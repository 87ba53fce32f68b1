import { DomainError } from '../errors';
import { Role } from '../lifecycle';
import { assertCanAcknowledgeStep } from './step-acknowledgement';

const at = new Date('2026-02-10T02:00:00Z');
const open = { seq: 1, toDepartmentId: 'B', completedAt: null, acknowledgedAt: null };

describe('assertCanAcknowledgeStep: the receiving department takes the dossier, once', () => {
  it.each([
    ['an officer of the receiver', Role.Officer, 'B', open, null],
    ['a head of the receiver', Role.Head, 'B', open, null],
    ['an officer of the sender', Role.Officer, 'A', open, 'FORBIDDEN'],
    ['the director (not the receiving department)', Role.Director, null, open, 'FORBIDDEN'],
    ['the desk', Role.Reception, null, open, 'FORBIDDEN'],
    ['a second time', Role.Officer, 'B', { ...open, acknowledgedAt: at }, 'DUPLICATE'],
    ['after the step ended', Role.Head, 'B', { ...open, completedAt: at }, 'ILLEGAL_TRANSITION'],
  ])('%s → %s', (_label, role, departmentId, step, code) => {
    let got: string | null = null;
    try {
      assertCanAcknowledgeStep({ id: 'u', role, departmentId }, step);
    } catch (error) {
      got = (error as DomainError).code;
    }
    expect(got).toBe(code);
  });
});
