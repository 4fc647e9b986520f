import { expect } from '@open-wc/testing';
import { formatExpiry, parseExpiry } from '../../src/methods/card/card-rules.js';

/** What the field shows after typing `keys` one at a time (deleting is not typing: see the element test). */
function typed(keys: string): string {
  let shown = '';
  for (const key of keys) shown = formatExpiry(shown + key, shown);
  return shown;
}

describe('card rules: expiry', () => {
  it('formats what is typed key by key as MM / YY', () => {
    expect(typed('1')).to.equal('1');
    expect(typed('12')).to.equal('12 / ');
    expect(typed('1230')).to.equal('12 / 30');
    expect(typed('12/30')).to.equal('12 / 30');
    expect(typed('0')).to.equal('0');
    expect(typed('07')).to.equal('07 / ');
  });

  it('keeps a four-digit year while it is typed, then shortens it: 12/2030 ends as 12 / 30', () => {
    expect(typed('12/203')).to.equal('12 / 203');
    expect(typed('12/2030')).to.equal('12 / 30');
    expect(typed('122030')).to.equal('12 / 30');
    expect(typed('12 / 2030')).to.equal('12 / 30');
    // Past the year, more digits are refused.
    expect(typed('12/301')).to.equal('12 / 30');
    expect(typed('12/20301')).to.equal('12 / 30');
  });

  it('a first digit above 1 is the month: 2 becomes 02 / ', () => {
    expect(typed('2')).to.equal('02 / ');
    expect(typed('925')).to.equal('09 / 25');
  });

  it('refuses a month above 12 or 00 as typed', () => {
    expect(typed('13')).to.equal('1');
    expect(typed('00')).to.equal('0');
    expect(typed('19')).to.equal('1');
    expect(typed('0/')).to.equal('0');
    expect(formatExpiry('13/30', '')).to.equal('');
  });

  it('M/YY: a single-digit month before a separator', () => {
    expect(typed('1/30')).to.equal('01 / 30');
    expect(typed('1/')).to.equal('01 / ');
  });

  it('formats an autofilled value at once (cc-exp: 12/2030, 122030, 12/30, 1230, 12 / 2030, 1/2030)', () => {
    for (const filled of ['12/2030', '122030', '12/30', '1230', '12 / 2030', '12 / 30', '12-2030', '1/2030'].map((v) => formatExpiry(v, ''))) {
      expect(filled).to.match(/^(12|01) \/ 30$/);
    }
    expect(formatExpiry('12/2030', '')).to.equal('12 / 30');
    expect(formatExpiry('1/2030', '')).to.equal('01 / 30');
  });

  it('parses every accepted shape', () => {
    for (const value of ['12/30', '12 / 30', '1230', '12/2030', '12 / 2030', '122030', '12-30']) {
      expect(parseExpiry(value), value).to.deep.equal({ month: 12, year: 2030 });
    }
    expect(parseExpiry('1/30')).to.deep.equal({ month: 1, year: 2030 });
    expect(parseExpiry('13/30')).to.equal(undefined);
    expect(parseExpiry('00/30')).to.equal(undefined);
    expect(parseExpiry('12 / 203')).to.equal(undefined);
    expect(parseExpiry('12')).to.equal(undefined);
  });
});
