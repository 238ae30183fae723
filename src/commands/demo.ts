// `plivo-sync demo`: a guided tour on the bundled emulator — validate, plan, apply, plan again, export — run
// in-process against a seeded "existing" account, leaving nothing behind.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Io } from '../io.js';
import { EXIT } from '../errors.js';

export const DEMO_MANIFEST = `# yaml-language-server: $schema=../schema/manifest.schema.json
# The demo account: one inbound trunk with a fallback, one outbound trunk, and a softphone user.
version: 1
uris:
  - name: primary-pbx
    uri: sip.example.com:5060
  - name: backup-pbx
    uri: 203.0.113.20:5060
credentials:
  - name: office
    username: officeuser
    password: \${OFFICE_SIP_PASSWORD}
ipacls:
  - name: office-ips
    ip_addresses: [203.0.113.10, 198.51.100.0/24]
trunks:
  - name: inbound-main
    trunk_direction: inbound
    primary_uri: primary-pbx
    fallback_uri: backup-pbx
  - name: outbound-main
    trunk_direction: outbound
    ipacl: office-ips
    credential: office
endpoints:
  - username: alice
    alias: alice-desk
    password: \${ALICE_SIP_PASSWORD}
`;

const DEMO_SECRETS = { OFFICE_SIP_PASSWORD: 'Demo#Office1', ALICE_SIP_PASSWORD: 'demo-alice-pass' };

export async function runDemo(opts: { keep?: boolean }, io: Io): Promise<number> {
  const { startEmulator } = await import('../emulator/index.js');
  const emulator = await startEmulator({ rateLimit: 300 });
  const home = process.cwd();
  const dir = await mkdtemp(join(tmpdir(), 'plivo-sync-demo-'));
  const b = (s: string) => (io.color ? `\x1b[1m${s}\x1b[22m` : s);
  const say = (s: string) => io.out(`${s}\n`);
  const step = (n: number, title: string, command: string, why: string) => {
    say('');
    say(b(`── ${n}. ${title} ${'─'.repeat(Math.max(3, 72 - title.length))}`));
    say(why);
    say(b(`$ ${command}`));
  };
  try {
    // The "existing" account: one URI as the manifest wants it, one drifted, a disabled trunk, an unmanaged user.
    const primary = emulator.seed('uri', { name: 'primary-pbx', uri: 'sip.example.com:5060' });
    emulator.seed('uri', { name: 'backup-pbx', uri: '203.0.113.99:5060' });
    emulator.seed('trunk', { name: 'inbound-main', trunk_direction: 'inbound', trunk_status: 'disabled', primary_uri_uuid: primary.uri_uuid });
    emulator.seed('endpoint', { username: 'legacyphone', alias: 'legacy-phone', password: 'legacy-pass-1' });

    // Work inside the temporary directory so every command and message shows short relative paths, as in
    // the README; the previous directory comes back in `finally`.
    process.chdir(dir);
    const manifest = 'plivo.yaml';
    await writeFile(manifest, DEMO_MANIFEST);
    const env = {
      ...io.env,
      ...DEMO_SECRETS,
      PLIVO_API_URL: emulator.url,
      PLIVO_AUTH_ID: emulator.authId,
      PLIVO_AUTH_TOKEN: emulator.authToken,
    };
    const sub: Io = { ...io, env, stdinIsTTY: false, prompt: undefined };
    const api = { rotate: [] as string[], force: false };

    say(b('plivo-sync demo'));
    say(`A Plivo API emulator is running on ${emulator.url}`);
    say('(nothing leaves this machine).');
    say('It holds an "existing" account: two URIs (one pointing at an old IP), an inbound');
    say('trunk that someone disabled, and a softphone user nobody manages. The manifest');
    say('plivo.yaml, in a temporary directory, describes what we want.');

    step(1, 'Validate', 'plivo-sync validate plivo.yaml', 'Checks the file against the schema and the API rules. No network.');
    const { runValidate } = await import('./validate.js');
    if ((await runValidate({ manifest, format: 'text' }, sub)) !== EXIT.OK) return EXIT.ERROR;

    step(2, 'Plan', 'plivo-sync plan plivo.yaml --out plan.json', 'Reads the account and shows what apply would change, field by field; saves it.');
    const { runPlan } = await import('./plan.js');
    const savedPlan = 'plan.json';
    await runPlan({ manifest, format: 'text', detailedExitcode: false, out: savedPlan, ...api }, { ...sub, err: () => undefined });

    step(3, 'Apply', 'plivo-sync apply plan.json', 'Applies exactly the reviewed plan, in dependency order (URIs before the trunks\nusing them). It refuses if the account changed since the plan was made.');
    const { runApply } = await import('./apply.js');
    const applied = await runApply({ target: savedPlan, autoApprove: false, format: 'text', ...api }, { ...sub, err: () => undefined });
    if (applied !== EXIT.OK) return applied;

    step(4, 'Plan again', 'plivo-sync plan plivo.yaml', 'The account now matches the manifest: nothing left to do.');
    await runPlan({ manifest, format: 'text', detailedExitcode: false, ...api }, sub);

    step(5, 'Export', 'plivo-sync export --out account.yaml', 'Writes the live account as a manifest, for adoption or cloning.');
    const { runExport } = await import('./export.js');
    const exported = 'account.yaml';
    let exportNotes = '';
    await runExport({ out: exported }, { ...sub, err: (t) => void (exportNotes += t) });
    const { readFile } = await import('node:fs/promises');
    const text = await readFile(exported, 'utf8');
    // Skip the header comments (the schema modeline alone is wider than 80 columns) and show the start.
    const lines = text.split('\n');
    const body = lines.slice(lines.findIndex((l) => l.startsWith('version:')));
    say(body.slice(0, 16).join('\n'));
    if (body.length > 16) say(`  … ${body.length - 16} more lines`);
    // export lists the ${VAR}s to set on stderr, indented under its own heading; show them in the tour.
    const variables = exportNotes.split('\n').filter((l) => /^ {2}[A-Z][A-Z0-9_]*_PASSWORD\b/.test(l));
    if (variables.length > 0) {
      say('Passwords cannot be read back, so each is a ${VAR} to set before applying it:');
      for (const v of variables) say(v);
    }
    say('');
    say(b('Next'));
    say('  Try your own manifest against a local emulator:');
    say('    npx plivo-sync emulator --state /tmp/account.json');
    say('  It prints the PLIVO_* variables to export. Then point PLIVO_AUTH_ID and');
    say('  PLIVO_AUTH_TOKEN at your real account. README.md has more.');
    if (opts.keep) say(`  The demo's files are kept in ${dir}`);
    return EXIT.OK;
  } finally {
    process.chdir(home);
    await emulator.close();
    if (!opts.keep) await rm(dir, { recursive: true, force: true });
  }
}
