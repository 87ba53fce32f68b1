import { escalationAudience } from './escalation-policy';

describe('escalationAudience: who hears of a deadline, and when the apology is drafted', () => {
  it.each([
    // level, officer, heads, directors, supervising office, drafts the apology
    [1, true, true, true, false, true], // the working day before: still time for a timely apology
    [2, true, true, false, false, false], // start of the due day
    [3, false, true, true, false, true], // overdue (the draft, if level 1 was skipped)
    [4, false, false, true, true, false], // overdue by N working days
  ] as const)('level %i', (level, officer, heads, directors, office, drafts) => {
    expect(escalationAudience(level)).toEqual({
      assignedOfficer: officer,
      departmentHeads: heads,
      directors,
      supervisingOffice: office,
      draftsApology: drafts,
    });
  });
});
