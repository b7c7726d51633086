import { describe, expect, it } from 'vitest';
import { fromForm, hoursOf, onTimeParts, percentText, secondsOf, toForm, vietnamTime } from './definitionLogic';
import type { DefinitionSet } from './definitionTypes';

const set: DefinitionSet = {
  code: 'hue',
  version: 2,
  name: 'Thừa Thiên Huế',
  name_en: '',
  day_level: false,
  early_seconds: 86400,
  early_days: 1,
  grace_seconds: 5400,
  denominator: 'due_in_period',
  count_returned: true,
  count_withdrawn: false,
  count_rejected: false,
  due_soon_days: 3,
  apology_min_lead_seconds: 86400,
  max_apologies: 1,
  supplement_fault_threshold: 2,
};

describe('definition form', () => {
  it('shows seconds as hours and writes them back as seconds', () => {
    expect(hoursOf(86400)).toBe(24);
    expect(hoursOf(5400)).toBe(1.5);
    expect(secondsOf(24)).toBe(86400);
    const form = toForm(set);
    expect(form.early_hours).toBe(24);
    expect(form.grace_hours).toBe(1.5);
    const body = fromForm({ ...form, grace_hours: 24 });
    expect(body.grace_seconds).toBe(86400);
    expect(body.early_seconds).toBe(86400);
    expect(body.denominator).toBe('due_in_period');
    expect(body.count_returned).toBe(true);
    expect('code' in body).toBe(false);
  });

  it('writes times in Việt Nam local time as dd/mm/yyyy hh:mm', () => {
    expect(vietnamTime('2024-12-31T17:05:00Z')).toBe('01/01/2025 00:05');
    expect(vietnamTime(null)).toBe('');
  });

  it('writes rates with a decimal comma in Vietnamese', () => {
    expect(percentText(95.125, 'vi')).toBe('95,125 %');
    expect(percentText(95.125, 'en')).toBe('95.125 %');
    expect(percentText(null, 'vi')).toBeNull();
  });

  it('takes the on-time parts of the counters the way each convention does', () => {
    const counters = { on_time: 90, processed: 100, due_on_time: 80, due_total: 95, received_counted: 110, carried_over: 10 };
    expect(onTimeParts(counters, 'processed_in_period')).toEqual([90, 100]);
    expect(onTimeParts(counters, 'due_in_period')).toEqual([80, 95]);
    expect(onTimeParts(counters, 'to_process')).toEqual([90, 120]);
  });
});
