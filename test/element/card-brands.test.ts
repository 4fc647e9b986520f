/**
 * Issue 15, the card: accepted brands as marks, the detected brand inside the number box, the expiry
 * field's formats, and side-by-side fields that stay in line at narrow widths.
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { newSandbox } from '../helpers/emulator.js';
import { field, mount, pay, shadow, type } from '../helpers/checkout.js';

/** The text of `node` that assistive technology reads (what is not `aria-hidden`), spaces squeezed. */
function spoken(node: Node): string {
  const out: string[] = [];
  const walk = (n: Node) => {
    if (n instanceof Element && n.getAttribute('aria-hidden') === 'true') return;
    if (n.nodeType === Node.TEXT_NODE) out.push(n.textContent ?? '');
    n.childNodes.forEach(walk);
  };
  walk(node);
  return out.join('').replace(/\s+/g, ' ').trim();
}

/** The text people see: neither visually hidden nor inside a mark. */
function shown(node: Node): string {
  const out: string[] = [];
  const walk = (n: Node) => {
    if (n instanceof Element && (n.classList.contains('visually-hidden') || n.tagName.toLowerCase() === 'svg')) return;
    if (n.nodeType === Node.TEXT_NODE) out.push(n.textContent ?? '');
    n.childNodes.forEach(walk);
  };
  walk(node);
  return out.join('').replace(/\s+/g, ' ').trim();
}

function expectDecorative(marks: Iterable<Element>) {
  for (const mark of marks) {
    expect(mark.tagName.toLowerCase()).to.equal('svg');
    expect(mark.getAttribute('aria-hidden')).to.equal('true');
    expect(mark.getAttribute('focusable')).to.equal('false');
    expect(mark.querySelector('[style], style, image, use, foreignObject')).to.equal(null);
    expect(mark.hasAttribute('style')).to.equal(false);
  }
}

describe('card brands', () => {
  it('method choices: each row has its marks (the accepted brands for the card), names unchanged for assistive tech', async () => {
    const sandbox = await newSandbox();
    const el = await mount(sandbox, { money: { amount: 10, currency: 'USD' }, locale: 'en-US' });
    try {
      const rows = [...shadow(el).querySelectorAll<HTMLLabelElement>('[part~="methods"] [part~="method"]')];
      const card = rows.find((r) => /^card/i.test(r.textContent!.trim()))!;
      expect(card, 'the card row').to.exist;
      const cardMarks = card.querySelectorAll('[part~="brands"] [part~="brand-mark"]');
      expect(cardMarks).to.have.length(4);
      expectDecorative(cardMarks);
      // Not the old text list: the brands are not written out visibly.
      expect(shown(card)).to.equal('Card');
      for (const row of rows.filter((r) => r !== card)) {
        const marks = row.querySelectorAll('[part~="brands"] [part~="brand-mark"]');
        expect(marks, row.textContent!).to.have.length(1);
        expectDecorative(marks);
      }
      // Every mark sits at the inline-end of its row, one column for all rows.
      const ends = rows.map((r) => Math.round(r.querySelector('[part~="brands"]')!.getBoundingClientRect().right));
      expect(new Set(ends).size).to.equal(1);
      // The radio's name (its label's text but the marks) still says Card, and the accepted brands.
      expect(spoken(card)).to.equal('Card (Visa, MasterCard, American Express, Discover)');
      expect(rows.map(spoken)).to.include('Alipay').and.include('Bank account');
      await expect(el).to.be.accessible();
    } finally {
      el.remove();
    }
  });

  it('a single way to pay: its heading names it, the accepted brands as marks', async () => {
    const sandbox = await newSandbox();
    const el = await mount(sandbox, { money: { amount: 10, currency: 'USD' }, websiteId: 'cards-only-website' });
    try {
      const heading = shadow(el).querySelector('h3[part~="methods"]')!;
      expect(heading.textContent).to.match(/card/i);
      const marks = heading.querySelectorAll('[part~="brands"] [part~="brand-mark"]');
      expect(marks).to.have.length(4);
      expectDecorative(marks);
      expect(spoken(heading)).to.equal('Card (Visa, MasterCard, American Express, Discover)');
      expect(shown(heading)).to.equal('Card');
    } finally {
      el.remove();
    }
  });

  it('the detected brand is a mark inside the number box (inline-end, also right-to-left), named for screen readers', async () => {
    const sandbox = await newSandbox();
    const el = await mount(sandbox, { money: { amount: 10, currency: 'USD' } });
    try {
      const number = field(el, /card number/i);
      const markIn = () => number.parentElement!.querySelector('[part~="brand-mark"]')!;
      const generic = markIn().innerHTML;
      expectDecorative([markIn()]);
      type(number, '4242 4242');
      await el.updateComplete;
      const visa = markIn().innerHTML;
      expect(visa).not.to.equal(generic);
      const hintId = number.getAttribute('aria-describedby')!.split(' ').find((id) => id.endsWith('-hint'))!;
      const hint = shadow(el).getElementById(hintId)!;
      expect(hint.textContent).to.equal('Detected card: Visa');
      // Said, not shown: no grey line under the box.
      expect(hint.getBoundingClientRect().width).to.be.at.most(1);
      expect(hint.classList.contains('hint')).to.equal(false);
      const box = number.getBoundingClientRect();
      const mark = markIn().getBoundingClientRect();
      expect(mark.right).to.be.at.most(box.right).and.to.be.above(box.right - 50);
      expect(mark.top).to.be.above(box.top);
      expect(mark.bottom).to.be.below(box.bottom);
      type(number, '3782 822463 10005');
      await el.updateComplete;
      expect(markIn().innerHTML).not.to.equal(visa);
      expect(hint.textContent).to.equal('Detected card: American Express');
      el.locale = 'ar'; // right-to-left (English strings: no Arabic catalogue)
      await new Promise((r) => setTimeout(r, 50));
      await el.updateComplete;
      expect(shadow(el).querySelector('.root')!.getAttribute('dir')).to.equal('rtl');
      const rtlBox = number.getBoundingClientRect();
      const rtlMark = markIn().getBoundingClientRect();
      expect(rtlMark.left).to.be.at.least(rtlBox.left).and.to.be.below(rtlBox.left + 50);
    } finally {
      el.remove();
    }
  });

  it('expiry: typing 12/2030 ends as 12 / 30; a month above 12 is refused as typed; 2 becomes 02 / ; autofill formats at once', async () => {
    const sandbox = await newSandbox();
    const el = await mount(sandbox, { money: { amount: 10, currency: 'USD' } });
    try {
      const expiry = field(el, /expir/i);
      expect(expiry.placeholder).to.equal('MM / YY');
      expect(expiry.autocomplete).to.equal('cc-exp');
      const typeKeys = async (keys: string) => {
        type(expiry, '');
        expiry.focus();
        await sendKeys({ type: keys });
        await el.updateComplete;
        return expiry.value;
      };
      expect(await typeKeys('12/2030')).to.equal('12 / 30');
      expect(await typeKeys('1230')).to.equal('12 / 30');
      expect(await typeKeys('13')).to.equal('1');
      expect(await typeKeys('00')).to.equal('0');
      expect(await typeKeys('2')).to.equal('02 / ');
      expect(await typeKeys('1/30')).to.equal('01 / 30');
      expect(await typeKeys('12 / 2030')).to.equal('12 / 30');
      // Deleting: Backspace erases the separator as the customer expects.
      await typeKeys('12');
      await sendKeys({ press: 'Backspace' });
      await sendKeys({ press: 'Backspace' });
      await sendKeys({ press: 'Backspace' });
      expect(expiry.value).to.equal('12');
      // Autofill (cc-exp) sets the whole value at once.
      for (const filled of ['12/2030', '122030', '12/30']) {
        type(expiry, '');
        type(expiry, filled);
        await el.updateComplete;
        expect(expiry.value, filled).to.equal('12 / 30');
      }
    } finally {
      el.remove();
    }
  });

  it('expiry placeholder and label are translated', async () => {
    const sandbox = await newSandbox();
    const el = await mount(sandbox, { money: { amount: 10, currency: 'USD' }, locale: 'es' });
    try {
      expect(field(el, /expir/i).placeholder).to.equal('MM / AA');
      el.locale = 'fr';
      await new Promise((r) => setTimeout(r, 100));
      await el.updateComplete;
      expect(field(el, /expir/i).placeholder).to.equal('MM / AA');
    } finally {
      el.remove();
    }
  });

  for (const width of [280, 320, 480]) {
    it(`at ${width} px the expiry and security-code inputs stay in line (labels wrap, errors shown)`, async () => {
      const sandbox = await newSandbox();
      const el = await mount(sandbox, { money: { amount: 10, currency: 'USD' }, locale: 'en-US' });
      try {
        el.parentElement!.style.width = `${width}px`;
        await el.updateComplete;
        const aligned = () => {
          const a = field(el, /expir/i).getBoundingClientRect();
          const b = field(el, /security code/i).getBoundingClientRect();
          expect(a.left, 'side by side').to.be.below(b.left);
          expect(Math.abs(a.top - b.top), `tops at ${width}px: ${a.top} / ${b.top}`).to.be.at.most(1);
        };
        aligned();
        if (width === 320) {
          const root = shadow(el).querySelector<HTMLElement>('.root')!;
          const form = shadow(el).querySelector<HTMLElement>('form')!;
          expect(root.scrollWidth).to.be.at.most(root.clientWidth);
          expect(form.scrollWidth).to.be.at.most(form.clientWidth);
          expect(el.scrollWidth).to.be.at.most(el.clientWidth);
        }
        // One field with an error, its neighbour without: still in line, and so are the labels.
        type(field(el, /expir/i), '12 / 1');
        await el.updateComplete;
        aligned();
        await pay(el);
        await el.updateComplete;
        aligned();
        const labels = [field(el, /expir/i), field(el, /security code/i)].map((i) => shadow(el).querySelector(`label[for="${i.id}"]`)!.getBoundingClientRect().top);
        expect(Math.abs(labels[0]! - labels[1]!)).to.be.at.most(1);
      } finally {
        el.remove();
      }
    });
  }
});
