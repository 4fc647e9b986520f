import { expect, aTimeout } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { newSandbox } from '../helpers/emulator.js';
import { field, fillCard, mount, payButton, shadow, text } from '../helpers/checkout.js';

const MONEY = { amount: 25, currency: 'EUR' };

describe('i18n', () => {
  it('switches locale at run time without a request and without losing what the customer typed', async () => {
    const sandbox = await newSandbox();
    const el = await mount(sandbox, { money: MONEY, locale: 'en-US' });
    await fillCard(el, { name: 'Ada Lovelace', number: '4111 1111 1111 1111', cvv: '123' });
    await sandbox.clearLog();
    el.locale = 'es-ES';
    await el.updateComplete;
    expect(field(el, /Número de tarjeta/).value).to.equal('4111 1111 1111 1111');
    expect(field(el, /Nombre del titular/).value).to.equal('Ada Lovelace');
    expect(payButton(el).textContent!.trim()).to.equal(
      `Pagar ${new Intl.NumberFormat('es-ES', { style: 'currency', currency: 'EUR' }).format(25)}`,
    );
    el.locale = 'fr-FR';
    await el.updateComplete;
    expect(field(el, /Numéro de carte/).value).to.equal('4111 1111 1111 1111');
    await aTimeout(150);
    // No API request (FramePay's wallet frames may still be loading from the emulator: not API requests).
    expect((await sandbox.log()).filter((r) => !r.path.includes('/framepay/'))).to.have.length(0);
    await expect(el).to.be.accessible();
    el.remove();
  });

  it('falls back to the page language, and to English for a language it does not ship', async () => {
    const sandbox = await newSandbox();
    document.documentElement.lang = 'fr';
    try {
      const el = await mount(sandbox, { money: MONEY });
      expect(payButton(el).textContent).to.match(/^\s*Payer/);
      el.locale = 'de-DE';
      await el.updateComplete;
      // No German catalogue: English words, German number formatting.
      expect(payButton(el).textContent!.trim()).to.equal(
        `Pay ${new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }).format(25)}`,
      );
      el.remove();
    } finally {
      document.documentElement.lang = 'en';
    }
  });

  it('takes added and overriding messages from the page', async () => {
    const sandbox = await newSandbox();
    const el = await mount(sandbox, { money: MONEY, locale: 'de-DE' });
    el.messages = { de: { payButton: '{amount} bezahlen', cardNumber: 'Kartennummer' } };
    await el.updateComplete;
    expect(payButton(el).textContent!.trim()).to.match(/bezahlen$/);
    expect(field(el, /Kartennummer/)).to.exist;
    el.remove();
  });

  it('lays out right to left for RTL languages', async () => {
    const sandbox = await newSandbox();
    const el = await mount(sandbox, { money: MONEY, locale: 'ar-EG' });
    const root = shadow(el).querySelector('.root')!;
    expect(root.getAttribute('dir')).to.equal('rtl');
    expect(root.getAttribute('lang')).to.equal('ar-EG');
    const amount = shadow(el).querySelector('[part~="total"] dd')!;
    const label = shadow(el).querySelector('[part~="total"] dt')!;
    // In RTL the label is on the right, the amount on the left.
    expect(label.getBoundingClientRect().left).to.be.greaterThan(amount.getBoundingClientRect().left);
    await expect(el).to.be.accessible();
    el.remove();
  });
});

describe('theming', () => {
  const background = (el: Element) => getComputedStyle(payButton(el)).backgroundColor;

  afterEach(async () => {
    await emulateMedia({ colorScheme: 'light' });
  });

  it('is light by default and dark with theme="dark"', async () => {
    const sandbox = await newSandbox();
    const el = await mount(sandbox, { money: MONEY });
    expect(background(el)).to.equal('rgb(0, 68, 212)');
    el.theme = 'dark';
    await el.updateComplete;
    expect(background(el)).to.equal('rgb(138, 180, 255)');
    expect(getComputedStyle(el).backgroundColor).to.equal('rgb(20, 23, 31)');
    await expect(el).to.be.accessible();
    el.remove();
  });

  it('sits on the page with --rebilly-color-background: transparent (fields and buttons keep their look)', async () => {
    const sandbox = await newSandbox();
    const el = await mount(sandbox, { money: MONEY });
    expect(getComputedStyle(el).backgroundColor).to.equal('rgb(255, 255, 255)');
    el.style.setProperty('--rebilly-color-background', 'transparent');
    expect(getComputedStyle(el).backgroundColor).to.equal('rgba(0, 0, 0, 0)');
    expect(background(el)).to.equal('rgb(0, 68, 212)');
    await expect(el).to.be.accessible();
    el.remove();
  });

  it('follows prefers-color-scheme, and theme="light" overrides it', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const sandbox = await newSandbox();
    const el = await mount(sandbox, { money: MONEY });
    expect(background(el)).to.equal('rgb(138, 180, 255)');
    el.theme = 'light';
    await el.updateComplete;
    expect(background(el)).to.equal('rgb(0, 68, 212)');
    el.remove();
  });

  it('is themed by --rebilly-* custom properties and ::part()', async () => {
    const sandbox = await newSandbox();
    const style = document.createElement('style');
    style.textContent = `
      .themed { --rebilly-color-primary: rgb(107, 33, 168); --rebilly-radius: 12px; }
      .themed::part(pay-button) { text-transform: uppercase; }`;
    document.head.append(style);
    try {
      const el = await mount(sandbox, { money: MONEY });
      el.classList.add('themed');
      expect(background(el)).to.equal('rgb(107, 33, 168)');
      expect(getComputedStyle(payButton(el)).borderTopLeftRadius).to.equal('12px');
      expect(getComputedStyle(payButton(el)).textTransform).to.equal('uppercase');
      el.remove();
    } finally {
      style.remove();
    }
  });

  it('keeps focus visible and the form usable at 200% zoom (narrow viewport)', async () => {
    const sandbox = await newSandbox();
    const el = await mount(sandbox, { money: MONEY });
    el.style.inlineSize = '320px';
    await el.updateComplete;
    const number = field(el, /card number/i);
    const pay = payButton(el);
    expect(number.getBoundingClientRect().width).to.be.greaterThan(200);
    expect(pay.getBoundingClientRect().right).to.be.at.most(el.getBoundingClientRect().right + 1);
    number.focus();
    expect(getComputedStyle(number).outlineStyle).to.not.equal('none');
    expect(text(el)).to.contain('Pay');
    el.remove();
  });
});
