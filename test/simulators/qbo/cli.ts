import { parseArgs } from 'node:util';
import { startQboSimulator } from './qbo-simulator';

const USAGE = `npm run qbo-sim -- [--port 8090] [--seed N --customers N --invoices N --months N] [--client-id ID --client-secret S --verifier-token T] [--webhook-url URL]
Runs a simulated QuickBooks Online on 127.0.0.1 with one sample company, prints what an app needs
to connect to it, and runs until Ctrl-C.`;

/** A command line for the QuickBooks Online simulator, for demos and trying the adapter by hand. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8090' },
      seed: { type: 'string', default: '1' },
      customers: { type: 'string', default: '12' },
      invoices: { type: 'string', default: '60' },
      months: { type: 'string', default: '24' },
      name: { type: 'string', default: 'Sample Company (simulated)' },
      'client-id': { type: 'string', default: 'sim-client-id' },
      'client-secret': { type: 'string', default: 'sim-client-secret' },
      'verifier-token': { type: 'string', default: 'sim-verifier-token' },
      'webhook-url': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  const numbers = ['port', 'seed', 'customers', 'invoices', 'months'].map((k) => Number(values[k as 'port']));
  if (values.help || numbers.some((n) => !Number.isInteger(n) || n < 0)) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(values.help ? 0 : 2);
  }
  const [port, seed, customers, invoices, monthsOfHistory] = numbers;
  const sim = await startQboSimulator({
    port,
    clientId: values['client-id']!,
    clientSecret: values['client-secret']!,
    verifierToken: values['verifier-token']!,
    webhookUrl: values['webhook-url'],
    appName: 'Alternative Payments',
  });
  const realmId = sim.createCompany({ name: values.name, seed, customers, invoices, monthsOfHistory });
  process.stdout.write(
    [
      'QuickBooks Online simulator running.',
      `  API base:        ${sim.url}   (calls go to ${sim.url}/v3/company/${realmId}/...)`,
      `  Authorize URL:   ${sim.authorizeUrl}`,
      `  Token URL:       ${sim.tokenUrl}`,
      `  Revoke URL:      ${sim.revokeUrl}`,
      `  Company:         ${values.name}   realmId ${realmId}`,
      `  Client id:       ${values['client-id']}`,
      `  Client secret:   ${values['client-secret']}`,
      `  Verifier token:  ${values['verifier-token']}`,
      `  Webhooks to:     ${values['webhook-url'] ?? '(none: pass --webhook-url)'}`,
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
  const stop = () => {
    void sim.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`qbo-sim: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
