#!/usr/bin/env node
// Starts the Rebilly Storefront emulator: `node emulator/cli.mjs [--port 4455] [--latency 0] [--quiet]`.
import { parseArgs } from 'node:util';
import { startEmulator } from './index.mjs';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.EMULATOR_PORT ?? '4455' },
    latency: { type: 'string', default: '0' },
    'slow-gateway-ms': { type: 'string', default: '3000' },
    quiet: { type: 'boolean', default: false },
  },
});

const emulator = await startEmulator({
  port: Number(values.port),
  latencyMs: Number(values.latency),
  slowGatewayMs: Number(values['slow-gateway-ms']),
  quiet: true,
});
console.log(`Rebilly Storefront emulator: ${emulator.url}`);
console.log(`  publishable key pk_sandbox_emulator, organization demo-org, website demo-website`);
console.log(`  e.g. ${emulator.url}/organizations/demo-org/storefront/ready-to-pay`);

const stop = () => {
  emulator.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
