import { KPI_FACT_ACTIONS, TransitionAction } from '@app/domain';
import { JobName, OUTBOX_ROUTES } from '@app/messaging';
import { EVENT_FOR_ACTION } from '../applications/application-event';

describe('the KPI consumer hears of every action that can change the figures', () => {
  const routed = OUTBOX_ROUTES.find((r) => r.job === JobName.KpiApplyEvent)!.types;

  it.each(KPI_FACT_ACTIONS.map((a) => [a]))('%s is routed to the KPI consumer', (action) => {
    expect(routed.has(EVENT_FOR_ACTION[action])).toBe(true);
  });

  it('routes nothing that cannot change them', () => {
    const relevant = new Set(KPI_FACT_ACTIONS.map((a) => EVENT_FOR_ACTION[a]));
    const extra = [...routed].filter((type) => !relevant.has(type as never));
    expect(extra).toEqual([]);
    expect(Object.values(TransitionAction).length).toBeGreaterThan(KPI_FACT_ACTIONS.length);
  });
});
