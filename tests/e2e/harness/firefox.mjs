// Firefox ESR, driven by playwright-core over WebDriver BiDi, as the tests launch it (`launch`
// in harness.mjs). Playwright's BiDi Firefox ignores `colorScheme`; the preference below
// decides what `prefers-color-scheme` says (0 dark, 1 light), for the whole browser. So a dark
// context gets a second Firefox, started the first time one is asked for.
import { firefox } from 'playwright-core';

const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';

export class FirefoxBrowser {
  static async launch() {
    const b = new FirefoxBrowser();
    b.light = await FirefoxBrowser.start(1);
    b.engine = 'firefox';
    b.version = b.light.version();
    return b;
  }
  static start(scheme) {
    return firefox.launch({
      channel: 'moz-firefox',
      executablePath: FIREFOX,
      headless: true,
      firefoxUserPrefs: {
        'layout.css.prefers-color-scheme.content-override': scheme,
        'network.captive-portal-service.enabled': false,
        'network.connectivity-service.enabled': false,
        'browser.safebrowsing.update.enabled': false,
        'app.update.enabled': false,
      },
    });
  }
  async newContext(options = {}) {
    const { colorScheme = 'light', ...rest } = options;
    if (colorScheme === 'dark') {
      this.dark ||= await FirefoxBrowser.start(0);
      return this.dark.newContext(rest);
    }
    return this.light.newContext(rest);
  }
  async newPage(options) {
    const context = await this.newContext(options);
    const page = await context.newPage();
    page.once('close', () => context.close().catch(() => {}));
    return page;
  }
  async close() {
    await this.light?.close();
    await this.dark?.close();
  }
}
