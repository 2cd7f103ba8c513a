// The browser tests need Chromium. Uses REGFORMS_CHROMIUM or Debian's /usr/bin/chromium; on a
// Debian machine where we are root, installs it with apt-get; otherwise says what to do.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const path = process.env.REGFORMS_CHROMIUM ?? '/usr/bin/chromium';
if (existsSync(path)) process.exit(0);
const canApt = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
if (!canApt || process.env.REGFORMS_CHROMIUM) {
  console.error(
    `The browser tests need Chromium at ${path}.\n` +
      'Install it (Debian/Ubuntu: sudo apt-get install -y chromium) or set REGFORMS_CHROMIUM to a Chromium binary.',
  );
  process.exit(1);
}
console.log('Installing Chromium for the browser tests (apt-get install chromium)…');
execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', {
  stdio: 'inherit',
});
