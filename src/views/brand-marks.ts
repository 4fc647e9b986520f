import { html, svg, type SVGTemplateResult } from 'lit';

/**
 * Small marks of the card brands and of the generic ways to pay, as inline SVG: no request, no inline
 * style (presentation attributes only), so a strict Content-Security-Policy page shows them. Each sits on a
 * light rounded card (its own colours, also in dark mode). They are decorative: the brand's name is always
 * beside them as text (visible or visually hidden), so they are `aria-hidden`.
 */
export type MarkName = 'visa' | 'mastercard' | 'amex' | 'discover' | 'jcb' | 'diners' | 'unionpay' | 'maestro' | 'card' | 'bank' | 'wallet' | 'offsite';

/** Rebilly's brand names (`ready-to-pay` `brands`, PaymentInstrument `brand`), lower case without spaces. */
const BRANDS: Record<string, MarkName> = {
  visa: 'visa',
  mastercard: 'mastercard',
  americanexpress: 'amex',
  amex: 'amex',
  discover: 'discover',
  jcb: 'jcb',
  dinersclub: 'diners',
  diners: 'diners',
  unionpay: 'unionpay',
  chinaunionpay: 'unionpay',
  maestro: 'maestro',
};

/** The mark of a brand named as Rebilly names it (any case); an unknown or absent brand: the generic card. */
export function markOf(brand: string | undefined | null): MarkName {
  return BRANDS[String(brand ?? '').toLowerCase().replace(/[\s_-]/g, '')] ?? 'card';
}

const GREY = '#4f566b';
const word = (text: string, fill: string, size: number, italic = false) =>
  svg`<text x="16" y=${10 + size * 0.36} text-anchor="middle" font-size=${size} fill=${fill} font-style=${italic ? 'italic' : 'normal'}>${text}</text>`;
const circles = (left: string, right: string) =>
  svg`<circle cx="12.5" cy="10" r="6" fill=${left}/><circle cx="19.5" cy="10" r="6" fill=${right} fill-opacity=".85"/>`;

const MARKS: Record<MarkName, SVGTemplateResult> = {
  visa: word('VISA', '#1a1f71', 9, true),
  mastercard: circles('#eb001b', '#f79e1b'),
  maestro: circles('#eb001b', '#00a2e5'),
  amex: svg`<rect x="1" y="1" width="30" height="18" rx="2" fill="#1f72cd"/>${word('AMEX', '#fff', 8.5)}`,
  discover: svg`${word('DISCOVER', '#231f20', 5.4)}<path d="M1 15.5h30v1.5a2 2 0 0 1-2 2H3a2 2 0 0 1-2-2z" fill="#f58220"/>`,
  jcb: svg`<rect x="5" y="3.5" width="7" height="13" rx="2" fill="#0e4c96"/><rect x="12.5" y="3.5" width="7" height="13" rx="2" fill="#e21836"/><rect x="20" y="3.5" width="7" height="13" rx="2" fill="#00a650"/><text y="12.5" font-size="5.5" fill="#fff"><tspan x="6.8">J</tspan><tspan x="14.3">C</tspan><tspan x="21.8">B</tspan></text>`,
  diners: svg`<circle cx="16" cy="10" r="7" fill="#0079be"/><circle cx="16" cy="10" r="4.6" fill="#fff"/><path d="M14.6 6.2v7.6M17.4 6.2v7.6" stroke="#0079be" stroke-width="1.4"/>`,
  unionpay: svg`<path d="M7 3.5h6l-3 13H4z" fill="#e21836"/><path d="M13 3.5h6l-3 13h-6z" fill="#00447c"/><path d="M19 3.5h6l-3 13h-6z" fill="#007b84"/>`,
  card: svg`<rect x="6" y="4" width="20" height="12" rx="1.5" fill="none" stroke=${GREY} stroke-width="1.4"/><path d="M6 7.5h20" stroke=${GREY} stroke-width="2"/><path d="M9 12.5h5" stroke=${GREY} stroke-width="1.4"/>`,
  bank: svg`<path d="M16 3l8 4H8z" fill=${GREY}/><path d="M10 8.5v6M14 8.5v6M18 8.5v6M22 8.5v6" stroke=${GREY} stroke-width="1.6"/><path d="M8 16h16" stroke=${GREY} stroke-width="1.6"/>`,
  wallet: svg`<path d="M8 6.5h15a1.5 1.5 0 0 1 1.5 1.5v7a1.5 1.5 0 0 1-1.5 1.5H9.5A1.5 1.5 0 0 1 8 15V6.5l12-2.5v2.5" fill="none" stroke=${GREY} stroke-width="1.4"/><circle cx="21" cy="11.5" r="1.2" fill=${GREY}/>`,
  offsite: svg`<path d="M17 5h-7a1.5 1.5 0 0 0-1.5 1.5v8A1.5 1.5 0 0 0 10 16h9a1.5 1.5 0 0 0 1.5-1.5V11M16.5 4h5v5M21.5 4L14 11.5" fill="none" stroke=${GREY} stroke-width="1.4"/>`,
};

/** One mark (part `brand-mark`), decorative: name the brand in text beside it. */
export function brandMark(name: MarkName) {
  return html`<svg class="brand-mark" part="brand-mark" viewBox="0 0 32 20" width="32" height="20" font-family="Arial,Helvetica,sans-serif" font-weight="700" aria-hidden="true" focusable="false"
    ><rect x=".5" y=".5" width="31" height="19" rx="3" fill="#fff" stroke="#d5d9e0"/>${MARKS[name]}</svg
  >`;
}
