import {
  boundsOf,
  bucketsOf,
  figuresFor,
  groupedFigures,
  judge,
  K1Settings,
  localDay,
  populationOf,
  RecordedAction,
  RecordedApplication,
  StopReason,
} from './k1-reference';

/**
 * The reference K1, rule by rule (issue 8; domain spec section 4), with dated examples worked
 * out by hand. Local time is Asia/Ho_Chi_Minh (UTC+7). Tết 2026: Mon 16 – Fri 20 February.
 */
const vn = (at: string) => Date.parse(`${at.replace(' ', 'T')}:00+07:00`);
const PAUSE_OFF: K1Settings = { paymentPausesClock: false };
const PAUSE_ON: K1Settings = { paymentPausesClock: true };

let serial = 0;
function app(
  received: string | null,
  appointment: string,
  events: Array<[RecordedAction, string, StopReason?]> = [],
  overrides: Partial<RecordedApplication> = {},
): RecordedApplication {
  serial += 1;
  return {
    id: `id-${serial}`,
    code: `HS-${serial}`,
    departmentId: 'lead',
    procedureCode: '1.000001',
    channel: 'direct',
    receivedAt: received === null ? null : vn(received),
    appointment: vn(appointment),
    events: events.map(([action, at, stopReason]) => ({ action, at: vn(at), stopReason })),
    ...overrides,
  };
}

/** The judgement of one application in one period, with "now" long after it. */
function judged(a: RecordedApplication, from: string, to: string, settings = PAUSE_OFF) {
  const { S, T } = boundsOf({ from, to }, vn('2030-01-01 00:00'));
  return judge(a, S, T, settings);
}
const verdictIn = (a: RecordedApplication, from: string, to: string, settings = PAUSE_OFF) => {
  const j = judged(a, from, to, settings);
  return j ? `${j.category}/${j.verdict}` : 'not a member';
};

describe('local days and period bounds (UTC+7)', () => {
  it('puts 23:59 local on its own day and 00:00 local on the next', () => {
    expect(localDay(vn('2026-01-31 23:59'))).toBe('2026-01-31');
    expect(localDay(vn('2026-02-01 00:00'))).toBe('2026-02-01');
    // 16:59 UTC on 31/1 is still 31/1 locally; 17:00 UTC is 1/2.
    expect(localDay(Date.parse('2026-01-31T17:00:00Z'))).toBe('2026-02-01');
  });

  it('S is 00:00 local of from; T is 00:00 after to, or now while the period runs', () => {
    const ended = boundsOf({ from: '2026-01-01', to: '2026-03-31' }, vn('2026-06-01 09:00'));
    expect(ended).toEqual({ S: vn('2026-01-01 00:00'), T: vn('2026-04-01 00:00') });
    const running = boundsOf({ from: '2026-04-01', to: '2026-06-30' }, vn('2026-05-12 09:30'));
    expect(running).toEqual({ S: vn('2026-04-01 00:00'), T: vn('2026-05-12 09:30') });
  });
});

describe('rule 1: the population of a period', () => {
  const jan = ['2026-01-01', '2026-01-31'] as const;

  it.each([
    // [what, application, member of January 2026?]
    [
      'received in it and resolved in it',
      app('2026-01-05 09:00', '2026-01-12 17:00', [['mark-result-ready', '2026-01-09 10:00']]),
      true,
    ],
    [
      'received before it, still open in it',
      app('2025-12-29 09:00', '2026-01-06 17:00', [['mark-result-ready', '2026-02-03 10:00']]),
      true,
    ],
    [
      'received before it, resolved in it',
      app('2025-12-29 09:00', '2026-01-06 17:00', [['mark-result-ready', '2026-01-05 10:00']]),
      true,
    ],
    [
      'received before it, resolved before it',
      app('2025-12-22 09:00', '2025-12-29 17:00', [['mark-result-ready', '2025-12-31 16:00']]),
      false,
    ],
    ['received after it', app('2026-02-02 08:00', '2026-02-09 17:00'), false],
    ['received at 00:00 of the next month', app('2026-02-01 00:00', '2026-02-09 17:00'), false],
    ['received at 23:59 of its last day', app('2026-01-31 23:59', '2026-02-09 17:00'), true],
    [
      'never received (refused at the desk)',
      app(null, '2026-01-12 17:00', [['refuse', '2026-01-05 10:00']]),
      false,
    ],
    [
      'stopped before it',
      app('2025-12-15 09:00', '2025-12-22 17:00', [['stop', '2025-12-30 10:00', 'rejected']]),
      false,
    ],
    [
      'withdrawal requested before it, stopped in it: the stop (8) is the end',
      app('2025-12-15 09:00', '2025-12-22 17:00', [
        ['request-withdrawal', '2025-12-30 10:00'],
        ['stop', '2026-01-05 10:00', 'withdrawn'],
      ]),
      true,
    ],
    [
      'withdrawal requested before it, still pending',
      app('2025-12-15 09:00', '2025-12-22 17:00', [['request-withdrawal', '2025-12-30 10:00']]),
      false,
    ],
    [
      'one supplement requested before it, unanswered',
      app('2025-12-15 09:00', '2025-12-22 17:00', [['request-supplement', '2025-12-17 10:00']]),
      false,
    ],
    [
      'one supplement requested before it, answered in it: open again',
      app('2025-12-15 09:00', '2025-12-22 17:00', [
        ['request-supplement', '2025-12-17 10:00'],
        ['receive-supplement', '2026-01-05 10:00'],
      ]),
      true,
    ],
  ])('%s', (_what, a, member) => {
    expect(judged(a, ...jan) !== null).toBe(member);
  });

  it('judges a past period with what was known at its end: later events change nothing', () => {
    const a = app('2026-01-20 09:00', '2026-01-27 17:00', [
      ['mark-result-ready', '2026-02-05 10:00'],
    ]);
    // In January it was open and, at 31/1 23:59:59.999, already past its appointment day.
    expect(verdictIn(a, '2026-01-01', '2026-01-31')).toBe('open/late');
    const before = app('2026-01-20 09:00', '2026-01-27 17:00');
    expect(verdictIn(before, '2026-01-01', '2026-01-31')).toBe('open/late');
    // In February it is resolved, late.
    expect(verdictIn(a, '2026-02-01', '2026-02-28')).toBe('resolved/late');
  });
});

describe('rule 2: the K1 end, by precedence', () => {
  const q1 = ['2026-01-01', '2026-03-31'] as const;
  const end = (a: RecordedApplication) => {
    const j = judged(a, ...q1)!;
    return { category: j.category, end: new Date(j.end).toISOString() };
  };
  const iso = (at: string) => new Date(vn(at)).toISOString();

  it('result ready (9) comes before result returned (10)', () => {
    const a = app('2026-01-05 09:00', '2026-01-12 17:00', [
      ['mark-result-ready', '2026-01-09 10:00'],
      ['return-result', '2026-01-14 10:00'],
    ]);
    expect(end(a)).toEqual({ category: 'resolved', end: iso('2026-01-09 10:00') });
  });

  it('a stop (8) after a withdrawal request (7) ends at the stop; its reason names the category', () => {
    const events: Array<[RecordedAction, string, StopReason?]> = [
      ['request-withdrawal', '2026-01-07 10:00'],
      ['stop', '2026-01-08 10:00', 'withdrawn'],
    ];
    expect(end(app('2026-01-05 09:00', '2026-01-12 17:00', events))).toEqual({
      category: 'withdrawn',
      end: iso('2026-01-08 10:00'),
    });
    events[1][2] = 'other';
    expect(end(app('2026-01-05 09:00', '2026-01-12 17:00', events))).toEqual({
      category: 'stopped',
      end: iso('2026-01-08 10:00'),
    });
  });

  it('a refusal after appraisal is a stop with reason rejected', () => {
    const a = app('2026-01-05 09:00', '2026-01-12 17:00', [
      ['stop', '2026-01-13 10:00', 'rejected'],
    ]);
    expect(end(a)).toEqual({ category: 'stopped', end: iso('2026-01-13 10:00') });
    expect(verdictIn(a, ...q1)).toBe('stopped/late');
  });

  it('a pending withdrawal request (7) ends the clock at the request', () => {
    const a = app('2026-01-05 09:00', '2026-01-12 17:00', [
      ['request-withdrawal', '2026-01-07 10:00'],
    ]);
    expect(end(a)).toEqual({ category: 'withdrawn', end: iso('2026-01-07 10:00') });
  });

  it('exactly one supplement request, unanswered: ends at the request', () => {
    const a = app('2026-01-05 09:00', '2026-01-12 17:00', [
      ['request-supplement', '2026-01-06 10:00'],
    ]);
    expect(end(a)).toEqual({ category: 'awaiting_supplement', end: iso('2026-01-06 10:00') });
    expect(verdictIn(a, ...q1)).toBe('awaiting_supplement/on_time');
  });

  it('the supplement answered after the period ended: awaiting in it, open later', () => {
    const a = app('2026-01-26 09:00', '2026-02-02 17:00', [
      ['request-supplement', '2026-01-28 10:00'],
      ['receive-supplement', '2026-02-10 10:00'],
    ]);
    expect(verdictIn(a, '2026-01-01', '2026-01-31')).toBe('awaiting_supplement/on_time');
    // In February it is open again: 28/1 10:00 → 10/2 10:00 (13 days) taken off T − 1 ms.
    // 28/2 23:59:59.999 − 13 days = 15/2, after the appointment (2/2): late.
    expect(verdictIn(a, '2026-02-01', '2026-02-28')).toBe('open/late');
  });

  it('two supplement requests, the second unanswered: open, judged at T, and late', () => {
    const a = app('2026-01-05 09:00', '2026-01-19 17:00', [
      ['request-supplement', '2026-01-06 10:00'],
      ['receive-supplement', '2026-01-07 10:00'],
      ['request-supplement', '2026-01-08 10:00'],
    ]);
    const j = judged(a, '2026-01-01', '2026-01-31')!;
    expect(j.category).toBe('open');
    expect(j.end).toBe(vn('2026-02-01 00:00') - 1);
    expect(j.verdict).toBe('late');
  });

  it('still open: judged at T − 1 ms, on time while the appointment day has not passed', () => {
    const dueToday = app('2026-01-26 09:00', '2026-01-31 17:00');
    expect(verdictIn(dueToday, '2026-01-01', '2026-01-31')).toBe('open/on_time');
    const dueYesterday = app('2026-01-23 09:00', '2026-01-30 17:00');
    expect(verdictIn(dueYesterday, '2026-01-01', '2026-01-31')).toBe('open/late');
  });
});

describe('rule 3: pauses taken off the end', () => {
  it('subtracts each completed supplement wait', () => {
    // Appointment Mon 12/1; supplement 7/1 10:00 → 9/1 10:00 (2 days); ready Wed 14/1 09:00:
    // 14/1 − 2 days = 12/1, the appointment day: on the day.
    const a = app('2026-01-05 09:00', '2026-01-12 17:00', [
      ['request-supplement', '2026-01-07 10:00'],
      ['receive-supplement', '2026-01-09 10:00'],
      ['mark-result-ready', '2026-01-14 09:00'],
    ]);
    const j = judged(a, '2026-01-01', '2026-01-31')!;
    expect(localDay(j.endAdjusted)).toBe('2026-01-12');
    expect(j.verdict).toBe('on_day');
  });

  it('takes off a payment wait only when PAYMENT_PAUSES_CLOCK is on', () => {
    const a = app('2026-01-05 09:00', '2026-01-12 17:00', [
      ['require-payment', '2026-01-06 10:00'],
      ['confirm-payment', '2026-01-09 10:00'],
      ['mark-result-ready', '2026-01-15 09:00'],
    ]);
    expect(verdictIn(a, '2026-01-01', '2026-01-31', PAUSE_OFF)).toBe('resolved/late');
    // 15/1 09:00 − 3 days = 12/1 09:00: on the day.
    expect(verdictIn(a, '2026-01-01', '2026-01-31', PAUSE_ON)).toBe('resolved/on_day');
  });

  it('counts a payment still pending at the end up to the end', () => {
    // Payment asked 8/1 10:00, never confirmed; withdrawal requested 20/1 10:00 (the end):
    // 12 days off → 8/1 10:00, before the appointment 12/1.
    const a = app('2026-01-05 09:00', '2026-01-12 17:00', [
      ['require-payment', '2026-01-08 10:00'],
      ['request-withdrawal', '2026-01-20 10:00'],
    ]);
    expect(verdictIn(a, '2026-01-01', '2026-01-31', PAUSE_OFF)).toBe('withdrawn/late');
    const j = judged(a, '2026-01-01', '2026-01-31', PAUSE_ON)!;
    expect(localDay(j.endAdjusted)).toBe('2026-01-08');
    expect(j.verdict).toBe('on_time');
  });

  it('ignores a supplement completed after the end', () => {
    // Supplement asked 7/1, answered 21/2 (after the period): in January the application
    // waits (awaiting supplement, on time); in February the 45-day wait is taken off.
    const a = app('2026-01-05 09:00', '2026-01-12 17:00', [
      ['request-supplement', '2026-01-07 10:00'],
      ['receive-supplement', '2026-02-21 10:00'],
      ['mark-result-ready', '2026-02-26 10:00'],
    ]);
    expect(verdictIn(a, '2026-01-01', '2026-01-31')).toBe('awaiting_supplement/on_time');
    // 26/2 10:00 − 45 days = 12/1 10:00: on the day.
    expect(verdictIn(a, '2026-02-01', '2026-02-28')).toBe('resolved/on_day');
  });
});

describe('rule 4: the original appointment, whatever apologies say', () => {
  it('an apology with a new date does not move the appointment K1 uses', () => {
    const a = app('2026-01-05 09:00', '2026-01-12 17:00', [
      ['apologize', '2026-01-09 10:00'],
      ['mark-result-ready', '2026-01-16 10:00'],
    ]);
    expect(verdictIn(a, '2026-01-01', '2026-01-31')).toBe('resolved/late');
  });
});

describe('rule 5: early, on the day, late — by local day', () => {
  // Received Fri 6/2/2026; the appointment Mon 23/2, the first working day after Tết.
  const tet = (ready: string) =>
    app('2026-02-06 09:00', '2026-02-23 17:00', [['mark-result-ready', ready]]);
  it.each([
    ['before Tết', '2026-02-13 16:00', 'resolved/early'],
    ['on a Tết day (a working weekend, say)', '2026-02-18 10:00', 'resolved/early'],
    ['on the appointment day, after its hour', '2026-02-23 23:59', 'resolved/on_day'],
    ['the next day at 00:00', '2026-02-24 00:00', 'resolved/late'],
  ])('ready %s', (_when, ready, expected) => {
    expect(verdictIn(tet(ready), '2026-02-01', '2026-02-28')).toBe(expected);
  });

  it('a result ready on the swapped working Saturday 10/1/2026 before a Monday appointment is early', () => {
    const a = app('2026-01-05 15:01', '2026-01-12 17:00', [
      ['mark-result-ready', '2026-01-10 10:00'],
    ]);
    expect(verdictIn(a, '2026-01-01', '2026-01-31')).toBe('resolved/early');
  });

  it('two supplement requests before the end make it late even when early by the day', () => {
    const a = app('2026-01-05 09:00', '2026-01-20 17:00', [
      ['request-supplement', '2026-01-06 10:00'],
      ['receive-supplement', '2026-01-07 10:00'],
      ['request-supplement', '2026-01-08 10:00'],
      ['receive-supplement', '2026-01-09 10:00'],
      ['mark-result-ready', '2026-01-12 10:00'],
    ]);
    expect(verdictIn(a, '2026-01-01', '2026-01-31')).toBe('resolved/late');
  });

  it('stopped, withdrawn and awaiting supplement are on time or late, never early', () => {
    const stoppedEarly = app('2026-01-05 09:00', '2026-01-12 17:00', [
      ['stop', '2026-01-06 10:00', 'rejected'],
    ]);
    expect(verdictIn(stoppedEarly, '2026-01-01', '2026-01-31')).toBe('stopped/on_time');
    const withdrawnLate = app('2026-01-05 09:00', '2026-01-12 17:00', [
      ['request-withdrawal', '2026-01-13 08:00'],
    ]);
    expect(verdictIn(withdrawnLate, '2026-01-01', '2026-01-31')).toBe('withdrawn/late');
    const awaitingLate = app('2026-01-05 09:00', '2026-01-12 17:00', [
      ['request-supplement', '2026-01-13 08:00'],
    ]);
    expect(verdictIn(awaitingLate, '2026-01-01', '2026-01-31')).toBe('awaiting_supplement/late');
  });
});

describe('rule 6: categories, counts and the rate', () => {
  const apps = [
    app('2025-12-29 09:00', '2026-01-06 17:00', [['mark-result-ready', '2026-01-05 10:00']]), // carried, early
    app('2026-01-05 09:00', '2026-01-12 17:00', [['mark-result-ready', '2026-01-12 10:00']]), // on day
    app('2026-01-05 09:00', '2026-01-12 17:00', [['mark-result-ready', '2026-01-13 10:00']]), // late
    app('2026-01-05 09:00', '2026-01-12 17:00', [['stop', '2026-01-06 10:00', 'rejected']]), // stopped on time
    app('2026-01-05 09:00', '2026-01-12 17:00', [['stop', '2026-01-14 10:00', 'other']]), // stopped late
    app('2026-01-05 09:00', '2026-01-12 17:00', [['stop', '2026-01-06 10:00', 'withdrawn']]), // withdrawn on time
    app('2026-01-05 09:00', '2026-01-12 17:00', [['request-withdrawal', '2026-01-14 10:00']]), // withdrawn late
    app('2026-01-05 09:00', '2026-01-12 17:00', [['request-supplement', '2026-01-07 10:00']]), // awaiting on time
    app('2026-01-26 09:00', '2026-02-02 17:00'), // open on time
    app('2026-01-19 09:00', '2026-01-26 17:00'), // open late
    app('2026-02-02 09:00', '2026-02-09 17:00'), // not a member: received after
  ];

  it('puts each member in exactly one category and balances', () => {
    const f = figuresFor(
      apps,
      { from: '2026-01-01', to: '2026-01-31' },
      vn('2026-03-01 00:00'),
      PAUSE_OFF,
    );
    expect(f).toEqual({
      population: 10,
      carriedOver: 1,
      received: 9,
      resolvedEarly: 1,
      resolvedOnDay: 1,
      resolvedLate: 1,
      stoppedOnTime: 1,
      stoppedLate: 1,
      withdrawnOnTime: 1,
      withdrawnLate: 1,
      awaitingSupplementOnTime: 1,
      awaitingSupplementLate: 0,
      openOnTime: 1,
      openLate: 1,
      onTimeCount: 6,
      lateCount: 4,
      rate: 60,
    });
  });

  it('rounds the rate to two decimals and has none for an empty population', () => {
    const two = apps.slice(0, 3); // early, on day, late: 2 of 3
    expect(
      figuresFor(two, { from: '2026-01-01', to: '2026-01-31' }, vn('2026-03-01 00:00'), PAUSE_OFF)
        .rate,
    ).toBe(66.67);
    // In May only the three never closed remain (open, late); without them, no one.
    const closed = apps.slice(0, 8);
    expect(
      figuresFor(
        closed,
        { from: '2026-05-01', to: '2026-05-31' },
        vn('2026-07-01 00:00'),
        PAUSE_OFF,
      ),
    ).toMatchObject({ population: 0, rate: null });
    expect(
      figuresFor(apps, { from: '2026-05-01', to: '2026-05-31' }, vn('2026-07-01 00:00'), PAUSE_OFF),
    ).toMatchObject({ population: 3, openLate: 3, carriedOver: 3, rate: 0 });
  });

  it('lists the drill-down population with categories, verdicts and carried-over flags', () => {
    const members = populationOf(
      apps,
      { from: '2026-01-01', to: '2026-01-31' },
      vn('2026-03-01 00:00'),
      PAUSE_OFF,
    );
    expect(members.size).toBe(10);
    expect(members.get(apps[0].code)).toMatchObject({
      category: 'resolved',
      verdict: 'early',
      carriedOver: true,
    });
    expect(members.has(apps[10].code)).toBe(false);
  });
});

describe('rule 7: groupings', () => {
  it('cuts a range into calendar months or quarters, each intersected with it', () => {
    expect(bucketsOf({ from: '2025-12-15', to: '2026-03-14' }, 'month')).toEqual([
      { key: '2025-12', from: '2025-12-15', to: '2025-12-31' },
      { key: '2026-01', from: '2026-01-01', to: '2026-01-31' },
      { key: '2026-02', from: '2026-02-01', to: '2026-02-28' },
      { key: '2026-03', from: '2026-03-01', to: '2026-03-14' },
    ]);
    expect(bucketsOf({ from: '2025-12-15', to: '2026-06-14' }, 'quarter')).toEqual([
      { key: '2025-Q4', from: '2025-12-15', to: '2025-12-31' },
      { key: '2026-Q1', from: '2026-01-01', to: '2026-03-31' },
      { key: '2026-Q2', from: '2026-04-01', to: '2026-06-14' },
    ]);
  });

  it('counts an application open across a month end in both months, once in the total', () => {
    // Received 20/1, due 27/1, resolved 5/2: January open late; February resolved late.
    const a = app('2026-01-20 09:00', '2026-01-27 17:00', [
      ['mark-result-ready', '2026-02-05 10:00'],
    ]);
    const g = groupedFigures(
      [a],
      { from: '2026-01-01', to: '2026-02-28' },
      'month',
      vn('2026-03-10 00:00'),
      PAUSE_OFF,
    );
    expect(g.rows.get('2026-01')).toMatchObject({ population: 1, openLate: 1, received: 1 });
    expect(g.rows.get('2026-02')).toMatchObject({ population: 1, resolvedLate: 1, carriedOver: 1 });
    expect(g.total).toMatchObject({ population: 1, resolvedLate: 1, received: 1 });
  });

  it('leaves out month buckets that have not started', () => {
    const g = groupedFigures(
      [],
      { from: '2026-10-01', to: '2026-12-31' },
      'month',
      vn('2026-10-21 10:00'),
      PAUSE_OFF,
    );
    expect([...g.rows.keys()]).toEqual(['2026-10']);
  });

  it('groups by lead department, procedure code and channel', () => {
    const handedOver = app(
      '2026-01-05 09:00',
      '2026-01-12 17:00',
      [
        ['hand-over', '2026-01-06 10:00'],
        ['mark-result-ready', '2026-01-09 10:00'],
      ],
      { departmentId: 'lead-A', procedureCode: '1.000002', channel: 'postal' },
    );
    const other = app('2026-01-05 09:00', '2026-01-12 17:00', [], {
      departmentId: 'lead-B',
      channel: 'online',
    });
    const range = { from: '2026-01-01', to: '2026-01-31' };
    const now = vn('2026-03-01 00:00');
    const keys = (by: 'department' | 'procedure' | 'channel') =>
      [...groupedFigures([handedOver, other], range, by, now, PAUSE_OFF).rows.keys()].sort();
    expect(keys('department')).toEqual(['lead-A', 'lead-B']);
    expect(keys('procedure')).toEqual(['1.000001', '1.000002']);
    expect(keys('channel')).toEqual(['online', 'postal']);
  });
});
