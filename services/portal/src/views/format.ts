import { Language, locales } from '../i18n/messages';


/** Dates, amounts and numbers written the way each language writes them (« 1 000 $ », "$1,000"). */
export function formats(lang: Language) {
  const date = new Intl.DateTimeFormat(locales[lang], { dateStyle: 'long', timeZone: 'UTC' });
  const dateTime = new Intl.DateTimeFormat(locales[lang], { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });
  const money = (digits: number) => new Intl.NumberFormat(locales[lang], { style: 'currency', currency: 'CAD', currencyDisplay: 'narrowSymbol', minimumFractionDigits: digits, maximumFractionDigits: digits });
  const dollars = money(0);
  const cents = money(2);
  const number = new Intl.NumberFormat(locales[lang]);
  const percent = new Intl.NumberFormat(locales[lang], { style: 'percent', maximumFractionDigits: 1 });
  return {
    date: (value: string | Date) => date.format(new Date(value)),
    dateTime: (value: string | Date) => dateTime.format(new Date(value)),
    money: (value: number) => (Number.isInteger(value) ? dollars : cents).format(value),
    number: (value: number) => number.format(value),
    /** A share from 0 to 1. */
    percent: (share: number) => percent.format(share),
  };
}
