// axe-core in a browser journey: injects node_modules/axe-core/axe.min.js into
// the page and runs it on the whole document. Pages send a strict CSP
// (script-src 'self'), which blocks the inline <script> that addScriptTag
// writes, so when the tag did not take, the same source is evaluated through
// the DevTools protocol (not subject to the page's CSP).
//
//   const v = await axeViolations(page);             // serious + critical, by default
//   expect(v, formatViolations(v)).toEqual([]);
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
export type Impact = 'minor' | 'moderate' | 'serious' | 'critical';

export interface AxeViolation {
  id: string;
  impact: Impact | null;
  help: string;
  /** CSS selectors of the first offending nodes, with axe's summary of what to fix. */
  nodes: { target: string; summary: string }[];
}

let source: string | null = null;

async function injectAxe(page: Page): Promise<void> {
  if (await page.evaluate(() => 'axe' in window)) return;
  await page.addScriptTag({ path: AXE_PATH }).catch(() => undefined);
  if (await page.evaluate(() => 'axe' in window)) return;
  source ??= await readFile(AXE_PATH, 'utf8');
  await page.evaluate(source);
}

/** The violations of the page as it is now, at or above the given impacts (serious and critical by default). */
export async function axeViolations(
  page: Page,
  impacts: readonly Impact[] = ['serious', 'critical'],
): Promise<AxeViolation[]> {
  await injectAxe(page);
  const found = await page.evaluate(async () => {
    type Result = {
      violations: {
        id: string;
        impact: string | null;
        help: string;
        nodes: { target: unknown[]; failureSummary?: string }[];
      }[];
    };
    const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<Result> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target.join(' '), summary: n.failureSummary ?? '' })),
    }));
  });
  return (found as AxeViolation[]).filter((v) => v.impact !== null && impacts.includes(v.impact));
}

/** A readable list for an assertion message. */
export function formatViolations(vs: AxeViolation[]): string {
  return vs
    .map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target}: ${n.summary}`).join('\n')}`)
    .join('\n');
}
