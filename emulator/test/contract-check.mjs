// Registers, at the end of an emulator test file, a test that fails when any answer the emulator served
// during the file broke the Storefront contract (emulator/contract/). Requests are not checked here: the
// emulator's tests send wrong requests on purpose (the element's requests are checked by the browser run).
import { test } from 'node:test';
import assert from 'node:assert/strict';

/** @param {() => {contractViolations: () => import('../contract/validate.mjs').Violation[], contractEngine: string | null}} getEmulator */
export function contractTest(getEmulator) {
  test('every answer served in this file keeps the Storefront contract', () => {
    const emulator = getEmulator();
    assert.ok(emulator.contractEngine, 'the emulator was started without validateContract');
    const broken = emulator.contractViolations().filter((v) => v.kind === 'response');
    assert.deepEqual(
      broken.map((v) => `${v.method} ${v.path} → ${v.status} (${v.operationId}): ${v.errors.slice(0, 4).join('; ')}`),
      [],
    );
  });
}
