/**
 * README.md's 30-second example: the element's module script, the tag, then the page's module script that
 * adds its listeners. Configuration errors are found while the tag upgrades, before that script ran: the
 * page must still see them (README "Events": the first configuration's error is dispatched once the page's
 * own scripts have run).
 */
import { expect } from '@open-wc/testing';
import { until } from '../helpers/checkout.js';

interface Message {
  source: string;
  id: string;
  code?: string;
  state?: string;
}

describe("README's 30-second example", () => {
  it('the listener added by the later module script sees insecure-key and invalid-config, once each', async () => {
    const messages: Message[] = [];
    const onMessage = (e: MessageEvent) => {
      if (e.data?.source === 'readme-example') messages.push(e.data as Message);
    };
    window.addEventListener('message', onMessage);
    const frame = document.createElement('iframe');
    frame.src = '/test/fixtures/readme-example.html';
    document.body.append(frame);
    try {
      await until(() => messages.filter((m) => m.code).length >= 2, 10_000, 'two error events in the page');
      await new Promise((r) => setTimeout(r, 200));
      const errors = messages.filter((m) => m.code);
      expect(errors).to.deep.include({ source: 'readme-example', id: 'secret-key', code: 'insecure-key', state: 'failed' });
      expect(errors).to.deep.include({ source: 'readme-example', id: 'bad-items', code: 'invalid-config', state: 'failed' });
      expect(errors).to.have.length(2);
      // The listeners were added before the errors arrived.
      expect(messages[0]!.id).to.equal('listening');
    } finally {
      window.removeEventListener('message', onMessage);
      frame.remove();
    }
  });
});
