// Pure helpers of the definition-set screen: hours ↔ seconds, the form's values ↔ the set, times and rates.
import type { DefinitionSet, Denominator } from './definitionTypes';

export const DENOMINATORS: Denominator[] = ['processed_in_period', 'due_in_period', 'to_process'];

/** The form's values: the seconds fields in hours (a person thinks "24 giờ", not 86400). */
export interface DefinitionForm {
  name: string;
  name_en: string;
  day_level: boolean;
  early_hours: number;
  early_days: number;
  grace_hours: number;
  denominator: Denominator;
  count_returned: boolean;
  count_withdrawn: boolean;
  count_rejected: boolean;
  due_soon_days: number;
  apology_lead_hours: number;
  max_apologies: number;
  supplement_fault_threshold: number;
}

/** Seconds as hours (up to 3 decimals). */
export function hoursOf(seconds: number): number {
  return Math.round((seconds / 3600) * 1000) / 1000;
}

/** Hours as whole seconds. */
export function secondsOf(hours: number): number {
  return Math.round(hours * 3600);
}

export function toForm(set: DefinitionSet): DefinitionForm {
  return {
    name: set.name,
    name_en: set.name_en,
    day_level: set.day_level,
    early_hours: hoursOf(set.early_seconds),
    early_days: set.early_days,
    grace_hours: hoursOf(set.grace_seconds),
    denominator: set.denominator,
    count_returned: set.count_returned,
    count_withdrawn: set.count_withdrawn,
    count_rejected: set.count_rejected,
    due_soon_days: set.due_soon_days,
    apology_lead_hours: hoursOf(set.apology_min_lead_seconds),
    max_apologies: set.max_apologies,
    supplement_fault_threshold: set.supplement_fault_threshold,
  };
}

/** The body of PUT /api/dossiers/definitions/{code}. */
export function fromForm(form: DefinitionForm): Omit<DefinitionSet, 'code' | 'version'> {
  return {
    name: form.name,
    name_en: form.name_en ?? '',
    day_level: form.day_level,
    early_seconds: secondsOf(form.early_hours),
    early_days: form.early_days,
    grace_seconds: secondsOf(form.grace_hours),
    denominator: form.denominator,
    count_returned: form.count_returned,
    count_withdrawn: form.count_withdrawn,
    count_rejected: form.count_rejected,
    due_soon_days: form.due_soon_days,
    apology_min_lead_seconds: secondsOf(form.apology_lead_hours),
    max_apologies: form.max_apologies,
    supplement_fault_threshold: form.supplement_fault_threshold,
  };
}

/** The form field that shows a body field (for the server's 400 details). */
export const FORM_FIELD: Record<string, keyof DefinitionForm> = {
  name: 'name',
  name_en: 'name_en',
  day_level: 'day_level',
  early_seconds: 'early_hours',
  early_days: 'early_days',
  grace_seconds: 'grace_hours',
  denominator: 'denominator',
  count_returned: 'count_returned',
  count_withdrawn: 'count_withdrawn',
  count_rejected: 'count_rejected',
  due_soon_days: 'due_soon_days',
  apology_min_lead_seconds: 'apology_lead_hours',
  max_apologies: 'max_apologies',
  supplement_fault_threshold: 'supplement_fault_threshold',
};

/** A UTC ISO time as Việt Nam's local dd/mm/yyyy hh:mm (UTC+7, no daylight saving). */
export function vietnamTime(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const local = new Date(date.getTime() + 7 * 3600 * 1000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(local.getUTCDate())}/${two(local.getUTCMonth() + 1)}/${local.getUTCFullYear()} ${two(local.getUTCHours())}:${two(local.getUTCMinutes())}`;
}

/** A percentage with a decimal comma in Vietnamese (95,125 %), a point in English. */
export function percentText(value: number | null, lang: 'vi' | 'en'): string | null {
  if (value === null || value === undefined) return null;
  const text = String(Math.round(value * 1000) / 1000);
  return `${lang === 'vi' ? text.replace('.', ',') : text} %`;
}

/** The numerator and denominator of the on-time rate under a denominator convention (the server's OnTimeRate). */
export function onTimeParts(counters: Record<string, number>, denominator: Denominator): [number, number] {
  switch (denominator) {
    case 'due_in_period':
      return [counters.due_on_time ?? 0, counters.due_total ?? 0];
    case 'to_process':
      return [counters.on_time ?? 0, (counters.received_counted ?? 0) + (counters.carried_over ?? 0)];
    default:
      return [counters.on_time ?? 0, counters.processed ?? 0];
  }
}
