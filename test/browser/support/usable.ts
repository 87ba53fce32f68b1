import AxeBuilder from '@axe-core/playwright';
import { Page } from 'playwright-core';

/** What the accessibility check holds against a page: WCAG 2.1 A and AA rules. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * The page as it is now: no horizontal overflow at the current width (the 360 px run sets it),
 * and axe-core finds no serious or critical violation. Failures name the page and the rule.
 */
export async function expectUsable(page: Page, name: string): Promise<void> {
  // A string: this runs in the page, whose DOM types the Node test project does not load.
  const overflow = await page.evaluate<{ width: number; scrollWidth: number; wide: string[] }>(`({
    width: window.innerWidth,
    scrollWidth: document.documentElement.scrollWidth,
    wide: [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
      .slice(0, 5)
      .map((e) => e.tagName.toLowerCase() + '.' + [...e.classList].join('.')),
  })`);
  // The widest offenders are named, so a failure says what to fix.
  expect({
    page: name,
    overflowsBy: overflow.scrollWidth - overflow.width,
    // Diagnostics only: a wide table scrolling inside its own box is fine.
    wide: overflow.scrollWidth > overflow.width ? overflow.wide : [],
  }).toEqual({ page: name, overflowsBy: 0, wide: [] });
  const result = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const serious = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      page: name,
      rule: v.id,
      impact: v.impact,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
  expect(serious).toEqual([]);
}
