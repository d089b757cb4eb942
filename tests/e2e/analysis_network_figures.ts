/**
 * Checks of the walking-network figures of the accessibility panel against `siting analyze --mode
 * network --json` on the same project file: everyone's walking time up to the statistics horizon,
 * the not-covered split, facilities off the network, the steps factor, and capacity per facility.
 * Every expected value and text is derived from the CLI's JSON and Intl, never written down.
 */
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

export interface CliPeople {
  cells: number;
  population: number;
  elderly: number;
}
export interface CliTravelTimeOf {
  withinHorizonShare: number | null;
  meanMinutesWithinHorizon: number | null;
  p90Minutes: number | null;
  p90ExceedsMinutes: number | null;
}
export interface CliThreshold {
  label: string;
  minutes: number | null;
  networkM: number | null;
  elderly: { covered: number; total: number };
  cells: { covered: number };
  meanMinutes: { elderly: number | null };
  p90Minutes: { elderly: number | null };
}
export interface CliNetwork {
  thresholds: CliThreshold[];
  unreachable: CliPeople & { offNetworkCells: number; offNetwork: CliPeople; noPath: CliPeople; beyondLimit: CliPeople };
  travelTime: { horizonMinutes: number; horizonM: number; population: CliTravelTimeOf; elderly: CliTravelTimeOf };
  network: { ways: number; stepsFactor: number; facilitiesOffNetwork: string[] };
  capacity: {
    totals: { served: number; demand: number; unservedWithinReach: number; facilitiesWithoutCapacity: number };
    facilities: Array<{ id: string; served: number; capacity: number | null; capacityKnown: boolean; unservedWithinReach: number }>;
  } | null;
  warnings: string[];
}

/** The app's English formats (renderer/analysis/analysis_format.ts, renderer/i18n/format.ts). */
export const en = {
  minutes: (value: number) => new Intl.NumberFormat('en', { style: 'unit', unit: 'minute', unitDisplay: 'short', maximumFractionDigits: 1, minimumFractionDigits: 0 }).format(value),
  percent: (ratio: number) => new Intl.NumberFormat('en', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(ratio),
  count: (value: number) => new Intl.NumberFormat('en', { maximumFractionDigits: 0 }).format(value),
  metres: (value: number) => new Intl.NumberFormat('en', { style: 'unit', unit: 'meter', unitDisplay: 'short', maximumFractionDigits: 0 }).format(value),
  decimal: (value: number) => new Intl.NumberFormat('en', { maximumFractionDigits: 1 }).format(value),
};

/** Everyone's walking time: 90th percentile ("> 30 min" beyond the horizon), share reached, their mean. */
export async function expectEveryonesWalk(page: Page, cli: CliNetwork): Promise<void> {
  const table = page.getByTestId('access-travel-time');
  await expect(table).toHaveAttribute('data-horizon-minutes', String(cli.travelTime.horizonMinutes));
  await expect(table.locator('caption')).toContainText(`searched up to ${en.minutes(cli.travelTime.horizonMinutes)}`);
  for (const people of ['elderly', 'population'] as const) {
    const figures = cli.travelTime[people];
    const p90 = page.getByTestId('access-travel-p90').locator(`td[data-people="${people}"]`);
    if (figures.p90Minutes !== null) {
      await expect(p90).toHaveText(en.minutes(figures.p90Minutes));
      expect(Number(await p90.getAttribute('data-minutes'))).toBeCloseTo(figures.p90Minutes, 9);
    } else {
      await expect(p90).toHaveText(`> ${en.minutes(figures.p90ExceedsMinutes!)}`);
      await expect(p90).toHaveAttribute('data-minutes', '');
    }
    const within = page.getByTestId('access-travel-within').locator(`td[data-people="${people}"]`);
    await expect(within).toHaveText(en.percent(figures.withinHorizonShare!));
    expect(Number(await within.getAttribute('data-share'))).toBeCloseTo(figures.withinHorizonShare!, 9);
    const mean = page.getByTestId('access-travel-mean').locator(`td[data-people="${people}"]`);
    await expect(mean).toHaveText(en.minutes(figures.meanMinutesWithinHorizon!));
  }
}

/** The older people not covered at the largest threshold and the three reasons, which add up. */
export async function expectNotCovered(page: Page, cli: CliNetwork): Promise<void> {
  const parts = [
    ['access-unreachable', cli.unreachable],
    ['access-unreachable-off-network', cli.unreachable.offNetwork],
    ['access-unreachable-no-path', cli.unreachable.noPath],
    ['access-unreachable-beyond', cli.unreachable.beyondLimit],
  ] as const;
  for (const [testId, figures] of parts) {
    const cell = page.getByTestId(testId);
    await expect(cell).toHaveAttribute('data-cells', String(figures.cells));
    expect(Number(await cell.getAttribute('data-elderly'))).toBeCloseTo(figures.elderly, 6);
    await expect(cell).toHaveText(en.count(figures.elderly));
  }
  const { offNetwork, noPath, beyondLimit } = cli.unreachable;
  expect(offNetwork.cells + noPath.cells + beyondLimit.cells).toBe(cli.unreachable.cells);
  expect(offNetwork.cells).toBeGreaterThan(0);
  expect(beyondLimit.cells).toBeGreaterThan(0);
}

/** The warning naming the facilities that reach nobody, and the steps factor of the network line. */
export async function expectNetworkNotes(page: Page, cli: CliNetwork, maxSnapM: number, names: Map<string, string>): Promise<void> {
  const off = cli.network.facilitiesOffNetwork;
  const warning = page.getByTestId('access-facilities-off-network');
  if (off.length === 0) {
    await expect(warning).toHaveCount(0);
  } else {
    await expect(warning).toHaveAttribute('data-ids', off.join(' '));
    await expect(warning).toContainText(`${en.count(off.length)} ${off.length === 1 ? 'facility lies' : 'facilities lie'} farther than ${en.metres(maxSnapM)} from every walkable way`);
    await expect(warning).toContainText(names.get(off[0])!);
  }
  const network = page.getByTestId('access-network');
  await expect(network).toHaveAttribute('data-steps-factor', String(cli.network.stepsFactor));
  await expect(network).toContainText(`steps count ${en.decimal(cli.network.stepsFactor)} × their length`);
}

/** Capacity per facility: served and unserved within reach, and capacities not recorded. */
export async function expectCapacity(page: Page, cli: CliNetwork): Promise<void> {
  const capacity = cli.capacity!;
  const totals = page.getByTestId('access-capacity-totals');
  expect(Number(await totals.getAttribute('data-served'))).toBeCloseTo(capacity.totals.served, 6);
  expect(Number(await totals.getAttribute('data-unserved'))).toBeCloseTo(capacity.totals.unservedWithinReach, 6);
  const rows = await page.getByTestId('access-capacity-facility').evaluateAll((elements) =>
    elements.map((row) => ({
      id: row.getAttribute('data-id')!,
      served: Number(row.getAttribute('data-served')),
      unserved: Number(row.getAttribute('data-unserved')),
      known: row.getAttribute('data-capacity-known'),
      cells: [...row.querySelectorAll('td')].map((cell) => cell.textContent ?? ''),
    })),
  );
  expect(rows.map((row) => row.id).sort()).toEqual(capacity.facilities.map((f) => f.id).sort());
  for (const facility of capacity.facilities) {
    const row = rows.find((candidate) => candidate.id === facility.id)!;
    expect(row.served).toBeCloseTo(facility.served, 6);
    expect(row.unserved).toBeCloseTo(facility.unservedWithinReach, 6);
    expect(row.known).toBe(String(facility.capacityKnown));
    expect(row.cells[3]).toBe(en.decimal(facility.unservedWithinReach));
    if (!facility.capacityKnown) expect(row.cells[1]).toBe('not recorded');
  }
  // Largest shortfall first.
  const unserved = rows.map((row) => row.unserved);
  expect(unserved).toEqual([...unserved].sort((a, b) => b - a));
  const unknown = page.getByTestId('access-capacity-unknown');
  if (capacity.totals.facilitiesWithoutCapacity === 0) await expect(unknown).toHaveCount(0);
  else await expect(unknown).toHaveAttribute('data-count', String(capacity.totals.facilitiesWithoutCapacity));
}
