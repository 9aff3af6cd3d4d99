import { useTranslation } from 'react-i18next';

/** A moment from the API (ISO 8601) in the user's language and time zone. */
export function DateTime({ value }: { value: string }) {
  const { i18n } = useTranslation();
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) return <>{value}</>;
  // Numeric parts: browsers without month names for a locale (some lack Uzbek) still read well.
  const formatted = new Intl.DateTimeFormat(i18n.resolvedLanguage, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(time);
  return <time dateTime={time.toISOString()}>{formatted}</time>;
}
